"""Exact integer distribution: the sum is the target, shares follow the weights within one pixel."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from cjmrender.layout.distribute import split_exact

weights = st.lists(st.one_of(st.integers(0, 50), st.fractions(0, 20, max_denominator=7)), min_size=1, max_size=12)


@given(st.integers(0, 5000), weights)
def test_parts_add_up_and_follow_the_weights(total, ws):
    parts = split_exact(total, ws)
    assert len(parts) == len(ws) and sum(parts) == total
    assert all(isinstance(p, int) and p >= 0 for p in parts)
    tw = sum(ws) or len(ws)
    shares = [Fraction(total * (w if sum(ws) else 1), tw) for w in ws]
    for p, share in zip(parts, shares):
        assert share - 1 < p < share + 1  # each part is its exact share rounded down or up
        assert p in (int(share), int(share) + 1)
    # largest remainders first: every share rounded up had at least the remainder of any rounded down
    up = [s - int(s) for p, s in zip(parts, shares) if p > s]
    down = [s - int(s) for p, s in zip(parts, shares) if p <= s]
    if up and down:
        assert min(up) >= max(down)


@given(st.integers(0, 5000), weights)
def test_heavier_never_gets_less(total, ws):
    parts = split_exact(total, ws)
    for i in range(len(ws)):
        for j in range(len(ws)):
            if ws[i] > ws[j]:
                assert parts[i] >= parts[j]
            if ws[i] == ws[j]:
                assert abs(parts[i] - parts[j]) <= 1
                if i < j:  # a leftover pixel between equal weights goes to the earlier one
                    assert parts[i] >= parts[j]


@given(st.integers(0, 5000), st.integers(1, 12))
def test_zero_weights_share_equally(total, n):
    parts = split_exact(total, [0] * n)
    assert sum(parts) == total and max(parts) - min(parts) <= 1


@given(st.integers(0, 5000), weights, st.integers(1, 9))
def test_scaling_the_weights_changes_nothing(total, ws, k):
    assert split_exact(total, ws) == split_exact(total, [w * k for w in ws])


def test_leftover_pixels_go_to_the_largest_remainders():
    # 10 in thirds: 3.33 each, one pixel left, to the first; 2:1 of 10 is 6.67 and 3.33
    assert split_exact(10, [1, 1, 1]) == [4, 3, 3]
    assert split_exact(10, [2, 1]) == [7, 3]
    assert split_exact(10, [1, 2]) == [3, 7]
    assert split_exact(14, [39, 101]) == [4, 10]  # 3.9 and 10.1: the pixel goes to the 0.9, not the bigger part
