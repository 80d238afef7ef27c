"""Exact distribution of integer widths (after Rich's ``ratio_resolve``).

Widths always add up to the target exactly, so columns tile the grid with
no rounding drift.
"""

from __future__ import annotations

from fractions import Fraction


def distribute(total: int, mins: list[int], prefs: list[int]) -> list[int]:
    """Integer widths summing to ``total``.

    Each column gets its minimum, then the rest goes toward the preferred
    widths in proportion to the room each column has, and anything left is
    shared in proportion to the preferred widths.  When ``total`` is below the
    sum of minimums, the minimums are returned (the caller grows the canvas).
    """
    n = len(mins)
    if n == 0:
        return []
    base = sum(mins)
    if total <= base:
        return list(mins)
    room = [max(0, p - m) for m, p in zip(mins, prefs)]
    extra = total - base
    if sum(room) >= extra:
        return [m + a for m, a in zip(mins, _split(extra, room))]
    grown = [max(m, p) for m, p in zip(mins, prefs)]
    return [g + a for g, a in zip(grown, _split(total - sum(grown), grown))]


def _split(amount: int, weights: list[int]) -> list[int]:
    """Split integer ``amount`` by ``weights`` exactly (largest remainder, ties by position)."""
    total_w = sum(weights)
    if total_w == 0:
        weights = [1] * len(weights)
        total_w = len(weights)
    exact = [Fraction(amount * w, total_w) for w in weights]
    parts = [int(e) for e in exact]
    left = amount - sum(parts)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[:left]:
        parts[i] += 1
    return parts
