"""The candidate's autosave: no answer is ever lost, and no newer text is overwritten by older.

Each browser tab has an id and counts its own saves (``seq``); the server counts accepted
saves (``revision``) and tells every response's revision back to the tab, which sends it as
``base`` with its next save. A save is:
- *saved* when the tab is up to date (``base`` is the current revision) or wrote last itself
  and this save is newer than its previous one;
- *stale* when it is this tab's own older save arriving late: ignored;
- *conflict* when another tab saved since this one last heard, unless this text merely
  extends the stored one: this tab is told it is behind and shown the newer text, and may
  overwrite it explicitly (``force``);
- *late* when it arrives after a hard deadline (practice) or after the interview ended: kept
  as late text, never thrown away, and not scored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from interviews.live import bump, storable
from interviews.models import Answer, Interview, InterviewQuestion

MAX_ANSWER_CHARS = 50_000


@dataclass
class SaveResult:
    status: str  # saved | stale | conflict | late | not_started
    answer: Answer


def grace() -> timedelta:
    """How long after a hard deadline an answer still counts: it absorbs network latency."""
    return timedelta(seconds=settings.PRACTICE_GRACE_SECONDS)


def is_past_deadline(item: InterviewQuestion, now) -> bool:
    """Hard deadlines (practice) only: past the question's or the mock's deadline, or past the
    moment the mock left the question, by more than the grace."""
    interview = item.interview
    if not interview.hard_deadlines:
        return False
    ends = [t for t in (item.deadline, interview.deadline, item.ended_at) if t is not None]
    return any(now > end + grace() for end in ends)


@transaction.atomic
def save_answer(
    item: InterviewQuestion,
    *,
    text: str,
    base: int,
    client: str,
    seq: int,
    force: bool = False,
    now=None,
) -> SaveResult:
    now = now or timezone.now()
    text = storable(text)[:MAX_ANSWER_CHARS]
    # The interview first, locked (then the answer): a save and the mock's end are serialized,
    # so a save either lands before the answers are scored or is kept as late.
    interview = Interview.objects.select_for_update().get(pk=item.interview_id)
    # The question as it stands now (started, deadline), of this interview (raises DoesNotExist
    # otherwise: the caller's 404).
    item = InterviewQuestion.objects.get(pk=item.pk, interview_id=interview.pk)
    item.interview = interview
    if item.started_at is None:  # nothing is stored before the start (it creates the answers)
        return SaveResult("not_started", Answer(interview_question=item))
    answer, _ = Answer.objects.select_for_update().get_or_create(interview_question=item)
    if interview.status in (Interview.Status.COMPLETED, Interview.Status.CANCELLED) or (
        is_past_deadline(item, now)
    ):
        if text != answer.text and text != answer.late_text:
            answer.late_text = text
            answer.late_at = now
            answer.save(update_fields=["late_text", "late_at", "updated_at"])
        return SaveResult("late", answer)
    same_tab = client == answer.client_id
    if same_tab and seq <= answer.client_seq:
        return SaveResult("stale", answer)
    if not same_tab and base < answer.revision and not force:
        if text == answer.text:
            return SaveResult("saved", answer)  # both have the same text: nothing to decide
        if not text.startswith(answer.text):
            return SaveResult("conflict", answer)
        # The newer text only extends what is stored (a reload replaying its draft while its
        # last save was still arriving): taking it loses nothing.
    answer.text = text
    answer.revision += 1
    answer.client_id = client[:40]
    answer.client_seq = seq
    answer.saved_at = now
    answer.save(
        update_fields=["text", "revision", "client_id", "client_seq", "saved_at", "updated_at"]
    )
    bump(interview, refresh=False)
    return SaveResult("saved", answer)
