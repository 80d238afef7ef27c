"""Exact distribution of integer widths (after Rich's ``ratio_resolve``).

Widths always add up to the target exactly, so columns tile the grid with
no rounding drift.
"""

from __future__ import annotations

from fractions import Fraction


def split_exact(total: int, weights: list[Fraction] | list[int]) -> list[int]:
    """Integers summing to ``total`` in proportion to ``weights``.

    Each share is rounded down, then the pixels left over go to the largest
    remainders (ties by position), so equal weights differ by at most 1.
    All-zero weights share equally.
    """
    total_w = sum(weights)
    if total_w == 0:
        weights = [1] * len(weights)
        total_w = len(weights)
    exact = [Fraction(total * w, total_w) for w in weights]
    parts = [int(e) for e in exact]
    left = total - sum(parts)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[:left]:
        parts[i] += 1
    return parts
