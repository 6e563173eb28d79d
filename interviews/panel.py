"""Panels: one lead and any number of co-interviewers score the same interview, each blind.

- An interview without seats (``Interview.panel``) is the solo case: its owner scores on
  InterviewQuestion, as before panels. Adding the first co-interviewer (while the interview is
  still a draft or scheduled) gives the owner the lead's seat; from then on every seat, the
  lead's included, scores on its own MemberScore rows and BonusAward rows (``member``), and
  InterviewQuestion.score stays empty until the lead records the final decision (``decide``).
- Only the lead moves between questions, pauses and ends the interview (interviews.live).
- **Blind until submitted** (``can_see``): a seat's scores, ticks, notes and awards are seen by
  another seat only when both have submitted. A submitted scorecard is frozen; a correction is
  an Amendment, shown beside the submitted score.
- The debrief opens for everyone who submitted once every seat has, or once the lead closes
  the round (``round_closed_at``); the lead then decides (final scores, recommendation,
  summary), which writes what a solo interviewer's finish writes.

Every write here is one transaction; those made while the interview runs bump its version so
the consoles polling it pick them up.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import languages
from interviews import calibration
from interviews.live import InvalidTransition, bump, storable
from interviews.models import (
    Amendment,
    BonusAward,
    Interview,
    InterviewQuestion,
    MemberScore,
    PanelMember,
)

# --- Who sits on the panel ---------------------------------------------------------------------


def is_panel(interview: Interview) -> bool:
    """Has seats (one query unless ``panel`` was prefetched)."""
    return interview.panel.exists()


def seat_of(interview: Interview, user) -> PanelMember | None:
    """The user's joined seat on this interview's panel, if any (one query)."""
    if not user.is_authenticated:
        return None
    return interview.panel.filter(user=user).first()


def can_see(viewer: PanelMember | None, owner: PanelMember) -> bool:
    """May ``viewer`` see ``owner``'s scores, ticks, notes and awards? Their own always;
    another seat's only once both have submitted (nobody scores after seeing others)."""
    if viewer is None:
        return False
    if viewer.pk == owner.pk:
        return True
    return viewer.is_submitted and owner.is_submitted


def debrief_open(interview: Interview, seats: list[PanelMember]) -> bool:
    """Every joined seat has submitted, or the lead closed the round."""
    joined = [seat for seat in seats if seat.user_id is not None]
    return interview.round_closed_at is not None or (
        bool(joined) and all(seat.is_submitted for seat in joined)
    )


def _editable(interview: Interview) -> None:
    if not interview.is_editable:
        raise InvalidTransition(_("co-interviewers are added before the interview starts"))


@transaction.atomic
def add_member(interview: Interview, *, email: str, by, language: str = "") -> PanelMember:
    """Invite a co-interviewer by email (the lead's seat is created with the first one).
    Inviting the same address again returns its unjoined seat. ``language``: the mails' until
    someone joins (blank: unchanged, or the sending request's for a new seat)."""
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    _editable(interview)
    if not interview.panel.filter(role=PanelMember.Role.LEAD).exists():
        PanelMember.objects.create(
            interview=interview,
            user=interview.owner,
            email=interview.owner.email,
            role=PanelMember.Role.LEAD,
            invited_by=by,
            joined_at=timezone.now(),
        )
    existing = interview.panel.filter(email__iexact=email, role=PanelMember.Role.MEMBER).first()
    if existing is not None:
        if language and existing.language != language:
            existing.language = language
            existing.save(update_fields=["language"])
        return existing
    language = language or languages.current()  # the sender's, unless chosen
    return PanelMember.objects.create(
        interview=interview, email=email, invited_by=by, language=language
    )


@transaction.atomic
def join(member: PanelMember, user) -> PanelMember:
    """Accept a seat's invitation: the first request wins (a conditional UPDATE), and a user
    already seated on this panel (the lead, another seat) cannot take a second one."""
    interview = Interview.objects.select_for_update().get(pk=member.interview_id)
    if interview.is_finished:
        raise InvalidTransition(_("this interview has ended"))
    if interview.owner_id == user.pk or interview.panel.filter(user=user).exists():
        raise InvalidTransition(_("you are already on this panel"))
    if interview.candidate_id == user.pk:
        raise InvalidTransition(_("the candidate cannot sit on the panel"))
    now = timezone.now()
    claimed = PanelMember.objects.filter(pk=member.pk, user=None).update(user=user, joined_at=now)
    if not claimed:
        raise InvalidTransition(_("this invitation has been used"))
    member.user, member.joined_at = user, now
    bump(interview)
    return member


