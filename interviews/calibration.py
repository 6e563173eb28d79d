"""The suggestion for a question, calibrated on how this team's interviewers score it.

Writes: when a live interview ends (live.finish), each final score is kept beside the scorer's
raw suggestion for that answer (``InterviewQuestion.suggestion``), and once that is committed the
calibrations of the questions it asked are refitted from all such pairs
(scoring.calibration.fit): once per interview, never per poll. A curator's reset (``reset``)
starts a question's count again.

Reads: ``calibrations_for`` takes the fitted maps from the cache (one query for those missing,
however many questions), so the live console's poll does not gain a query;
``suggest_calibrated`` is the suggestion the console shows (practice mocks are never
calibrated: see interviews.practice).
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass, replace
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from interviews.models import Interview, InterviewQuestion, ScoringCalibration
from scoring.adapter import suggest_for_item
from scoring.calibration import KEEP_RAW, Calibration, CalibrationError, apply, fit
from scoring.suggest import Suggestion

CACHE_SECONDS = 10 * 60  # a refit or a reset forgets the entry at once; this bounds a lost write
NONE: dict = {}  # cached for a question without a calibration


@dataclass(frozen=True)
class Applied:
    """What the page says about a calibrated suggestion: the raw one and the scores behind it."""

    raw: float
    count: int


def _key(question_id: int) -> str:
    return f"scoring:calibration:{question_id}"


def calibrations_for(question_ids: Iterable[int | None]) -> dict[int, Calibration]:
    """The fitted calibrations of these bank questions, by id (questions without one: absent)."""
    keys = {_key(pk): pk for pk in set(question_ids) if pk is not None}
    if not keys:
        return {}
    found = cache.get_many(keys)
    missing = [pk for key, pk in keys.items() if key not in found]
    if missing:
        stored = dict(
            ScoringCalibration.objects.filter(
                question_id__in=missing, fitted__isnull=False
            ).values_list("question_id", "fitted")
        )
        # Parsed once here and cached as objects, so a console poll parses nothing.
        fresh = {_key(pk): _parsed(stored.get(pk)) or NONE for pk in missing}
        cache.set_many(fresh, CACHE_SECONDS)
        found.update(fresh)
    return {keys[key]: value for key, value in found.items() if isinstance(value, Calibration)}


def _parsed(data: dict | None) -> Calibration | None:
    """The stored fit, or None (none, or unreadable: the raw suggestion until the next refit)."""
    if data:
        with suppress(CalibrationError):
            return Calibration.from_json(data)
    return None


def suggest_calibrated(item: InterviewQuestion, answer: str) -> tuple[Suggestion, Applied | None]:
    """The suggestion for an answer to ``item``, its score calibrated when its bank question has
    a calibration."""
    calibration = calibrations_for([item.question_id]).get(item.question_id)
    return calibrate(suggest_for_item(item, answer), calibration, answer)


def calibrate(
    suggestion: Suggestion, calibration: Calibration | None, answer: str
) -> tuple[Suggestion, Applied | None]:
    """``suggestion`` (for ``answer``) with its score calibrated, if there is a calibration and
    the answer is not one the rubric scores 0 whatever the interviewers did (KEEP_RAW)."""
    if calibration is None or not answer.strip() or KEEP_RAW.intersection(suggestion.notes):
        return suggestion, None
    score = apply(calibration, suggestion.score, prior=settings.SCORING_CALIBRATION_PRIOR)
    return replace(suggestion, score=score), Applied(suggestion.score, calibration.count)


def _forget(question_ids: Iterable[int]) -> None:
    """Forget cached calibrations now, and again once the write is committed: a reader between
    the two may have cached the old row again."""
    keys = [_key(pk) for pk in question_ids]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def record_final_scores(interview: Interview) -> None:
    """A live interview ends: keep the raw suggestion beside each final score, and once that is
    committed, refit the calibrations of the bank questions it scored (after the commit, so that
    two interviews ending together do not each refit without the other's scores; a refit that
    fails is logged and leaves the last calibration, and the next one includes these scores)."""
    items = list(
        interview.questions.filter(
            state=InterviewQuestion.State.ASKED, score__isnull=False, question__isnull=False
        ).select_related("answer")
    )
    keep_raw_suggestions(items)
    questions = {item.question_id for item in items}
    transaction.on_commit(partial(refit, questions), robust=True)


def keep_raw_suggestions(items: list[InterviewQuestion]) -> None:
    """Store the scorer's own suggestion beside each item's final score (``select_related``
    the answer)."""
    for item in items:
        answer = getattr(item, "answer", None)
        item.suggestion = suggest_for_item(item, answer.text if answer else "").stored()
    InterviewQuestion.objects.bulk_update(items, ["suggestion"])


def final_scores(*, with_suggestion: bool = True):
    """Scores that count: given in live interviews that ended normally (with the raw suggestion
    kept beside them, unless ``with_suggestion`` is off)."""
    scores = InterviewQuestion.objects.filter(
        interview__mode=Interview.Mode.LIVE,
        interview__status=Interview.Status.COMPLETED,
        state=InterviewQuestion.State.ASKED,
        score__isnull=False,
        question__isnull=False,
    )
    return scores.filter(suggestion__isnull=False) if with_suggestion else scores


def _lock(ids: set[int]) -> dict[int, ScoringCalibration]:
    """The calibration rows of these questions, created if missing and locked until the end of
    the transaction, in id order (so that two writers never wait on each other crosswise).

    A refit reads the scores and the reset time and then writes the fit: without the lock, a
    refit that read before another refit (or a reset) committed would write its older fit last,
    losing the other's scores (or undoing the reset)."""
    ScoringCalibration.objects.bulk_create(
        [ScoringCalibration(question_id=pk) for pk in sorted(ids)], ignore_conflicts=True
    )
    rows = ScoringCalibration.objects.select_for_update().filter(question_id__in=ids)
    return {row.question_id: row for row in rows.order_by("question_id")}


