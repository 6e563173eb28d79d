"""Chart coordinates (no database): the values land where the axes say."""

from __future__ import annotations

import pytest

from interviews import stats_charts
from interviews.stats_math import severity


def test_item_map_places_mean_across_and_discrimination_up():
    chart = stats_charts.item_map([("a", 0.0, 1.0, False), ("b", 5.0, -1.0, True)])
    (ax, ay, *_), (bx, by, *_, flagged) = chart["dots"]
    assert (ax, ay) == (chart["left"], chart["top"])
    assert (bx, by) == (chart["right"], chart["bottom"])
    assert flagged is True
    assert chart["bottom"] > chart["threshold"] > chart["top"]


def test_forest_leaves_out_rows_under_the_minimum_and_centres_zero():
    enough = severity([-1.0, -1.5, -0.5] * 4)
    few = severity([2.0, 2.0])
    chart = stats_charts.forest([("harsh", enough), ("few", few)], min_n=10)
    assert [row[1] for row in chart["rows"]] == ["harsh"]
    _, _, mean, low, high, _ = chart["rows"][0]
    assert low < mean < high < chart["zero"]
    assert stats_charts.forest([("few", few)], min_n=10) == {}


def test_histogram_bars_are_centred_on_their_half_point():
    chart = stats_charts.difference_histogram([0.0, 0.0, -1.0, 9.0])
    by_value = {value: (x, width, count) for x, _, width, _, value, count in chart["bars"]}
    assert by_value[0.0][2] == 2 and by_value[-1.0][2] == 1 and by_value[3.0][2] == 1
    x, width, _ = by_value[0.0]
    assert x - 1 < chart["zero"] < x + width + 1
    assert x + width / 2 == pytest.approx(chart["zero"], abs=1.5)
    assert stats_charts.difference_histogram([]) == {}


def test_small_bars_clamp_to_their_scale():
    bar = stats_charts.range_bar(4.5, 2.0)
    assert bar["start"] <= bar["low"] < bar["mean"] < bar["high"] == bar["end"]
    assert stats_charts.time_bar(3.0)["used"] == stats_charts.time_bar(2.0)["used"]
    assert stats_charts.time_bar(1.5)["over"] and not stats_charts.time_bar(0.5)["over"]
    assert stats_charts.range_bar(None, None) == {} and stats_charts.time_bar(None) == {}