@transaction.atomic
def remove_member(member: PanelMember) -> None:
    """Take a co-interviewer's seat away before the interview starts; the last one gone, the
    interview is solo again (the lead's seat goes too)."""
    interview = Interview.objects.select_for_update().get(pk=member.interview_id)
    _editable(interview)
    if member.is_lead:
        raise InvalidTransition(_("the lead's seat cannot be removed"))
    member.delete()
    if not interview.panel.filter(role=PanelMember.Role.MEMBER).exists():
        interview.panel.all().delete()


# --- A seat's own scorecard ------------------------------------------------------------------


@dataclass
class Saved:
    """The outcome of a guarded write: ``ok`` False means another tab saved first."""

    ok: bool
    score: MemberScore


def _open_scorecard(member_id: int) -> tuple[PanelMember, Interview]:
    """The seat, locked, while its scorecard may change: the interview is running or has ended
    normally, and the seat has not submitted."""
    member = PanelMember.objects.select_for_update().select_related("interview").get(pk=member_id)
    interview = member.interview
    if interview.status not in (Interview.Status.LIVE, Interview.Status.COMPLETED):
        raise InvalidTransition(_("the interview is not running"))
    if member.is_submitted:
        raise InvalidTransition(_("your scorecard is submitted: amend it instead"))
    if interview.decided_at is not None:
        raise InvalidTransition(_("the decision has been recorded"))
    return member, interview


def _tell_version(member: PanelMember, interview: Interview) -> None:
    """The caller's seat learns the interview's version this write left (its interview, where
    loaded, is the caller's copy): the console's reply records it without reading it again."""
    if PanelMember.interview.is_cached(member):
        member.interview.version = interview.version


def score_row(member: PanelMember, item: InterviewQuestion) -> MemberScore:
    row, _created = MemberScore.objects.get_or_create(member=member, item=item)
    return row


def _bump_if_live(interview: Interview) -> None:
    if interview.is_live:
        bump(interview)


def set_score(
    member: PanelMember, item: InterviewQuestion, score: Decimal | None, *, revision: int
) -> Saved:
    """Save the seat's score unless another of its tabs changed it since ``revision``."""
    with transaction.atomic():
        locked, interview = _open_scorecard(member.pk)
        row = score_row(locked, item)
        updated = MemberScore.objects.filter(pk=row.pk, score_revision=revision).update(
            score=score, score_revision=revision + 1, updated_at=timezone.now()
        )
        if updated and interview.is_live:
            InterviewQuestion.objects.filter(
                pk=item.pk, state=InterviewQuestion.State.PENDING
            ).update(state=InterviewQuestion.State.ASKED)
            bump(interview)
        _tell_version(member, interview)
    return Saved(bool(updated), MemberScore.objects.get(pk=row.pk))


def save_notes(member: PanelMember, item: InterviewQuestion, notes: str, *, revision: int) -> Saved:
    with transaction.atomic():
        locked, interview = _open_scorecard(member.pk)
        row = score_row(locked, item)
        updated = MemberScore.objects.filter(pk=row.pk, notes_revision=revision).update(
            notes=storable(notes), notes_revision=revision + 1, updated_at=timezone.now()
        )
        if updated:
            _bump_if_live(interview)
        _tell_version(member, interview)
    return Saved(bool(updated), MemberScore.objects.get(pk=row.pk))


@transaction.atomic
def tick(member: PanelMember, item: InterviewQuestion, index: int, *, on: bool) -> MemberScore:
    locked, interview = _open_scorecard(member.pk)
    if not 0 <= index < len(item.key_points):
        raise InvalidTransition(_("no such key point"))
    row = score_row(locked, item)
    row = MemberScore.objects.select_for_update().get(pk=row.pk)
    ticked = set(row.ticked)
    if on:
        ticked.add(index)
    else:
        ticked.discard(index)
    row.ticked = sorted(ticked)
    row.save(update_fields=["ticked", "updated_at"])
    _bump_if_live(interview)
    _tell_version(member, interview)
    return row


@transaction.atomic
def award_bonus(member: PanelMember, bonus_point, *, evidence: str) -> BonusAward:
    locked, interview = _open_scorecard(member.pk)
    evidence = storable(evidence)
    award, created = BonusAward.objects.get_or_create(
        interview=interview,
        member=locked,
        bonus_point=bonus_point,
        defaults={
            "category": bonus_point.category.name,
            "text": bonus_point.text,
            "evidence": evidence,
            "awarded_by_id": locked.user_id,
        },
    )
    if not created and evidence:
        award.evidence = evidence
        award.save(update_fields=["evidence"])
    _bump_if_live(interview)
    _tell_version(member, interview)
    return award


@transaction.atomic
def revoke_bonus(member: PanelMember, award: BonusAward) -> None:
    locked, interview = _open_scorecard(member.pk)
    if award.member_id != locked.pk:
        raise InvalidTransition(_("not your award"))
    award.delete()
    _bump_if_live(interview)
    _tell_version(member, interview)


