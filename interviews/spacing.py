"""Spaced repetition (SM-2): when a practised question should come back. Pure: no Django.

A score of 0-5 is SM-2's quality: below 3 the question starts over and returns tomorrow; at 3
and above the interval grows (1 day, 6 days, then times the ease), and the ease factor moves
with how well it went.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Schedule:
    repetitions: int = 0
    interval_days: int = 0
    ease: float = 2.5


MIN_EASE = 1.3
# SM-2 itself has no ceiling: a question answered perfectly many times would come back in
# centuries (and overflow a date). A year is the longest a question stays away.
MAX_INTERVAL_DAYS = 365


def review(schedule: Schedule, quality: float) -> Schedule:
    """The schedule after one attempt scored ``quality`` (0-5, halves allowed)."""
    quality = max(0.0, min(5.0, float(quality)))
    ease = schedule.ease + 0.1 - (5 - quality) * (0.08 + (5 - quality) * 0.02)
    ease = max(MIN_EASE, ease)
    if quality < 3:
        return Schedule(repetitions=0, interval_days=1, ease=ease)
    repetitions = schedule.repetitions + 1
    if repetitions == 1:
        interval = 1
    elif repetitions == 2:
        interval = 6
    else:
        interval = max(1, round(schedule.interval_days * schedule.ease))
    return Schedule(
        repetitions=repetitions, interval_days=min(interval, MAX_INTERVAL_DAYS), ease=ease
    )
