"""Statistics on constructed data whose answers are known (no database)."""

from __future__ import annotations

import random

import pytest

from interviews import stats_math as sm
from interviews.stats_math import ItemRow, PeerPair, ScoredAnswer


def _interviews(n: int, seed: int = 7):
    """n interviews of four questions: 1 everybody aces, 2 everybody fails, 3 follows the
    candidate's ability (discriminates), 4 is a coin flip (does not)."""
    rng = random.Random(seed)
    rows = []
    for interview in range(n):
        ability = rng.uniform(0.5, 4.5)
        scores = {
            1: 5.0 if rng.random() < 0.95 else 4.5,
            2: 0.0 if rng.random() < 0.95 else 0.5,
            3: max(0.0, min(5.0, round((ability + rng.gauss(0, 0.4)) * 2) / 2)),
            4: rng.choice([0.0, 5.0]),
        }
        for question, score in scores.items():
            rows.append(ItemRow(interview, question, True, score, seconds=300, limit=600))
        # A fifth question carries the rest score too: ability shows in it.
        rows.append(ItemRow(interview, 5, True, round(ability * 2) / 2, seconds=900, limit=600))
    return rows


def test_a_question_everybody_aces_is_flagged_and_one_everybody_fails_too():
    stats = sm.question_stats(_interviews(40), min_n=10)
    assert stats[1].flags == (sm.ACES,)
    assert stats[2].flags == (sm.FAILS,)
    assert stats[1].mean > 4.5 and stats[2].mean < 0.5


def test_discrimination_tells_an_informative_question_from_a_coin_flip():
    stats = sm.question_stats(_interviews(60), min_n=10)
    # The coin flip in the rest score dilutes it, yet it stands well above the threshold.
    assert stats[3].discrimination > 0.3
    assert sm.FLAT not in stats[3].flags
    assert abs(stats[4].discrimination) < 0.3
    assert stats[4].flags == (sm.FLAT,)


def test_nothing_is_flagged_under_the_minimum_sample():
    stats = sm.question_stats(_interviews(5), min_n=10)
    assert all(item.flags == () for item in stats.values())


def test_counts_time_and_not_asked():
    rows = [
        ItemRow(1, 7, True, 3.0, seconds=300, limit=600),
        ItemRow(2, 7, True, 5.0, seconds=900, limit=600),
        ItemRow(3, 7, False, None),
        ItemRow(4, 7, True, None, seconds=600, limit=600),  # asked, left unscored
    ]
    item = sm.question_stats(rows, min_n=1)[7]
    assert (item.asked, item.not_asked, item.n) == (3, 1, 2)
    assert item.mean == 4.0
    assert item.sd == pytest.approx(2**0.5)
    assert item.not_asked_share == 0.25
    assert item.time_ratio == pytest.approx((0.5 + 1.5 + 1.0) / 3)
    assert item.over_time_share == pytest.approx(1 / 3)
    assert item.discrimination is None  # no interview scored another question


def test_the_rest_score_leaves_the_item_out():
    # Question 1's score equals the total of each interview, so an uncorrected correlation would
    # be high; the rest (question 2) runs against it.
    rows = []
    for interview, (a, b) in enumerate([(1, 4), (2, 3), (3, 2), (4, 1)]):
        rows += [ItemRow(interview, 1, True, a), ItemRow(interview, 2, True, b)]
    stats = sm.question_stats(rows, min_n=1)
    assert stats[1].discrimination == pytest.approx(-1.0)


def test_severity_one_point_lower_on_30_shared_answers_is_about_minus_one():
    rng = random.Random(3)
    answers = []
    for _ in range(30):
        reference = rng.choice([1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5])
        noise = rng.choice([-0.5, 0.0, 0.0, 0.5])
        answers.append(ScoredAnswer(9, reference - 1 + noise, reference, topic="k8s"))
    found = sm.interviewer_stats(answers, min_n=10)[9]
    assert found.vs_scorer.n == 30
    assert found.vs_scorer.mean == pytest.approx(-1, abs=0.2)
    assert found.vs_scorer.low < found.vs_scorer.mean < found.vs_scorer.high < 0
    assert found.vs_scorer.enough(10)
    assert found.by_topic["k8s"].n == 30


