"""Running a session: start (snapshot), move between questions, pause, score, finish.

Every function here is one transaction and bumps the interview's version counters, so both
pages polling the state endpoint see the change. Times come from the server clock only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import F, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from interviews import calibration
from interviews.models import Answer, BonusAward, Interview, InterviewQuestion
from questionbank.models import KeyPoint, Question


class InvalidTransition(Exception):
    """The session is not in a state that allows this (already started, finished...)."""


def bump(interview: Interview, *, candidate: bool = False, refresh: bool = True) -> None:
    """Count a change: every page polling the session picks it up within one poll.

    ``refresh`` reads the new counters back into ``interview`` for a page rendered next; the
    autosave renders nothing and skips it.
    """
    changes = {"version": F("version") + 1}
    if candidate:
        changes["candidate_version"] = F("candidate_version") + 1
    Interview.objects.filter(pk=interview.pk).update(**changes)
    if refresh:
        interview.refresh_from_db(fields=["version", "candidate_version"])


def storable(text: str) -> str:
    """Text typed into a raw POST, as the database takes it: PostgreSQL refuses NUL characters
    (a 500, and an autosave would retry it forever). Django's form fields already drop them."""
    return text.replace("\x00", "")


def _lock_running(interview_id: int) -> Interview:
    """The session, locked, if it is running (scores and moves happen only then)."""
    interview = Interview.objects.select_for_update().get(pk=interview_id)
    if not interview.is_live:
        raise InvalidTransition(_("the interview is not running"))
    return interview


def _snapshot(item: InterviewQuestion, question: Question, now) -> None:
    item.snapshot_at = now
    item.topic_slug = question.topic.slug
    item.topic_title = question.topic.title
    item.number = question.number
    item.text = question.text
    item.text_html = question.text_html
    item.answer_title = question.answer_title
    item.answer_html = question.answer_html
    item.answer_plain = question.answer_plain
    item.key_points = [{"text": kp.text, "weight": kp.weight} for kp in question.key_points.all()]
    item.follow_ups = list(question.follow_ups)


SNAPSHOT_FIELDS = [
    "snapshot_at",
    "topic_slug",
    "topic_title",
    "number",
    "text",
    "text_html",
    "answer_title",
    "answer_html",
    "answer_plain",
    "key_points",
    "follow_ups",
]


@transaction.atomic
def start(interview: Interview, *, now=None) -> Interview:
    """Copy the questions from the bank and put the first one on the clock."""
    now = now or timezone.now()
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    if not interview.is_editable:
        raise InvalidTransition(_("this interview has already started or ended"))
    items = list(
        interview.questions.select_related("question__topic").prefetch_related(
            Prefetch("question__key_points", queryset=KeyPoint.objects.order_by("position", "id"))
        )
    )
    if not items:
        raise InvalidTransition(_("add at least one question before starting"))
    for item in items:
        if item.question is not None:
            _snapshot(item, item.question, now)
    InterviewQuestion.objects.bulk_update(items, SNAPSHOT_FIELDS)
    Answer.objects.bulk_create([Answer(interview_question=item) for item in items])
    interview.status = Interview.Status.LIVE
    interview.started_at = now
    interview.position = 0
    if interview.time_mode == Interview.TimeMode.TOTAL and interview.total_time_limit:
        interview.deadline = now + timedelta(seconds=interview.total_time_limit)
    interview.save(update_fields=["status", "started_at", "position", "deadline", "updated_at"])
    _enter(interview, items[0], now)
    bump(interview, candidate=True)
    return interview


def _enter(interview: Interview, item: InterviewQuestion, now) -> None:
    """Make ``item`` the current question; its clock starts the first time it is reached."""
    if item.started_at is None:
        item.started_at = now
        item.deadline = now + timedelta(seconds=item.time_limit)
        if interview.deadline and (item.deadline > interview.deadline):
            item.deadline = interview.deadline
    if item.state == InterviewQuestion.State.PENDING:
        item.state = InterviewQuestion.State.ASKED
    item.save(update_fields=["started_at", "deadline", "state"])
    interview.position = item.position
    interview.current_since = None if interview.paused_at else now
    interview.current_deadline = item.deadline
    interview.save(update_fields=["position", "current_since", "current_deadline", "updated_at"])


