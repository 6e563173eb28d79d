"""Calibrating the suggestion for one question against the interviewers' own final scores.

Pure Python, no Django. ``fit`` takes pairs of (the scorer's raw suggestion, the interviewer's
score) for answers to one question and returns a ``Calibration`` (JSON-storable with
``as_json``/``from_json``); ``apply`` maps a new raw suggestion through it, to 0..5 in halves.

The fit is a monotone map from raw suggestion to score: a better raw suggestion never comes out
lower. Methods (``bench/calibration_sim.py`` compares them on graded answers):

- ``isotonic``: pool-adjacent-violators on the pairs; between the raw values seen, linear
  interpolation; beyond them, the offset at the nearest end carries on (a question whose
  scored answers were all weak must not cap a strong answer at the weak ones' score);
- ``linear``: least squares ``a + b * raw``, the slope kept >= 0;
- ``shift``: the mean difference only (``raw + mean(human - raw)``).

Few scores say little, so the fitted map is trusted in proportion to them: the calibrated value
is ``raw + w * (fitted(raw) - raw)`` with ``w = n / (n + prior)``. An answer the scorer rates 0
for a rubric reason (``KEEP_RAW``: blank, the question repeated, nothing of the standard
answer, "I don't know") keeps its 0; callers check.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

# The scorer's notes (scoring.suggest.NOTES) that make an answer 0 by the rubric, whatever the
# interviewers gave other answers with the same raw suggestion: these stay raw.
KEEP_RAW = frozenset({"empty", "echo", "nothing_new", "dont_know"})

METHODS = ("isotonic", "linear", "shift")
DEFAULT_METHOD = "isotonic"
PRIOR = 8  # scores that weigh as much as the raw suggestion: with 8 scores, halfway
MAX_SCORE = 5.0


class CalibrationError(ValueError):
    """A stored calibration that cannot be read back (bad JSON shape, unknown method)."""


@dataclass(frozen=True)
class Calibration:
    """A fitted map from raw suggestion to score, on ``count`` interviewer scores.

    ``points``: for ``isotonic`` the (raw, fitted) knots in increasing raw order; for
    ``linear`` one pair (intercept, slope); for ``shift`` one pair (offset, 1.0).
    """

    method: str
    count: int
    points: tuple[tuple[float, float], ...]

    def as_json(self) -> dict:
        points = [list(point) for point in self.points]
        return {"method": self.method, "count": self.count, "points": points}

    @classmethod
    def from_json(cls, data) -> Calibration:
        try:
            method, count = data["method"], int(data["count"])
            points = tuple((float(x), float(y)) for x, y in data["points"])
        except (TypeError, KeyError, ValueError) as exc:
            raise CalibrationError(f"not a calibration: {exc!r}") from None
        if method not in METHODS or count < 0 or not points:
            raise CalibrationError(f"not a calibration: {data!r}")
        return cls(method, count, points)

    def fitted(self, raw: float) -> float:
        """The fitted map itself, before shrinkage and rounding."""
        if self.method == "isotonic":
            return _interpolate(self.points, raw)
        intercept, slope = self.points[0]
        return intercept + slope * raw


def fit(pairs: Iterable[tuple[float, float]], *, method: str = DEFAULT_METHOD) -> Calibration:
    """Fit the map on (raw suggestion, interviewer score) pairs; at least one pair."""
    if method not in METHODS:
        raise ValueError(f"unknown calibration method {method!r}; one of {', '.join(METHODS)}")
    pairs = [(float(x), float(y)) for x, y in pairs]
    if not pairs:
        raise ValueError("no scores to calibrate on")
    n = len(pairs)
    if method == "shift":
        offset = sum(y - x for x, y in pairs) / n
        return Calibration(method, n, ((offset, 1.0),))
    if method == "linear":
        mean_x = sum(x for x, _ in pairs) / n
        mean_y = sum(y for _, y in pairs) / n
        var = sum((x - mean_x) ** 2 for x, _ in pairs)
        cov = sum((x - mean_x) * (y - mean_y) for x, y in pairs)
        slope = max(0.0, cov / var) if var else 1.0  # one raw value seen: keep its slope 1
        return Calibration(method, n, ((mean_y - slope * mean_x, slope),))
    return Calibration(method, n, tuple(pool_adjacent_violators(pairs)))


def pool_adjacent_violators(pairs: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The least-squares non-decreasing fit, as one (raw, fitted) knot per distinct raw value."""
    by_x: dict[float, list[float]] = {}
    for x, y in pairs:
        by_x.setdefault(x, []).append(y)
    # blocks: [sum of y, weight, distinct raw values in the block]
    blocks: list[list] = []
    for x in sorted(by_x):
        blocks.append([sum(by_x[x]), len(by_x[x]), [x]])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            total, weight, xs = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += weight
            blocks[-1][2].extend(xs)
    return [(x, total / weight) for total, weight, xs in blocks for x in xs]


def _interpolate(knots: tuple[tuple[float, float], ...], raw: float) -> float:
    xs = [x for x, _ in knots]
    if raw <= xs[0]:
        return raw + knots[0][1] - xs[0]
    if raw >= xs[-1]:
        return raw + knots[-1][1] - xs[-1]
    i = bisect_left(xs, raw)
    (x0, y0), (x1, y1) = knots[i - 1], knots[i]
    if raw == x1:
        return y1
    return y0 + (y1 - y0) * (raw - x0) / (x1 - x0)


def weight(count: int, prior: float = PRIOR) -> float:
    """How far the calibrated value moves from the raw one toward the fitted map (0..1)."""
    return count / (count + prior) if count > 0 else 0.0


def to_halves(value: float) -> float:
    return min(MAX_SCORE, max(0.0, round(value * 2) / 2))


def apply(calibration: Calibration | None, suggested: float, *, prior: float = PRIOR) -> float:
    """The calibrated score for a raw suggestion, 0..5 in halves; the raw one without a fit."""
    if calibration is None:
        return to_halves(suggested)
    moved = weight(calibration.count, prior) * (calibration.fitted(suggested) - suggested)
    return to_halves(suggested + moved)
