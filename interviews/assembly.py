"""Assembling a session before it starts: its questions, their order and time, templates, invites.

Until a session starts its questions point at the bank; the snapshot is taken by live.start().
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from interviews.live import InvalidTransition, bump
from interviews.models import (
    Interview,
    InterviewQuestion,
    InterviewTemplate,
    Invitation,
    TemplateQuestion,
)
from questionbank.models import Question

MAX_QUESTIONS = 60
MIN_TIME_LIMIT, MAX_TIME_LIMIT = 30, 4 * 60 * 60


def _editable(interview: Interview) -> None:
    """Refuse changes once the session has started (read under lock: a start may be running)."""
    locked = Interview.objects.select_for_update().only("status").get(pk=interview.pk)
    if not locked.is_editable:
        raise InvalidTransition(_("this interview has started: its questions are fixed"))


@transaction.atomic
def create_interview(
    *,
    owner,
    title: str,
    default_time_limit: int | None = None,
    candidate=None,
    scheduled_at=None,
    template: InterviewTemplate | None = None,
) -> Interview:
    interview = Interview.objects.create(
        owner=owner,
        title=title,
        candidate=candidate,
        scheduled_at=scheduled_at,
        template=template,
        default_time_limit=default_time_limit
        or (template.default_time_limit if template else settings.INTERVIEW_DEFAULT_TIME_LIMIT),
    )
    if template is not None:
        InterviewQuestion.objects.bulk_create(
            [
                InterviewQuestion(
                    interview=interview,
                    question_id=item.question_id,
                    position=position,
                    time_limit=item.time_limit,
                )
                for position, item in enumerate(template.items.order_by("position"))
            ]
        )
    return interview


DETAILS = ("title", "candidate", "scheduled_at", "default_time_limit")


@transaction.atomic
def update_details(interview: Interview) -> None:
    """Save the details set on ``interview`` (title, candidate, time, schedule) while it is still
    a draft, and only them: a start or a bump since it was read is kept."""
    _editable(interview)
    interview.save(update_fields=[*DETAILS, "updated_at"])


@transaction.atomic
def delete_draft(interview: Interview) -> None:
    """Delete a session that has not started (checked under lock: a start may be running)."""
    locked = Interview.objects.select_for_update().only("status").get(pk=interview.pk)
    if locked.status != Interview.Status.DRAFT:
        raise InvalidTransition(_("only drafts can be deleted; cancel it instead"))
    interview.delete()


@transaction.atomic
def add_question(interview: Interview, question: Question) -> InterviewQuestion:
    """Append ``question`` (once: adding it again returns the existing item)."""
    _editable(interview)
    existing = interview.questions.filter(question=question).first()
    if existing is not None:
        return existing
    if interview.questions.count() >= MAX_QUESTIONS:
        raise InvalidTransition(_("a session holds at most %(n)s questions") % {"n": MAX_QUESTIONS})
    last = interview.questions.aggregate(last=Max("position"))["last"]
    item = InterviewQuestion.objects.create(
        interview=interview,
        question=question,
        position=0 if last is None else last + 1,
        time_limit=interview.default_time_limit,
    )
    bump(interview)
    return item


def _renumber(interview: Interview, ordered_ids: list[int]) -> None:
    """Positions 0..n-1 in ``ordered_ids`` order, without tripping the unique constraint."""
    interview.questions.update(position=F("position") + 10_000)
    items = {item.pk: item for item in interview.questions.all()}
    for position, pk in enumerate(ordered_ids):
        items[pk].position = position
    InterviewQuestion.objects.bulk_update(items.values(), ["position"])


@transaction.atomic
def remove_question(item: InterviewQuestion) -> None:
    interview = item.interview
    _editable(interview)
    item.delete()
    _renumber(
        interview, list(interview.questions.order_by("position").values_list("pk", flat=True))
    )
    bump(interview)


@transaction.atomic
def move_question(item: InterviewQuestion, position: int) -> None:
    """Move one question to ``position`` (clamped), shifting the others."""
    interview = item.interview
    _editable(interview)
    ids = list(interview.questions.order_by("position").values_list("pk", flat=True))
    ids.remove(item.pk)
    ids.insert(max(0, min(position, len(ids))), item.pk)
    _renumber(interview, ids)
    bump(interview)


@transaction.atomic
def reorder(interview: Interview, ordered_ids: list[int]) -> None:
    """Apply an order from drag and drop: exactly the session's questions, each once."""
    _editable(interview)
    current = set(interview.questions.values_list("pk", flat=True))
    if len(ordered_ids) != len(current) or set(ordered_ids) != current:
        raise InvalidTransition(_("the new order must list each question of the session once"))
    _renumber(interview, ordered_ids)
    bump(interview)