def test_severity_against_peers_goes_through_the_peer_pairs():
    pairs = [PeerPair(n, 1, 2, s - 1, s) for n, s in enumerate([2.0, 3.0, 4.0, 5.0] * 8)]
    found = sm.interviewer_stats([], pairs, min_n=10)[1]
    assert found.vs_peers.n == 32
    assert found.vs_peers.mean == pytest.approx(-1)
    assert found.vs_peers.low == found.vs_peers.high == pytest.approx(-1)  # no spread at all
    assert found.kappa_peers is not None and found.kappa_peers < 1
    assert found.vs_scorer.n == 0 and found.kappa_scorer is None


def test_severity_interval_matches_a_hand_computation():
    # mean 0, sample sd sqrt(4/3) over n=4: half-width t(3) * sqrt(4/3) / 2 = 1.837.
    found = sm.severity([-1.0, 1.0, -1.0, 1.0])
    assert found.mean == 0
    assert found.high == pytest.approx(1.837, abs=1e-3)
    assert found.low == pytest.approx(-1.837, abs=1e-3)
    assert sm.severity([0.5]).low is None
    assert not sm.severity([0.5] * 3).enough(10)


def test_t_quantiles():
    assert sm.t975(1) == 12.706
    assert sm.t975(30) == 2.042
    assert sm.t975(40) == pytest.approx(2.021, abs=1e-3)
    assert sm.t975(120) == pytest.approx(1.980, abs=1e-3)


def test_kappa_on_known_tables():
    # Two categories: quadratic weights are Cohen's, and this table's kappa is 0.4
    # (p_o = 35/50 = 0.7, p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.5; (0.7 - 0.5) / 0.5).
    assert sm.kappa_from_table([[20, 5], [10, 15]]) == pytest.approx(0.4)
    assert sm.kappa_from_table([[5, 0, 0], [0, 5, 0], [0, 0, 5]]) == pytest.approx(1.0)
    # Complete reversal on a 3-point scale: observed weighted disagreement 5 + 5 = 10 (the
    # corners, weight 1); expected from margins (5, 0, 5) both ways: 25/10 + 25/10 = 5; 1 - 10/5.
    assert sm.kappa_from_table([[0, 0, 5], [0, 0, 0], [5, 0, 0]]) == pytest.approx(-1.0)
    # Independent ratings (the table is the product of its margins): 0.
    assert sm.kappa_from_table([[4, 2], [6, 3]]) == pytest.approx(0.0)
    assert sm.kappa_from_table([[3, 0], [0, 0]]) is None  # one category only: undefined


def test_quadratic_kappa_equals_the_concordance_correlation():
    # An identity: with quadratic weights and chance from the margins, kappa is Lin's
    # concordance 2 s_xy / (s_x^2 + s_y^2 + (mean_x - mean_y)^2) on the category indices.
    rng = random.Random(11)
    pairs = []
    for _ in range(200):
        a = rng.randint(0, 10) / 2
        pairs.append((a, max(0.0, min(5.0, a - 1 + rng.randint(-2, 2) / 2))))
    xs = [sm.half_points(a) for a, _ in pairs]
    ys = [sm.half_points(b) for _, b in pairs]
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / n
    sxx = sum((x - mx) ** 2 for x in xs) / n
    syy = sum((y - my) ** 2 for y in ys) / n
    lin = 2 * sxy / (sxx + syy + (mx - my) ** 2)
    assert sm.weighted_kappa(pairs) == pytest.approx(lin)


def test_one_point_lower_costs_kappa_but_is_still_agreement():
    pairs = [(s - 1, s) for s in [1.0, 2.0, 3.0, 4.0, 5.0] * 6]
    kappa = sm.weighted_kappa(pairs)
    assert 0.5 < kappa < 1
    assert sm.weighted_kappa([(s, s) for s, _ in pairs]) == pytest.approx(1.0)
    assert sm.weighted_kappa([]) is None


def test_pearson_and_histogram_edges():
    assert sm.pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert sm.pearson([1, 1, 1], [2, 4, 6]) is None
    assert sm.pearson([1, 2], [1, 2]) is None
    assert sm.histogram([-9, -1, -0.5, 0, 0.25, 9], low=-1, high=1, step=0.5) == [2, 1, 2, 1]
