"""Who may see and do what with an interview: one helper per model, used by every view.

- The interviewer who owns a live interview (and superusers) run it, score it and see everything.
- Its candidate sees only the candidate's page: the current question's text, the clock and their
  own answer. Never standard answers, key points, suggestions, notes or scores.
- A practice mock belongs to its candidate alone (owner = candidate).
- A panel interview's marks are its seats' own and its moves and decision its lead's: a
  superuser without a seat watches it (``watches``), read-only, and is refused every write.
Lookups that fail answer 404, so nobody learns that someone else's interview exists.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, F, FilteredRelation, OuterRef, Q
from django.http import Http404

from accounts.roles import is_candidate, is_interviewer
from config.params import whole_number
from interviews.models import Interview, InterviewQuestion, InterviewTemplate, PanelMember
from interviews.practice import advance_if_expired


def require_interviewer(request) -> None:
    if not is_interviewer(request.user):
        raise PermissionDenied


def require_candidate(request) -> None:
    """Practising (starting mocks, the history) is for candidates."""
    if not is_candidate(request.user):
        raise PermissionDenied


def interviews_for_interviewer(request):
    require_interviewer(request)
    found = Interview.objects.filter(mode=Interview.Mode.LIVE)
    if not request.user.is_superuser:
        found = found.filter(owner=request.user)
    return found


def get_interview_for_interviewer(request, pk: int) -> Interview:
    """A live-mode interview the user runs (superusers: any; a superuser watching a panel,
    ``watches``, only reads: any other method is 403). No lock: the write paths
    (``interviews.live``, ``interviews.panel``) lock the row themselves, inside their
    transaction."""
    found = interviews_for_interviewer(request).select_related("candidate", "owner")
    try:
        interview = found.get(pk=pk)
    except Interview.DoesNotExist:
        raise Http404 from None
    _refuse_watcher_writes(request, interview, None)
    return interview


def interviews_for_panel(request):
    """The interviewer's list: the live-mode interviews they run (superusers: all) and those
    they sit on the panel of as a co-interviewer, each with ``on_panel`` (True for the latter)."""
    require_interviewer(request)
    seated = PanelMember.objects.filter(user=request.user, role=PanelMember.Role.MEMBER)
    found = Interview.objects.filter(mode=Interview.Mode.LIVE)
    if not request.user.is_superuser:
        found = found.filter(Q(owner=request.user) | Q(pk__in=seated.values("interview_id")))
    return found.annotate(on_panel=Exists(seated.filter(interview=OuterRef("pk"))))


# The seat's columns, read with the interview (one query for both).
SEAT_FIELDS = [field.attname for field in PanelMember._meta.concrete_fields]


def get_interview_for_panel(
    request,
    pk: int,
    *,
    read: tuple[int, Interview, PanelMember | None] | None = None,
) -> tuple[Interview, PanelMember | None]:
    """A live-mode interview the user runs (its owner, superusers) or sits on the panel of (a
    joined seat), with the user's seat: None for a solo interview's owner and for a superuser
    without a seat. What a seat may see of other seats is ``interviews.panel.can_see``'s rule;
    what only the lead may do (move, pause, end, decide) goes through
    ``get_interview_for_interviewer``, which a co-interviewer does not pass.

    ``read``: ``(user id, interview pk, that user's seat on it or None)`` as this request
    already read them (the console's poll: ``interviews.views.candidate.Polled``). Used
    without a query when read for the signed-in user and they show them as its owner or
    seated; else (a superuser, an outsider, rows read for another user) the lookup runs."""
    require_interviewer(request)
    if read is not None:
        found = _runs_or_sits(request.user, pk, *read)
        if found is not None:
            return found
    found = (
        Interview.objects.filter(mode=Interview.Mode.LIVE)
        .select_related("candidate", "owner")
        # The user's seat joined in (at most one: a user sits once on a panel): a solo
        # interview costs no second query, and a join costs less to build than subqueries.
        .annotate(
            my_seat=FilteredRelation("panel", condition=Q(panel__user=request.user)),
            **{f"seat_{name}": F(f"my_seat__{name}") for name in SEAT_FIELDS},
        )
    )
    if not request.user.is_superuser:
        found = found.filter(Q(owner=request.user) | Q(seat_id__isnull=False))
    try:
        interview = found.get(pk=pk)
    except Interview.DoesNotExist:
        raise Http404 from None
    if interview.seat_id is None:
        _refuse_watcher_writes(request, interview, None)
        return interview, None
    seat = PanelMember.from_db(
        interview._state.db, SEAT_FIELDS, [getattr(interview, f"seat_{n}") for n in SEAT_FIELDS]
    )
    seat.interview = interview
    return interview, seat


def _refuse_watcher_writes(request, interview: Interview, seat: PanelMember | None) -> None:
    """Every write through the lookups above (any method but GET and HEAD) is refused to a
    watcher: one place, whatever view the write goes through."""
    if request.method not in ("GET", "HEAD"):
        refuse_watcher(request, interview, seat)


def runs_or_sits(user_id: int, *, owner_id: int | None, seated: bool) -> bool:
    """The one rule of who opens a live interview other than a superuser: its owner (on a
    panel, the lead), or a joined seat on its panel (``seated``: the user's own seat). On raw
    columns, so the poll's fast path (``interviews.views.candidate.Polled``) asks it too
    before it builds any model."""
    return seated or user_id == owner_id


def _runs_or_sits(user, pk: int, read_for: int, interview: Interview, seat: PanelMember | None):
    """``(interview, seat)`` if rows already read for ``user`` say they may open it (above)."""
    if read_for != user.pk or interview.pk != pk or interview.mode != Interview.Mode.LIVE:
        return None
    if seat is not None and (seat.user_id != user.pk or seat.interview_id != interview.pk):
        return None  # rows read for someone else, or another interview
    if not runs_or_sits(user.pk, owner_id=interview.owner_id, seated=seat is not None):
        return None
    if seat is not None:
        seat.interview = interview
    if interview.owner_id == user.pk:
        interview.owner = user  # what the lookup's select_related would have loaded
    return interview, seat


def watches(request, interview: Interview, seat: PanelMember | None) -> bool:
    """Does the user watch this interview rather than run it? A superuser without a seat on a
    panel interview they do not own: they see the console as a co-interviewer does (the same
    question, answer and clock) with no scorecard of their own, and the debrief once it
    opens; they never score, tick, note, award, move, end, close or decide, since a panel's
    marks are its seats' own (blind until submitted) and its moves and decision its lead's.
    On a solo interview a superuser runs it as its owner would. One query, only for a
    superuser without a seat."""
    if seat is not None or interview.owner_id == request.user.pk:
        return False
    return request.user.is_superuser and interview.panel.exists()


def refuse_watcher(request, interview: Interview, seat: PanelMember | None) -> None:
    """For a write by a seat or the owner: 403 for a watcher (see ``watches``)."""
    if watches(request, interview, seat):
        raise PermissionDenied


def get_interview_for_lead(request, pk: int) -> Interview:
    """A live-mode interview the user may move, pause, end, close and decide: its owner (on a
    panel, the lead), or a superuser on a solo interview; a superuser watching a panel gets
    403 (``watches``), anyone else what ``get_interview_for_interviewer`` answers."""
    interview = get_interview_for_interviewer(request, pk)
    refuse_watcher(request, interview, None)
    return interview


def get_panel_member(interview: Interview, pk) -> PanelMember:
    """One seat of an interview already looked up through a helper above."""
    try:
        return interview.panel.get(pk=whole_number(pk))
    except (PanelMember.DoesNotExist, ValueError):
        raise Http404 from None


def get_practice_for_user(request, pk: int) -> Interview:
    """A practice mock of the signed-in candidate (nobody else's, superusers included), moved
    past any deadline that has passed: whoever looks first sees it as the clock says."""
    if not request.user.is_authenticated:
        raise Http404
    try:
        mock = Interview.objects.get(pk=pk, mode=Interview.Mode.PRACTICE, owner=request.user)
    except Interview.DoesNotExist:
        raise Http404 from None
    return advance_if_expired(mock)


def get_interview_for_taking(request, pk: int) -> Interview:
    """The candidate's page: their own live interview, or their own practice mock."""
    if not request.user.is_authenticated:
        raise Http404
    mine = Q(mode=Interview.Mode.LIVE, candidate=request.user) | Q(
        mode=Interview.Mode.PRACTICE, owner=request.user
    )
    try:
        interview = Interview.objects.select_related("owner").get(mine, pk=pk)
    except Interview.DoesNotExist:
        raise Http404 from None
    if interview.mode == Interview.Mode.PRACTICE:
        return advance_if_expired(interview)
    return interview


def get_interview_question(interview: Interview, pk) -> InterviewQuestion:
    """One question of an interview already looked up through a helper above."""
    try:
        question = interview.questions.get(pk=whole_number(pk))
    except (InterviewQuestion.DoesNotExist, ValueError):
        raise Http404 from None
    question.interview = interview
    return question


def question_of(interview: Interview, pk) -> InterviewQuestion:
    """One question of an interview, for a caller that reads it itself under the interview's
    lock (``interviews.answers.save_answer``: ``InterviewQuestion.DoesNotExist`` for an id of
    another interview, which the caller answers with 404). No query here: the autosave reads
    the question once, locked, instead of once here and again there."""
    try:
        return InterviewQuestion(pk=whole_number(pk), interview=interview)
    except ValueError:
        raise Http404 from None


def get_template_for_user(request, pk: int) -> InterviewTemplate:
    require_interviewer(request)
    found = InterviewTemplate.objects.all()
    if not request.user.is_superuser:
        found = found.filter(owner=request.user)
    try:
        return found.get(pk=pk)
    except InterviewTemplate.DoesNotExist:
        raise Http404 from None
