"""interviews.panel_math: the disagreement rule and the median the decision starts from."""

from __future__ import annotations

from decimal import Decimal as D

from interviews.panel_math import disagreement, half_point_median


def test_a_spread_of_two_points_is_a_disagreement_and_less_is_not():
    assert disagreement([D(4), D(2)], [[], []]).scores_apart
    assert disagreement([D(4), D(2)], [[], []]).any
    near = disagreement([D(4), D("2.5"), D(3)], [[0], [0], [0]])
    assert near.spread == D("1.5") and not near.any


def test_a_key_point_ticked_by_some_seats_only_is_a_disagreement():
    found = disagreement([D(3), D(3), D(3)], [[0, 1], [1], [1, 2]])
    assert found.split_points == (0, 2) and found.any and not found.scores_apart


def test_one_seat_or_none_never_disagrees():
    assert not disagreement([D(5)], [[0]]).any
    assert not disagreement([], []).any
    assert disagreement([D(1), None], [[], []]).spread is None


def test_median_on_the_half_point_grid():
    assert half_point_median([D(4), D(2)]) == D(3)
    assert half_point_median([D(4), D("2.5")]) == D("3.5")  # 3.25 rounds up to 3.5
    assert half_point_median([D(1), D(5), D(2)]) == D(2)
    assert half_point_median([D("4.5"), D(4)]) == D("4.5")  # 4.25 -> 4.5
    assert half_point_median([None, None]) is None
