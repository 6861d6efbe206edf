"""Hedges as intervals, and when two intervals overlap (newsreader.methods.numbers), at their boundaries."""
import math

import pytest

from newsreader.methods.numbers import hedge_interval, overlap


@pytest.mark.parametrize("a, b", [((1, 2), (2, 3)), ((2, 3), (1, 2)), ((5, 5), (5, 5)), ((1, math.inf), (1e9, 1e9))])
def test_intervals_that_touch_or_contain_each_other_overlap(a, b):
    assert overlap(a, b) and overlap(b, a)


@pytest.mark.parametrize("a, b", [((1, 2), (2.0001, 3)), ((13_500, 16_500), (20_000, math.inf))])
def test_intervals_apart_do_not_overlap(a, b):
    assert not overlap(a, b) and not overlap(b, a)


def test_hedges_give_the_documented_intervals():
    assert hedge_interval(250, "some") == (225, 275)
    assert hedge_interval(80, "more than") == (80, math.inf)
    assert hedge_interval(200, "hundreds of") == (200, 999)
    assert hedge_interval(40_000, "up to") == (40_000, 40_000)