def _leave(interview: Interview, item: InterviewQuestion, now, *, ended: bool = True) -> None:
    """Stop the current question's clock and count the time spent on it; ``ended`` False for a
    pause (the question is still the current one)."""
    changes = {"ended_at": now} if ended else {}
    if interview.current_since is not None:
        spent = int((now - interview.current_since).total_seconds())
        changes["seconds_spent"] = F("seconds_spent") + max(spent, 0)
    if changes:
        InterviewQuestion.objects.filter(pk=item.pk).update(**changes)


def current_question(interview: Interview) -> InterviewQuestion | None:
    item = interview.questions.filter(position=interview.position).first()
    if item is not None:
        item.interview = interview
    return item


@transaction.atomic
def goto(interview: Interview, position: int, *, now=None) -> Interview:
    """Move to the question at ``position`` (next, previous or any)."""
    now = now or timezone.now()
    interview = _lock_running(interview.pk)
    target = interview.questions.filter(position=position).first()
    if target is None:
        raise InvalidTransition(_("there is no question at that position"))
    if position == interview.position:
        return interview
    current = current_question(interview)
    if current is not None:
        _leave(interview, current, now)
    _enter(interview, target, now)
    bump(interview, candidate=True)
    return interview


@transaction.atomic
def pause(interview: Interview, *, now=None) -> Interview:
    now = now or timezone.now()
    interview = _lock_running(interview.pk)
    if interview.paused_at is not None:
        raise InvalidTransition(_("the interview is already paused"))
    current = current_question(interview)
    if current is not None:
        _leave(interview, current, now, ended=False)
    interview.paused_at = now
    interview.current_since = None
    interview.save(update_fields=["paused_at", "current_since", "updated_at"])
    bump(interview, candidate=True)
    return interview


@transaction.atomic
def resume(interview: Interview, *, now=None) -> Interview:
    """Continue; deadlines move by the length of the pause, so nobody loses time to it."""
    now = now or timezone.now()
    interview = _lock_running(interview.pk)
    if interview.paused_at is None:
        raise InvalidTransition(_("the interview is not paused"))
    paused_for = now - interview.paused_at
    current = current_question(interview)
    if current is not None and current.deadline is not None:
        InterviewQuestion.objects.filter(pk=current.pk).update(deadline=F("deadline") + paused_for)
    if interview.deadline is not None:
        interview.deadline += paused_for
    if interview.current_deadline is not None:
        interview.current_deadline += paused_for
    interview.paused_at = None
    interview.current_since = now
    interview.save(
        update_fields=["paused_at", "current_since", "deadline", "current_deadline", "updated_at"]
    )
    bump(interview, candidate=True)
    return interview


def unscored(interview: Interview) -> list[InterviewQuestion]:
    """Asked questions still without a score: ending needs a score or an explicit 'not asked'."""
    return list(
        interview.questions.filter(state=InterviewQuestion.State.ASKED, score=None).order_by(
            "position"
        )
    )


def close(interview: Interview, status: str, now, *, current=None, fields=()) -> None:
    """End a locked session (finished, cancelled, or a practice mock over): stop the clock of
    the current question, mark the questions never reached as not asked, tell both pages.
    ``current``: the current question, when the caller has it already."""
    if current is None and interview.started_at:
        current = current_question(interview)
    if current is not None and current.ended_at is None:
        _leave(interview, current, now)
    if interview.started_at:
        interview.questions.filter(state=InterviewQuestion.State.PENDING).update(
            state=InterviewQuestion.State.NOT_ASKED
        )
    interview.status = status
    interview.ended_at = now
    interview.paused_at = None
    interview.current_since = None
    interview.current_deadline = None
    interview.save(
        update_fields=[
            "status",
            "ended_at",
            "paused_at",
            "current_since",
            "current_deadline",
            "updated_at",
            *fields,
        ]
    )
    bump(interview, candidate=True)


@transaction.atomic
def finish(interview: Interview, *, recommendation: str, summary: str, now=None) -> Interview:
    now = now or timezone.now()
    interview = _lock_running(interview.pk)
    # A panel's scores are each seat's own until the lead decides (interviews.panel.decide):
    # ending its interview asks for no score, and its recommendation comes with the decision.
    panel = interview.panel.exists()
    if not panel and unscored(interview):
        raise InvalidTransition(_("score every asked question or mark it not asked"))
    interview.recommendation = "" if panel else recommendation
    interview.summary = "" if panel else summary
    close(interview, Interview.Status.COMPLETED, now, fields=["recommendation", "summary"])
    if not panel:
        calibration.record_final_scores(interview)  # the scores are final now
    return interview