def unscored(member: PanelMember) -> list[InterviewQuestion]:
    """Asked questions this seat has not scored yet (submitting needs a score for each)."""
    scored = MemberScore.objects.filter(member=member, score__isnull=False).values("item_id")
    return list(
        InterviewQuestion.objects.filter(
            interview_id=member.interview_id, state=InterviewQuestion.State.ASKED
        )
        .exclude(pk__in=scored)
        .order_by("position")
    )


@transaction.atomic
def submit(member: PanelMember, *, recommendation: str, summary: str) -> PanelMember:
    """Freeze the seat's scorecard. Only after the interview ended, with every asked question
    scored; from now on its scores show to the seats that have submitted too."""
    member, interview = _open_scorecard(member.pk)
    if interview.status != Interview.Status.COMPLETED:
        raise InvalidTransition(_("scorecards are submitted after the interview ends"))
    if unscored(member):
        raise InvalidTransition(_("score every asked question before submitting"))
    member.recommendation = recommendation
    member.summary = storable(summary)
    member.submitted_at = timezone.now()
    member.save(update_fields=["recommendation", "summary", "submitted_at"])
    return member


@transaction.atomic
def amend(member: PanelMember, item: InterviewQuestion, score: Decimal, *, reason: str):
    """A correction to a submitted score: recorded beside it, never in place of it."""
    member = PanelMember.objects.select_for_update().get(pk=member.pk)
    if not member.is_submitted:
        raise InvalidTransition(_("change the score itself: the scorecard is not submitted"))
    if item.interview_id != member.interview_id:
        raise InvalidTransition(_("no such question"))
    if not reason.strip():
        raise InvalidTransition(_("say why the score changes"))
    return Amendment.objects.create(member=member, item=item, score=score, reason=storable(reason))


def effective_scores(member: PanelMember) -> dict[int, Decimal | None]:
    """item id -> the seat's score, its latest amendment winning (two queries)."""
    found = dict(MemberScore.objects.filter(member=member).values_list("item_id", "score"))
    for item_id, score in (
        Amendment.objects.filter(member=member).order_by("created_at", "pk")
    ).values_list("item_id", "score"):
        found[item_id] = score
    return found


# --- The lead ends the round and decides --------------------------------------------------------


@transaction.atomic
def close_round(interview: Interview) -> Interview:
    """The lead opens the debrief without waiting for the seats that have not submitted."""
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    if interview.status != Interview.Status.COMPLETED:
        raise InvalidTransition(_("the interview has not ended"))
    if interview.round_closed_at is None:
        interview.round_closed_at = timezone.now()
        interview.save(update_fields=["round_closed_at", "updated_at"])
    return interview


@transaction.atomic
def decide(
    interview: Interview, *, final: dict[int, Decimal], recommendation: str, summary: str
) -> Interview:
    """The lead's decision: the final score of every asked question (``final``: item id ->
    score), the recommendation and summary. What a solo finish writes, so the scorecard,
    statistics and calibration read panels as they read solo interviews."""
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    if interview.status != Interview.Status.COMPLETED:
        raise InvalidTransition(_("the interview has not ended"))
    seats = list(interview.panel.all())
    if not debrief_open(interview, seats):
        raise InvalidTransition(_("the debrief has not opened"))
    asked = list(interview.questions.filter(state=InterviewQuestion.State.ASKED))
    missing = [item for item in asked if final.get(item.pk) is None]
    if missing:
        raise InvalidTransition(_("give every asked question a final score"))
    for item in asked:
        item.score = final[item.pk]
        item.score_revision = F("score_revision") + 1
    InterviewQuestion.objects.bulk_update(asked, ["score", "score_revision"])
    _carry_awards(interview)
    interview.recommendation = recommendation
    interview.summary = storable(summary)
    interview.decided_at = timezone.now()
    interview.save(update_fields=["recommendation", "summary", "decided_at", "updated_at"])
    calibration.record_final_scores(interview)
    return interview


def _carry_awards(interview: Interview) -> None:
    """The decided scorecard's bonus points: each point awarded on a submitted seat's
    scorecard, once, credited to the first seat that gave it, with every seat's evidence."""
    given: dict[int | None, BonusAward] = {}
    for award in (
        BonusAward.objects.filter(interview=interview, member__submitted_at__isnull=False)
        .select_related("member")
        .order_by("created_at", "pk")
    ):
        first = given.get(award.bonus_point_id)
        if first is None:
            given[award.bonus_point_id] = BonusAward(
                interview=interview,
                bonus_point_id=award.bonus_point_id,
                category=award.category,
                text=award.text,
                evidence=award.evidence,
                awarded_by_id=award.awarded_by_id,
            )
        elif award.evidence and award.evidence not in first.evidence:
            first.evidence = f"{first.evidence}\n{award.evidence}".strip()
    BonusAward.objects.filter(interview=interview, member=None).delete()
    BonusAward.objects.bulk_create(given.values())
