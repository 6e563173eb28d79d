"""Calibrating a question's suggestion on interviewers' scores: the pure part."""

from __future__ import annotations

import json

import pytest

from scoring import calibration
from scoring.calibration import Calibration, CalibrationError, apply, fit


def test_a_scorer_that_is_generous_on_a_question_is_brought_down():
    # The interviewers gave 1.5 less than the scorer on every answer, many times over.
    pairs = [(raw, raw - 1.5) for raw in (2, 2.5, 3, 3.5, 4, 4.5, 5)] * 4
    fitted = fit(pairs)
    assert fitted.count == 28
    # 28 scores against a prior of 8: most of the way to the interviewers' scores.
    assert apply(fitted, 4.0) == 3.0
    assert apply(fitted, 3.0) == 2.0


def test_few_scores_move_the_suggestion_only_part_of_the_way():
    pairs = [(4.0, 2.0)] * 8
    assert apply(fit(pairs), 4.0) == 3.0  # 8 scores weigh as much as the raw suggestion
    assert apply(fit(pairs), 4.0, prior=0) == 2.0
    assert apply(fit(pairs[:2]), 4.0) == 3.5  # 2 scores: a fifth of the way, rounded to halves


def test_isotonic_fit_pools_violators_and_never_reverses_the_order():
    knots = calibration.pool_adjacent_violators([(1, 1), (2, 3), (3, 2), (4, 4)])
    assert knots == [(1, 1), (2, 2.5), (3, 2.5), (4, 4)]
    fitted = fit([(1, 1), (2, 3), (3, 2), (4, 4)] * 10)
    outputs = [apply(fitted, raw / 2) for raw in range(11)]
    assert outputs == sorted(outputs)


def test_beyond_the_scored_answers_the_nearest_offset_carries_on():
    # Every scored answer was weak (raw 1-2) and scored 0.5 lower: a strong answer is not
    # capped at the weak ones' score, it keeps the same offset.
    fitted = fit([(1.0, 0.5), (2.0, 1.5)] * 20)
    assert apply(fitted, 5.0, prior=0) == 4.5
    assert apply(fitted, 0.0, prior=0) == 0.0  # clipped to 0..5


def test_results_are_halves_between_zero_and_five():
    fitted = fit([(0.0, 5.0), (5.0, 5.0)] * 20, method="linear")
    for raw in (0, 0.5, 2.5, 5):
        value = apply(fitted, raw, prior=0)
        assert 0 <= value <= 5 and value * 2 == int(value * 2)


@pytest.mark.parametrize("method", calibration.METHODS)
def test_every_method_survives_json_and_gives_the_same_answer(method):
    fitted = fit([(1, 0), (2, 2), (3, 2), (4, 5), (4, 4)] * 3, method=method)
    stored = json.loads(json.dumps(fitted.as_json()))
    again = Calibration.from_json(stored)
    assert again == fitted
    assert [apply(again, x / 2) for x in range(11)] == [apply(fitted, x / 2) for x in range(11)]


def test_linear_and_shift_fit_what_they_say():
    assert fit([(1, 2), (3, 4)], method="shift").fitted(2.0) == 3.0
    linear = fit([(1, 1), (3, 5)], method="linear")
    assert linear.fitted(2.0) == 3.0
    # A falling line would rank a worse answer higher: the slope stops at 0.
    assert fit([(1, 4), (3, 1)], method="linear").fitted(5.0) == 2.5


def test_no_calibration_rounds_the_raw_suggestion_only():
    assert apply(None, 3.3) == 3.5


@pytest.mark.parametrize(
    "bad",
    [
        None,
        {},
        {"method": "magic", "count": 3, "points": [[1, 1]]},
        {"method": "isotonic", "count": 3, "points": []},
        {"method": "isotonic", "count": "x", "points": [[1, 1]]},
        {"method": "linear", "count": 3, "points": [[1]]},
    ],
)
def test_a_stored_calibration_that_is_not_one_says_so(bad):
    with pytest.raises(CalibrationError):
        Calibration.from_json(bad)


def test_fitting_nothing_or_an_unknown_method_is_refused():
    with pytest.raises(ValueError, match="no scores"):
        fit([])
    with pytest.raises(ValueError, match="unknown calibration method"):
        fit([(1, 1)], method="magic")


def test_the_simulation_finds_a_bias_and_says_when_k_is_infeasible():
    from bench.calibration_sim import simulate

    # Ten answers per question; interviewers score 1.5 under the scorer on the first question
    # and 1.5 over it on the second: per-question calibration must find both.
    groups = [
        [{"raw": raw / 2, "grade": max(0, raw / 2 - 1.5)} for raw in range(3, 11)]
        + [{"raw": 4.5, "grade": 3.0}, {"raw": 2.0, "grade": 0.5}],
        [{"raw": raw / 2, "grade": min(5, raw / 2 + 1.5)} for raw in range(0, 8)]
        + [{"raw": 1.0, "grade": 2.5}, {"raw": 3.0, "grade": 4.5}],
    ]
    (raw_rho, cal_rho, raw_mae, cal_mae), eligible = simulate(groups, 8, "isotonic", 8, 20, 1)
    assert eligible == 2 and cal_mae < raw_mae - 0.5 and cal_rho > raw_rho
    assert simulate(groups, 16, "isotonic", 8, 20, 1) == (None, 0)
