"""Solo practice: the same engine as live interviews, with hard deadlines the server enforces.

The clock runs on the server whether or not the candidate's page is open: when a question's
deadline passes, the mock moves on (from that deadline, not from when someone next looks), and
it ends after the last question or the whole-mock limit.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from interviews import live
from interviews.models import Interview, InterviewQuestion


@transaction.atomic
def complete(interview: Interview, *, now) -> None:
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    if interview.status != Interview.Status.LIVE:
        return
    current = live.current_question(interview)
    if current is not None and current.ended_at is None:
        live._leave(interview, current, now)
    interview.questions.filter(state=InterviewQuestion.State.PENDING).update(
        state=InterviewQuestion.State.NOT_ASKED
    )
    interview.status = Interview.Status.COMPLETED
    interview.ended_at = now
    interview.current_since = None
    interview.save(update_fields=["status", "ended_at", "current_since", "updated_at"])
    live.bump(interview, candidate=True)


def advance_if_expired(interview: Interview, *, now=None) -> Interview:
    """Move a practice mock past every deadline that has passed; return it fresh."""
    if interview.mode != Interview.Mode.PRACTICE or interview.status != Interview.Status.LIVE:
        return interview
    now = now or timezone.now()
    total = interview.questions.count()
    for _ in range(total + 1):
        interview.refresh_from_db()
        if interview.status != Interview.Status.LIVE:
            break
        if interview.deadline is not None and now >= interview.deadline:
            complete(interview, now=interview.deadline)
            break
        current = live.current_question(interview)
        if current is None or current.deadline is None or now < current.deadline:
            break
        if current.position + 1 >= total:
            complete(interview, now=current.deadline)
            break
        live.goto(interview, current.position + 1, now=current.deadline)
    interview.refresh_from_db()
    return interview
