"""Statistics on final scores, for curators and interviewers: pure arithmetic, no Django.

Scores are on the 0-5 scale in half points. Two families:

- **Questions** (classical item analysis): how often a question is asked and skipped, the mean
  and spread of its final scores, its time used against its limit, and how well it
  *discriminates*: the corrected item-total correlation, i.e. Pearson's r between the question's
  score and the mean score of the *other* questions of the same interview (the rest score; a mean,
  not a sum, because interviews ask different numbers of questions). An item that strong
  candidates pass and weak ones fail correlates with the rest; below ``POOR_DISCRIMINATION`` it
  tells the panel little. Flags need ``min_n`` scores, so two lucky candidates flag nothing.
- **Interviewers**: *severity*, the mean of (their score - a reference score) on the same answers
  with its 95% t-interval, against the scorer's suggestion and against panel peers; and
  *agreement*, quadratic weighted kappa on the half-point scale (1: identical, 0: as good as
  chance, below 0: worse).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

MAX_SCORE = 5.0
# A question "everybody aces" when at least this share of its scores reach ACED_SCORE; "everybody
# fails" when that share stay at or below FAILED_SCORE.
EVERYONE_SHARE = 0.9
ACED_SCORE = 4.0
FAILED_SCORE = 1.0
# Corrected item-total correlation under which a question does not tell candidates apart (the
# usual rule of thumb of classical test theory: 0.2 poor, 0.3 good).
POOR_DISCRIMINATION = 0.2

ACES = "aces"
FAILS = "fails"
FLAT = "flat"  # does not discriminate

# Two-sided 97.5% quantiles of Student's t for 1..30 degrees of freedom.
_T975 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip


def t975(df: int) -> float:
    """The 97.5% quantile of Student's t (a 95% two-sided interval); beyond 30 degrees of
    freedom the Cornish-Fisher expansion around the normal quantile (error < 0.001)."""
    if df < 1:
        raise ValueError("at least one degree of freedom")
    if df <= len(_T975):
        return _T975[df - 1]
    z = 1.959964
    return z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def sd(values: Sequence[float]) -> float | None:
    """Sample standard deviation (n - 1); None under two values."""
    n = len(values)
    if n < 2:
        return None
    m = sum(values) / n
    return math.sqrt(sum((v - m) ** 2 for v in values) / (n - 1))


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's r; None under three pairs or when either side does not vary."""
    n = len(xs)
    if n != len(ys):
        raise ValueError("pairs of equal length")
    if n < 3:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))


# --- Questions -------------------------------------------------------------------------------


class ItemRow(NamedTuple):
    """One question slot of a finished interview (any tuple in this order will do: the data
    layer passes database rows straight in)."""

    interview: int
    question: int
    asked: bool  # False: marked "not asked" (slots never reached are left out by the caller)
    score: float | None  # the final score, None when unscored
    seconds: int = 0
    limit: int = 0


@dataclass
class QuestionStats:
    question: int
    asked: int = 0
    not_asked: int = 0
    scores: list[float] = field(default_factory=list)
    time_ratios: list[float] = field(default_factory=list)  # seconds used / limit, per asking
    discrimination: float | None = None
    discrimination_n: int = 0  # scores that had a rest score beside them
    flags: tuple[str, ...] = ()
    # The figures below are read after question_stats() filled the lists: computed once each.

    @property
    def n(self) -> int:
        return len(self.scores)

    @cached_property
    def mean(self) -> float | None:
        return mean(self.scores)

    @cached_property
    def sd(self) -> float | None:
        return sd(self.scores)

    @cached_property
    def not_asked_share(self) -> float | None:
        total = self.asked + self.not_asked
        return self.not_asked / total if total else None

    @cached_property
    def time_ratio(self) -> float | None:
        return mean(self.time_ratios)

    @cached_property
    def over_time_share(self) -> float | None:
        if not self.time_ratios:
            return None
        return sum(1 for r in self.time_ratios if r > 1) / len(self.time_ratios)


def question_stats(rows: Iterable[ItemRow], *, min_n: int) -> dict[int, QuestionStats]:
    """Every question's statistics from its slots in finished interviews, in one pass plus one
    pass per interview for the rest scores."""
    stats: dict[int, QuestionStats] = {}
    by_interview: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for interview, question, asked, score, seconds, limit in rows:
        item = stats.get(question)
        if item is None:
            item = stats[question] = QuestionStats(question)
        if not asked:
            item.not_asked += 1
            continue
        item.asked += 1
        if limit > 0:
            item.time_ratios.append(seconds / limit)
        if score is not None:
            item.scores.append(score)
            by_interview[interview].append((question, score))
    pairs: dict[int, tuple[list[float], list[float]]] = defaultdict(lambda: ([], []))
    for scored in by_interview.values():
        if len(scored) < 2:
            continue
        total = sum(score for _, score in scored)
        for question, score in scored:
            xs, ys = pairs[question]
            xs.append(score)
            ys.append((total - score) / (len(scored) - 1))
    for question, (xs, ys) in pairs.items():
        item = stats[question]
        item.discrimination = pearson(xs, ys)
        item.discrimination_n = len(xs)
    for item in stats.values():
        item.flags = flags(item, min_n=min_n)
    return stats


def flags(item: QuestionStats, *, min_n: int) -> tuple[str, ...]:
    """What a curator should look at: everyone aces it, everyone fails it, it does not tell
    candidates apart. Nothing under ``min_n`` scores (rest scores for discrimination)."""
    found = []
    if item.n >= min_n:
        if sum(1 for s in item.scores if s >= ACED_SCORE) >= EVERYONE_SHARE * item.n:
            found.append(ACES)
        elif sum(1 for s in item.scores if s <= FAILED_SCORE) >= EVERYONE_SHARE * item.n:
            found.append(FAILS)
    # An item everybody aces cannot correlate with anything: its flag says why already.
    if (
        item.discrimination_n >= min_n
        and not found
        and (item.discrimination is None or item.discrimination < POOR_DISCRIMINATION)
    ):
        found.append(FLAT)
    return tuple(found)