@transaction.atomic
def set_time_limit(item: InterviewQuestion, seconds: int) -> InterviewQuestion:
    _editable(item.interview)
    item.time_limit = max(MIN_TIME_LIMIT, min(MAX_TIME_LIMIT, seconds))
    item.save(update_fields=["time_limit"])
    bump(item.interview)
    return item


@transaction.atomic
def save_as_template(interview: Interview, *, title: str, owner) -> InterviewTemplate:
    template = InterviewTemplate.objects.create(
        owner=owner, title=title, default_time_limit=interview.default_time_limit
    )
    TemplateQuestion.objects.bulk_create(
        [
            TemplateQuestion(
                template=template,
                question_id=item.question_id,
                position=item.position,
                time_limit=item.time_limit,
            )
            for item in interview.questions.exclude(question=None).order_by("position")
        ]
    )
    return template


@transaction.atomic
def invite(interview: Interview, *, email: str, by, language: str = "") -> Invitation:
    """A one-time sign-up link for a candidate who has no account (replaces an unused one);
    ``language``: its mails' (blank: the language of the request that sends them)."""
    interview.invitations.filter(accepted_at=None).delete()
    return Invitation.objects.create(
        interview=interview,
        email=email,
        language=language,
        created_by=by,
        expires_at=timezone.now() + timezone.timedelta(days=settings.INVITATION_VALID_DAYS),
    )


def accept_invitation(invitation: Invitation, user) -> Interview:
    """A signed-in candidate joins with their own account."""
    return claim_invitation(invitation, lambda: user)


@transaction.atomic
def claim_invitation(invitation: Invitation, make_user) -> Interview:
    """Use the invitation once: the first request to mark it accepted wins, then
    ``make_user()`` creates (or names) the candidate, in the same transaction.

    The mark is a conditional UPDATE: on PostgreSQL a second sign-up racing on the link waits
    for the first to commit, then matches no row and is refused, and its account is never
    created (the transaction rolls back whatever it did). Exactly one account per link."""
    now = timezone.now()
    claimed = Invitation.objects.filter(
        pk=invitation.pk, accepted_at=None, expires_at__gt=now
    ).update(accepted_at=now)
    if not claimed:
        raise InvalidTransition(_("this invitation has been used or has expired"))
    interview = Interview.objects.select_for_update().get(pk=invitation.interview_id)
    if interview.candidate_id is not None or interview.is_finished:
        raise InvalidTransition(_("this invitation has been used or has expired"))
    user = make_user()
    Invitation.objects.filter(pk=invitation.pk).update(accepted_by=user)
    invitation.accepted_at, invitation.accepted_by = now, user
    interview.candidate = user
    interview.save(update_fields=["candidate", "updated_at"])
    bump(interview, candidate=True)
    return interview


@transaction.atomic
def schedule(interview: Interview, *, at) -> Interview:
    _editable(interview)
    if not interview.questions.exists():
        raise InvalidTransition(_("add at least one question first"))
    interview.scheduled_at = at
    interview.status = Interview.Status.SCHEDULED
    interview.save(update_fields=["scheduled_at", "status", "updated_at"])
    bump(interview, candidate=True)
    return interview
