"""After a panel interview ends: each seat's own scorecard (scored, submitted, then amended), the
debrief that puts the submitted scorecards side by side, and the lead's close and decision.

Every page goes through ``access.get_interview_for_panel`` (a seat on this panel, or the owner);
what one seat sees of another is ``panel.can_see``'s rule alone; what only the lead does (close the
round, decide) passes ``access.get_interview_for_lead``. A superuser without a seat watches
(``access.watches``): the debrief read-only once it opens (the submitted scorecards, as a seat
that submitted sees them), no scorecard of their own, no close, no decision.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config.params import INTEGER_MAX, counter, whole_number
from interviews import panel
from interviews.access import (
    get_interview_for_lead,
    get_interview_for_panel,
    get_interview_question,
    watches,
)
from interviews.forms import SCORE_CHOICES, FinishForm
from interviews.live import InvalidTransition
from interviews.models import Amendment, Interview, InterviewQuestion, MemberScore, PanelMember
from interviews.panel_math import disagreement, half_point_median
from interviews.reports import scorecard

SCORECARD = "interviews/panel_scorecard.html"
DEBRIEF = "interviews/panel_debrief.html"


def _parse_score(raw) -> Decimal | None:
    if raw in ("", "none", None):
        return None
    score = Decimal(str(raw).strip())
    if score not in SCORE_CHOICES:
        raise InvalidOperation
    return score


def _seated(request, pk: int, *, running: bool = False) -> tuple[Interview, PanelMember]:
    """A panel interview that has ended (``running``: or is still live) and the user's seat on
    it; no seat, or another state: 404."""
    interview, seat = _seated_or_watched(request, pk, running=running)
    if seat is None:
        raise Http404
    return interview, seat


def _seated_or_watched(
    request, pk: int, *, running: bool = False
) -> tuple[Interview, PanelMember | None]:
    """As ``_seated``; and for a superuser who watches the panel (``access.watches``), the
    ended interview with no seat (None). One lookup, whichever of the two the user is."""
    interview, seat = get_interview_for_panel(request, pk)
    if seat is None and watches(request, interview, seat):
        if interview.status != Interview.Status.COMPLETED:
            raise Http404
        return interview, None
    states = (
        (Interview.Status.COMPLETED, Interview.Status.LIVE)
        if running
        else (Interview.Status.COMPLETED,)
    )
    if seat is None or interview.status not in states:
        raise Http404
    seat.interview = interview
    return interview, seat


def _asked(interview: Interview, pk) -> InterviewQuestion:
    """One asked question of the interview (a question never reached has no scorecard row)."""
    item = get_interview_question(interview, pk)
    if item.state != InterviewQuestion.State.ASKED:
        raise Http404
    return item


def _asked_rows(interview: Interview):
    """The scorecard rows (answer, scorer's suggestion) of the questions that were asked."""
    card = scorecard(interview)
    return [row for row in card.rows if row.item.state == InterviewQuestion.State.ASKED]


# --- My scorecard ------------------------------------------------------------------------------


@dataclass
class MyRow:
    row: object  # reports.Row
    mine: MemberScore | None
    amendments: list[Amendment] = field(default_factory=list)

    @property
    def item(self):
        return self.row.item

    @property
    def score(self):
        return self.mine.score if self.mine else None

    @property
    def revision(self) -> int:
        return self.mine.score_revision if self.mine else 0

    @property
    def notes_revision(self) -> int:
        return self.mine.notes_revision if self.mine else 0

    @property
    def points(self) -> list[tuple[int, str, bool]]:
        ticked = set(self.mine.ticked) if self.mine else set()
        return [(i, kp["text"], i in ticked) for i, kp in enumerate(self.item.key_points)]

    @property
    def effective(self):
        return self.amendments[-1].score if self.amendments else self.score


def _my_rows(interview: Interview, seat: PanelMember) -> list[MyRow]:
    mine = {row.item_id: row for row in MemberScore.objects.filter(member=seat)}
    amended: dict[int, list[Amendment]] = {}
    for amendment in Amendment.objects.filter(member=seat).order_by("created_at", "pk"):
        amended.setdefault(amendment.item_id, []).append(amendment)
    return [
        MyRow(row, mine.get(row.item.pk), amended.get(row.item.pk, []))
        for row in _asked_rows(interview)
    ]


def _scorecard_context(interview, seat, form=None) -> dict:
    rows = _my_rows(interview, seat)
    return {
        "interview": interview,
        "seat": seat,
        "rows": rows,
        "unscored": [r for r in rows if r.score is None],
        "form": form
        or FinishForm(initial={"recommendation": seat.recommendation, "summary": seat.summary}),
        "scores": SCORE_CHOICES,
        "editable": not seat.is_submitted
        and interview.status == Interview.Status.COMPLETED
        and interview.decided_at is None,
    }


@require_GET
@never_cache  # scores and notes: never kept by a browser or proxy
def my_scorecard(request, pk: int):
    interview, seat = _seated_or_watched(request, pk, running=True)
    if seat is None:  # a watcher has no scorecard of their own: what the panel submitted
        return redirect("interviews:panel_debrief", pk)
    if interview.status != Interview.Status.COMPLETED:
        return redirect("interviews:live", pk)
    return TemplateResponse(request, SCORECARD, _scorecard_context(interview, seat))


def _back(pk: int, item=None):
    url = reverse("interviews:panel_scorecard", args=[pk])
    return redirect(f"{url}#q-{item.pk}" if item is not None else url)


def _answer(request, interview, seat, item, *, conflict: str = "", status: int = 200):
    """After a write: htmx gets the question's row again (``#row``), a plain form the page."""
    if not request.htmx:
        if conflict:
            messages.error(request, conflict)
        return _back(interview.pk, item)
    context = _scorecard_context(interview, seat)
    row = next(r for r in context["rows"] if r.item.pk == item.pk)
    context.update(row=row, conflict=conflict)
    return TemplateResponse(request, f"{SCORECARD}#row", context, status=status)


@require_POST
def my_score(request, pk: int, item: int):
    interview, seat = _seated(request, pk)
    target = _asked(interview, item)
    try:
        value = _parse_score(request.POST.get("score", ""))
        revision = counter(request.POST.get("revision"))
    except (InvalidOperation, ValueError):
        return HttpResponseBadRequest(_("A score is 0 to 5 in steps of 0.5."))
    try:
        saved = panel.set_score(seat, target, value, revision=revision)
    except InvalidTransition as exc:
        return _answer(request, interview, seat, target, conflict=str(exc), status=409)
    if not saved.ok:
        conflict = _("This score was changed in another tab first; it is shown now.")
        return _answer(request, interview, seat, target, conflict=conflict, status=409)
    return _answer(request, interview, seat, target)


@require_POST
def my_tick(request, pk: int, item: int):
    interview, seat = _seated(request, pk)
    target = _asked(interview, item)
    try:
        index = whole_number(request.POST.get("index"), maximum=INTEGER_MAX)
    except ValueError:
        return HttpResponseBadRequest(_("No such key point."))
    try:
        panel.tick(seat, target, index, on=request.POST.get("on") == "1")
    except InvalidTransition as exc:
        return _answer(request, interview, seat, target, conflict=str(exc), status=409)
    return _answer(request, interview, seat, target)


@require_POST
def my_notes(request, pk: int, item: int):
    interview, seat = _seated(request, pk)
    target = _asked(interview, item)
    try:
        revision = counter(request.POST.get("revision"))
    except ValueError:
        return HttpResponseBadRequest(_("The page is out of date: reload it."))
    notes = request.POST.get("notes", "")
    if len(notes) > 10_000:
        return HttpResponseBadRequest(_("Notes are at most 10,000 characters."))
    try:
        saved = panel.save_notes(seat, target, notes, revision=revision)
    except InvalidTransition as exc:
        return _answer(request, interview, seat, target, conflict=str(exc), status=409)
    if not saved.ok:
        conflict = _("These notes were changed in another tab first; they are shown now.")
        return _answer(request, interview, seat, target, conflict=conflict, status=409)
    return _answer(request, interview, seat, target)


@require_POST
def my_submit(request, pk: int):
    """Submitting asks first (the scorecard freezes): the form posts here, the confirmation page
    posts again with ``confirmed``."""
    interview, seat = _seated(request, pk)
    form = FinishForm(request.POST)
    if not form.is_valid():
        return TemplateResponse(
            request, SCORECARD, _scorecard_context(interview, seat, form), status=400
        )
    if request.POST.get("confirmed") != "1":
        return TemplateResponse(
            request,
            "interviews/panel_submit.html",
            {
                "interview": interview,
                "seat": seat,
                "data": form.cleaned_data,
                "label": Interview.Recommendation(form.cleaned_data["recommendation"]).label,
            },
        )
    try:
        panel.submit(seat, **form.cleaned_data)
    except InvalidTransition as exc:
        messages.error(request, str(exc))
        return _back(pk)
    messages.success(request, _("Your scorecard is submitted."))
    return redirect("interviews:panel_debrief", pk)


@require_POST
def my_amend(request, pk: int, item: int):
    interview, seat = _seated(request, pk)
    target = _asked(interview, item)
    try:
        value = _parse_score(request.POST.get("score", ""))
    except (InvalidOperation, ValueError):
        value = None
    if value is None:
        messages.error(request, _("A score is 0 to 5 in steps of 0.5."))
        return _back(pk, target)
    reason = request.POST.get("reason", "")
    if len(reason) > 2_000:
        return HttpResponseBadRequest(_("A reason is at most 2,000 characters."))
    try:
        panel.amend(seat, target, value, reason=reason)
    except InvalidTransition as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Amendment recorded beside your submitted score."))
    return _back(pk, target)


# --- The debrief -------------------------------------------------------------------------------


@dataclass
class SeatScore:
    seat: PanelMember
    score: Decimal | None
    submitted: Decimal | None  # before amendments
    ticked: list[int]
    notes: str
    amendments: list[Amendment]


@dataclass
class DebriefRow:
    row: object  # reports.Row
    seats: list[SeatScore]
    median: Decimal | None
    split: object  # panel_math.Disagreement

    @property
    def item(self):
        return self.row.item

    @property
    def points(self) -> list[dict]:
        split = set(self.split.split_points)
        return [
            {
                "text": point.text,
                "found": point.found,
                "split": i in split,
                "by": [i in s.ticked for s in self.seats],
            }
            for i, point in enumerate(self.row.points)
        ]


def _debrief_rows(interview, visible: list[PanelMember]) -> list[DebriefRow]:
    """Per asked question, the scores of the ``visible`` seats (amendments applied)."""
    ids = [seat.pk for seat in visible]
    scores = {(s.member_id, s.item_id): s for s in MemberScore.objects.filter(member_id__in=ids)}
    amended: dict[tuple[int, int], list[Amendment]] = {}
    for amendment in Amendment.objects.filter(member_id__in=ids).order_by("created_at", "pk"):
        amended.setdefault((amendment.member_id, amendment.item_id), []).append(amendment)
    rows = []
    for row in _asked_rows(interview):
        per_seat = []
        for seat in visible:
            own = scores.get((seat.pk, row.item.pk))
            changes = amended.get((seat.pk, row.item.pk), [])
            submitted = own.score if own else None
            per_seat.append(
                SeatScore(
                    seat,
                    changes[-1].score if changes else submitted,
                    submitted,
                    list(own.ticked) if own else [],
                    own.notes if own else "",
                    changes,
                )
            )
        effective = [s.score for s in per_seat]
        rows.append(
            DebriefRow(
                row,
                per_seat,
                half_point_median(effective),
                disagreement(effective, [s.ticked for s in per_seat]),
            )
        )
    return rows


@require_GET
@never_cache  # every seat's scores and notes: never kept by a browser or proxy
def debrief(request, pk: int):
    """The submitted scorecards side by side, once the debrief opens, for a seat that submitted
    (before it opens: their own) and for a superuser watching (before it opens: nothing; no
    decision form)."""
    interview, seat = _seated_or_watched(request, pk)
    if seat is not None and not seat.is_submitted:
        messages.info(request, _("Submit your own scorecard first: the debrief shows the others'."))
        return redirect("interviews:panel_scorecard", pk)
    seats = list(interview.panel.select_related("user"))
    joined = [s for s in seats if s.user_id is not None]
    is_open = panel.debrief_open(interview, seats)
    if not is_open:
        visible = [seat] if seat is not None else []
    elif seat is not None:
        visible = [s for s in joined if panel.can_see(seat, s)]
    else:  # watching: what a seat that submitted sees
        visible = [s for s in joined if s.is_submitted]
    rows = _debrief_rows(interview, visible) if is_open else []
    decide_form = None
    if is_open and seat is not None and seat.is_lead and interview.decided_at is None:
        decide_form = FinishForm(
            initial={"recommendation": interview.recommendation, "summary": interview.summary}
        )
    return TemplateResponse(
        request,
        DEBRIEF,
        {
            "interview": interview,
            "seat": seat,
            "watching": seat is None,
            "open": is_open,
            "visible": visible,
            "pending": [s for s in joined if not s.is_submitted],
            "rows": rows,
            "disagreements": sum(1 for r in rows if r.split.any),
            "decide_form": decide_form,
            "scores": SCORE_CHOICES,
        },
    )


def _lead(request, pk: int) -> Interview:
    """Only the interview's owner (the lead) closes and decides; a co-interviewer gets 404, a
    superuser watching the panel 403."""
    interview = get_interview_for_lead(request, pk)
    if not interview.panel.exists():
        raise Http404
    return interview


@require_http_methods(["GET", "POST"])
def close_round(request, pk: int):
    interview = _lead(request, pk)
    if request.method == "GET":
        return TemplateResponse(
            request,
            "interviews/confirm.html",
            {
                "interview": interview,
                "title": _("Close the round"),
                "message": _(
                    "The debrief opens now for everyone who has submitted; the seats that have "
                    "not submitted yet can still submit, but the decision will not wait for them."
                ),
                "action": reverse("interviews:panel_close", args=[pk]),
                "confirm": _("Close the round"),
            },
        )
    try:
        panel.close_round(interview)
    except InvalidTransition as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The round is closed: the debrief is open."))
    return redirect("interviews:panel_debrief", pk)


@require_POST
def decide(request, pk: int):
    interview = _lead(request, pk)
    form = FinishForm(request.POST)
    final: dict[int, Decimal] = {}
    errors = []
    asked = list(interview.questions.filter(state=InterviewQuestion.State.ASKED))
    for item in asked:
        try:
            value = _parse_score(request.POST.get(f"final-{item.pk}", ""))
        except (InvalidOperation, ValueError):
            value = None
        if value is None:
            errors.append(item.position + 1)
        else:
            final[item.pk] = value
    if errors or not form.is_valid():
        if errors:
            numbers = ", ".join(map(str, errors))
            messages.error(request, _("Give a final score (0 to 5) to question(s) %s.") % numbers)
        if not form.is_valid():
            messages.error(request, _("Choose a recommendation and write a summary."))
        return redirect("interviews:panel_debrief", pk)
    try:
        panel.decide(interview, final=final, **form.cleaned_data)
    except InvalidTransition as exc:
        messages.error(request, str(exc))
        return redirect("interviews:panel_debrief", pk)
    messages.success(request, _("The decision is recorded: the scorecard shows the final scores."))
    return redirect("interviews:report", pk)