@transaction.atomic
def refit(question_ids: Iterable[int], *, now=None) -> None:
    """Fit the calibrations of these questions again from their final scores since the reset."""
    ids = set(question_ids)
    if not ids:
        return
    now = now or timezone.now()
    locked = _lock(ids)  # from here on, the scores and reset times read are the latest
    pairs: dict[int, list[tuple[float, float]]] = {pk: [] for pk in ids}
    rows = final_scores().filter(question_id__in=ids)
    for question_id, ended_at, raw, score in rows.values_list(
        "question_id", "interview__ended_at", "suggestion__score", "score"
    ):
        since = locked[question_id].reset_at
        if raw is not None and (since is None or ended_at > since):
            pairs[question_id].append((float(raw), float(score)))
    minimum = settings.SCORING_CALIBRATION_MIN_SCORES
    for pk, found in pairs.items():
        row = locked[pk]
        row.count = len(found)
        row.fitted = fit(found).as_json() if found and len(found) >= minimum else None
        row.fitted_at = now
    ScoringCalibration.objects.bulk_update(locked.values(), ["count", "fitted", "fitted_at"])
    _forget(ids)


@transaction.atomic
def reset(question_ids: Iterable[int], *, user, now=None) -> None:
    """A curator's reset: the suggestions of these questions are raw again, and only final
    scores given from now on count toward their next calibration."""
    ids = set(question_ids)
    if not ids:
        return
    now = now or timezone.now()
    locked = _lock(ids)  # a refit under way finishes first; then this reset wins
    for row in locked.values():
        row.count, row.fitted, row.fitted_at, row.reset_at, row.reset_by = 0, None, None, now, user
    ScoringCalibration.objects.bulk_update(
        locked.values(), ["count", "fitted", "fitted_at", "reset_at", "reset_by"]
    )
    _forget(ids)
