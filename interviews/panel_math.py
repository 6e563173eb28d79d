"""Where a panel disagrees, and the score it would agree on (pure: no Django).

A question is a disagreement when the seats' scores spread by ``SPREAD`` points or more, or when
a key point is ticked by some seats and not by others. The median of the seats' scores, rounded
to the nearest half point (halves rounding up), is what the lead's decision form starts from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

SPREAD = Decimal(2)  # a score spread this wide or wider is a disagreement


@dataclass(frozen=True)
class Disagreement:
    spread: Decimal | None  # highest minus lowest score; None below two scores
    split_points: tuple[int, ...] = field(default=())  # key points ticked by some, not all

    @property
    def scores_apart(self) -> bool:
        return self.spread is not None and self.spread >= SPREAD

    @property
    def any(self) -> bool:
        return self.scores_apart or bool(self.split_points)


def disagreement(scores: Sequence[Decimal | None], ticks: Sequence[Sequence[int]]) -> Disagreement:
    """``scores``: each seat's score (None: not scored); ``ticks``: each seat's ticked key-point
    indexes. A key point counts as split when at least one seat ticked it and one did not."""
    given = [s for s in scores if s is not None]
    spread = max(given) - min(given) if len(given) >= 2 else None
    sets = [set(t) for t in ticks]
    split: tuple[int, ...] = ()
    if len(sets) >= 2:
        union = set().union(*sets)
        common = set.intersection(*sets)
        split = tuple(sorted(union - common))
    return Disagreement(spread, split)


def half_point_median(scores: Sequence[Decimal | None]) -> Decimal | None:
    """The median of the scores given, on the 0.5 grid (None when nobody scored)."""
    given = sorted(Decimal(s) for s in scores if s is not None)
    if not given:
        return None
    middle = len(given) // 2
    value = given[middle] if len(given) % 2 else (given[middle - 1] + given[middle]) / 2
    return (value * 2).quantize(Decimal(1), rounding=ROUND_HALF_UP) / 2