# --- Interviewers ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Severity:
    """Mean of (score - reference) over ``n`` shared answers, with its 95% interval.

    Negative: harsher than the reference. ``low``/``high`` are None under two answers."""

    n: int
    mean: float | None
    low: float | None
    high: float | None

    def enough(self, min_n: int) -> bool:
        return self.n >= min_n and self.mean is not None


def severity(differences: Sequence[float]) -> Severity:
    n = len(differences)
    if n == 0:
        return Severity(0, None, None, None)
    m = sum(differences) / n
    spread = sd(differences)
    if spread is None:
        return Severity(n, m, None, None)
    half = t975(n - 1) * spread / math.sqrt(n)
    return Severity(n, m, m - half, m + half)


def half_points(score: float) -> int:
    """A 0-5 score as one of the 11 categories 0, 0.5, ..., 5 (index 0..10)."""
    return max(0, min(int(MAX_SCORE * 2), math.floor(score * 2 + 0.5)))


def weighted_kappa(
    pairs: Iterable[tuple[float, float]], *, categories: int = int(MAX_SCORE * 2) + 1
) -> float | None:
    """Quadratic weighted kappa of two raters on half-point scores; None without pairs or when
    the chance disagreement is nil (both raters always gave the same single score)."""
    table = [[0] * categories for _ in range(categories)]
    top = categories - 1
    n = 0
    for a, b in pairs:  # half_points(), inlined: this loop runs once per shared answer
        i, j = math.floor(a * 2 + 0.5), math.floor(b * 2 + 0.5)
        table[0 if i < 0 else top if i > top else i][0 if j < 0 else top if j > top else j] += 1
        n += 1
    return kappa_from_table(table) if n else None


def kappa_from_table(table: Sequence[Sequence[int]]) -> float | None:
    """Quadratic weighted kappa from a square agreement table (rows: rater A's category,
    columns: rater B's): 1 - sum(w * observed) / sum(w * expected), w = (i - j)^2 / (k - 1)^2,
    expected from the margins."""
    k = len(table)
    n = sum(sum(row) for row in table)
    if n == 0 or k < 2:
        return None
    rows = [sum(row) for row in table]
    cols = [sum(table[i][j] for i in range(k)) for j in range(k)]
    observed = expected = 0.0
    for i in range(k):
        for j in range(k):
            w = (i - j) ** 2 / (k - 1) ** 2
            observed += w * table[i][j]
            expected += w * rows[i] * cols[j] / n
    if expected <= 1e-12:
        return None
    return 1 - observed / expected


class ScoredAnswer(NamedTuple):
    """One interviewer's final score on one answer, beside the scorer's raw suggestion (any
    tuple in this order will do)."""

    interviewer: int
    score: float
    suggestion: float | None
    topic: str = ""


class PeerPair(NamedTuple):
    """Two panel members' scores on the same answer (``answer``: its InterviewQuestion id)."""

    answer: int
    interviewer: int
    peer: int
    score: float
    peer_score: float


@dataclass
class InterviewerStats:
    interviewer: int
    n: int = 0
    mean: float | None = None
    vs_scorer: Severity = field(default_factory=lambda: severity([]))
    vs_peers: Severity = field(default_factory=lambda: severity([]))
    kappa_scorer: float | None = None
    kappa_peers: float | None = None
    differences: list[float] = field(default_factory=list)  # score - suggestion, per answer
    by_topic: dict[str, Severity] = field(default_factory=dict)


def interviewer_stats(
    answers: Iterable[ScoredAnswer], peers: Iterable[PeerPair] = (), *, min_n: int
) -> dict[int, InterviewerStats]:
    """Each interviewer's severity and agreement, against the scorer and against peers. Kappas
    are computed only over ``min_n`` pairs or more (None below)."""
    scores: dict[int, list[float]] = defaultdict(list)
    with_scorer: dict[int, list[tuple[float, float]]] = defaultdict(list)
    topics: dict[int, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for who, score, suggestion, topic in answers:
        scores[who].append(score)
        if suggestion is not None:
            with_scorer[who].append((score, suggestion))
            topics[who][topic].append(score - suggestion)
    with_peers: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for _answer, who, _peer, score, peer_score in peers:
        with_peers[who].append((score, peer_score))
    found = {}
    for who in scores.keys() | with_peers.keys():
        mine = scores.get(who, [])
        vs_scorer = with_scorer.get(who, [])
        vs_peers = with_peers.get(who, [])
        differences = [a - b for a, b in vs_scorer]
        found[who] = InterviewerStats(
            interviewer=who,
            n=len(mine),
            mean=mean(mine),
            vs_scorer=severity(differences),
            vs_peers=severity([a - b for a, b in vs_peers]),
            kappa_scorer=weighted_kappa(vs_scorer) if len(vs_scorer) >= min_n else None,
            kappa_peers=weighted_kappa(vs_peers) if len(vs_peers) >= min_n else None,
            differences=differences,
            by_topic={t: severity(d) for t, d in sorted(topics.get(who, {}).items())},
        )
    return found


def histogram(values: Iterable[float], *, low: float, high: float, step: float) -> list[int]:
    """Counts per bin of width ``step`` from ``low`` to ``high`` (the ends clamp into the first
    and last bins)."""
    bins = max(1, round((high - low) / step))
    counts = [0] * bins
    for value in values:
        index = math.floor((value - low) / step + 1e-9)
        counts[max(0, min(bins - 1, index))] += 1
    return counts