@transaction.atomic
def cancel(interview: Interview, *, now=None) -> Interview:
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    if interview.is_finished:
        raise InvalidTransition(_("the interview has already ended"))
    close(interview, Interview.Status.CANCELLED, now or timezone.now())
    return interview


# --- Scoring, ticks, notes -------------------------------------------------------------------


@dataclass
class Saved:
    """The outcome of a guarded write: ``ok`` False means someone else saved first."""

    ok: bool
    item: InterviewQuestion


def set_score(item: InterviewQuestion, score: Decimal | None, *, revision: int, user) -> Saved:
    """Save a score unless another interviewer (or tab) changed it since ``revision``."""
    with transaction.atomic():
        _lock_running(item.interview_id)
        updated = InterviewQuestion.objects.filter(pk=item.pk, score_revision=revision).update(
            score=score,
            score_revision=revision + 1,
            score_by=user,
            state=InterviewQuestion.State.ASKED,
        )
        if updated and score is not None:
            # The answer as it stands now is what this score is about; later saves show as late.
            Answer.objects.filter(interview_question_id=item.pk).update(
                scored_text=F("text"), scored_saved_at=F("saved_at"), scored_at=timezone.now()
            )
        if updated:
            bump(item.interview)
    fresh = InterviewQuestion.objects.select_related("score_by").get(pk=item.pk)
    fresh.interview = item.interview
    return Saved(bool(updated), fresh)


def save_notes(item: InterviewQuestion, notes: str, *, revision: int) -> Saved:
    with transaction.atomic():
        updated = InterviewQuestion.objects.filter(pk=item.pk, notes_revision=revision).update(
            notes=storable(notes), notes_revision=revision + 1
        )
        if updated:
            bump(item.interview)
    fresh = InterviewQuestion.objects.get(pk=item.pk)
    fresh.interview = item.interview
    return Saved(bool(updated), fresh)


@transaction.atomic
def tick(item: InterviewQuestion, index: int, *, on: bool) -> InterviewQuestion:
    """Tick or untick one key point; ticks from two interviewers add up, never overwrite."""
    interview = _lock_running(item.interview_id)
    item = InterviewQuestion.objects.select_for_update().get(pk=item.pk)
    item.interview = interview
    if not 0 <= index < len(item.key_points):
        raise InvalidTransition(_("no such key point"))
    ticked = set(item.ticked)
    if on:
        ticked.add(index)
    else:
        ticked.discard(index)
    item.ticked = sorted(ticked)
    item.save(update_fields=["ticked"])
    bump(item.interview)
    return item


@transaction.atomic
def set_not_asked(item: InterviewQuestion, not_asked: bool) -> InterviewQuestion:
    interview = _lock_running(item.interview_id)
    item = InterviewQuestion.objects.select_for_update().get(pk=item.pk)
    item.interview = interview
    if not_asked:
        item.state = InterviewQuestion.State.NOT_ASKED
        item.score = None
    else:
        item.state = (
            InterviewQuestion.State.ASKED if item.started_at else InterviewQuestion.State.PENDING
        )
    item.score_revision += 1
    item.save(update_fields=["state", "score", "score_revision"])
    bump(item.interview)
    return item


@transaction.atomic
def award_bonus(interview: Interview, bonus_point, *, evidence: str, user) -> BonusAward:
    """Award a bonus point (again: its evidence is updated) while the interview runs."""
    _lock_running(interview.pk)
    evidence = storable(evidence)
    award, created = BonusAward.objects.get_or_create(
        interview=interview,
        bonus_point=bonus_point,
        member=None,
        defaults={
            "category": bonus_point.category.name,
            "text": bonus_point.text,
            "evidence": evidence,
            "awarded_by": user,
        },
    )
    if not created and evidence:
        award.evidence = evidence
        award.save(update_fields=["evidence"])
    bump(interview)
    return award


@transaction.atomic
def revoke_bonus(award: BonusAward) -> None:
    interview = award.interview
    _lock_running(interview.pk)
    award.delete()
    bump(interview)
