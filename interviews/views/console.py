"""The interviewer's live console: the current question, the candidate's answer as it arrives,
the key-point checklist with the scorer's suggestions, notes, the 0-5 score, bonus points.

On a panel every seat (the lead's included) has the console: the same question, answer and
clock, and its own score, ticks, notes and awards (``interviews.panel``), laid over the questions
in memory (``seat_overlay``) so the templates read them where a solo interviewer's are. Nothing
of another seat's scorecard reaches it. Only the lead moves, pauses, skips and ends: those views
use ``get_interview_for_lead``, and a co-interviewer's console shows no such control. A
superuser without a seat watches a panel interview (``access.watches``): the console without
any control, no scorecard shown (nor the final one, empty until the lead decides)."""

from __future__ import annotations

import zlib
from contextlib import suppress
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.db.models import Count, Exists, OuterRef, Prefetch, Subquery
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config.htmx import render_oob
from config.params import INTEGER_MAX, counter, whole_number
from interviews import live, panel
from interviews.access import (
    get_interview_for_lead,
    get_interview_for_panel,
    get_interview_question,
    watches,
)
from interviews.calibration import suggest_calibrated
from interviews.forms import SCORE_CHOICES, FinishForm, PanelFinishForm
from interviews.live import InvalidTransition
from interviews.models import Answer, BonusAward, Interview, MemberScore, PanelMember
from questionbank.models import BonusCategory, BonusPoint, Experience
from scoring.adapter import bonus_hints, topic_bonus_hints

LIVE = "interviews/live.html"


def rubric() -> list[tuple[int, str]]:
    return [
        (0, _("No answer, or wrong")),
        (1, _("Major misconceptions")),
        (2, _("A few key points")),
        (3, _("About half of the key points")),
        (4, _("Most key points, clearly")),
        (5, _("All key points, with depth and trade-offs")),
    ]


def seat_overlay(items, seat: PanelMember | None):
    """A seat's own scorecard laid over the questions, in memory only (never saved): score,
    ticks, notes and their revisions, as the console reads them on a solo interview's
    questions. One query; none for a solo interviewer (``seat`` None)."""
    if seat is None:
        return items
    rows = {row.item_id: row for row in MemberScore.objects.filter(member=seat)}
    for item in items:
        apply_row(item, rows.get(item.pk))
    return items


def apply_row(item, row: MemberScore | None):
    """``item`` showing one seat's row (an empty scorecard where it has none yet)."""
    item.score = row.score if row else None
    item.score_revision = row.score_revision if row else 0
    item.ticked = list(row.ticked) if row else []
    item.notes = row.notes if row else ""
    item.notes_revision = row.notes_revision if row else 0
    item.score_by = None  # a seat's score is its own: no name beside it
    return item


def seat_context(interview: Interview, seat: PanelMember | None, watching: bool = False) -> dict:
    """Who the console is for: ``follower`` (a co-interviewer: the lead moves, they follow),
    ``watching`` (a superuser watching a panel: they follow too, and score nothing)."""
    return {
        "seat": seat,
        "follower": watching or (seat is not None and not seat.is_lead),
        "watching": watching,
    }


def _answer_context(
    interview: Interview, current, seat: PanelMember | None = None, watching: bool = False
) -> dict:
    """The candidate's answer to ``current`` and the scorer's suggestion for it."""
    answer = suggestion = calibrated = None
    if current is not None:
        current.interview = interview
        try:
            answer = current.answer  # fetched with the question where the caller could
        except Answer.DoesNotExist:
            answer = None
        suggestion, calibrated = suggest_calibrated(current, answer.text if answer else "")
    return {
        **seat_context(interview, seat, watching),
        "interview": interview,
        "current": current,
        "item": current,  # the question the score and notes forms are for
        "answer": answer,
        "suggestion": suggestion,
        "calibrated": calibrated,  # calibration.Applied: the raw suggestion, on how many scores
        "suggested": dict(enumerate(suggestion.key_points)) if suggestion else {},
        "rubric": rubric(),
        "half_scores": [value for value in SCORE_CHOICES if value % 1],
    }


POLL_FIELDS = ("v", "item", "sr", "cv", "ba", "bh", "ck")


def hint_state(hints: dict[int, str]) -> str:
    """A fingerprint of which bonus points the console shows as mentioned: a poll that computes
    another one renders the bonus panel (the evidence text alone changing does not)."""
    return format(zlib.crc32(",".join(map(str, sorted(hints))).encode()), "x") if hints else "0"


def checklist_state(current, suggested: dict) -> str:
    """A fingerprint of the checklist as shown: the ticks and the scorer's suggested points with
    their evidence. A poll while the candidate types renders the checklist only when it changed
    (an unchanged one re-rendered costs time and would take the focus from a tick)."""
    if current is None:
        return "0"
    shown = [",".join(map(str, sorted(current.ticked or [])))]
    shown += [f"{index}:{result.evidence}" for index, result in sorted(suggested.items())
              if result.covered]  # fmt: skip
    return format(zlib.crc32("|".join(shown).encode()), "x")


def poll_state(
    interview: Interview, current, *, award_count: int, hints: dict, suggested: dict
) -> dict:
    """What the console shows, sent back by its poll (``#poll-state``) to say what changed."""
    return {
        "v": interview.version,
        "item": current.pk if current else "",
        "sr": current.score_revision if current else "",
        "cv": interview.candidate_version,
        "ba": award_count,
        "bh": hint_state(hints),
        "ck": checklist_state(current, suggested),
    }


def shown_state(data) -> dict[str, str]:
    """The poll state a request carries (the poll's query, or a form's ``hx-include``)."""
    return {key: data.get(key, "") for key in POLL_FIELDS}


def _items(interview: Interview, seat: PanelMember | None = None) -> list:
    """The session's questions with their answers, in order: one query (two for a seat)."""
    items = list(interview.questions.select_related("answer").order_by("position"))
    return seat_overlay(items, seat)


def _answer_texts(items) -> list[str]:
    return [item.answer.text for item in items if _has_answer(item)]


def _has_answer(item) -> bool:
    try:
        item.answer  # noqa: B018 (loaded with select_related, or one query)
    except Answer.DoesNotExist:
        return False
    return True


def live_hints(interview: Interview, items, seat: PanelMember | None) -> tuple[int, dict[int, str]]:
    """How many bonus points the console shows as awarded (a seat's own; solo: the interview's)
    and the "mentioned" hints, without loading categories: one query, the topics' bonus points
    each with whether it is awarded and the award count beside them (the awards alone when
    nothing is typed yet or the topics have no bonus points)."""
    awards = BonusAward.objects.filter(interview=interview, member=seat).order_by()
    answers = [text for text in _answer_texts(items) if text.strip()]
    slugs = {item.topic_slug for item in items if item.topic_slug}
    rows = []
    if answers and slugs:
        rows = list(
            BonusPoint.objects.filter(category__topic__slug__in=slugs)
            .annotate(
                awarded=Exists(awards.filter(bonus_point=OuterRef("pk"))),
                # An award whose point left the bank counts too, as on the bonus panel.
                award_count=Subquery(
                    awards.values("interview").annotate(n=Count("pk")).values("n")
                ),
            )
            # The panel's order (bonus_context): the same point wins where two read the same.
            .order_by(
                "category__topic__title", "category__position", "category_id", "position", "pk"
            )
            .values_list("pk", "text", "category__topic__slug", "awarded", "award_count")
        )
    if not rows:
        return awards.count(), {}
    awarded = {pk for pk, _text, _slug, is_awarded, _count in rows if is_awarded}
    points = [(pk, text, slug) for pk, text, slug, _awarded, _count in rows]
    hints = {pk: text for pk, text in topic_bonus_hints(points, answers).items()
             if pk not in awarded}  # fmt: skip
    return rows[0][4] or 0, hints


def bonus_context(interview: Interview, items, current, seat: PanelMember | None = None) -> dict:
    """The bonus panel: the current question's topic first, the other topics' folded below."""
    slugs = sorted({item.topic_slug for item in items if item.topic_slug})
    categories = list(
        BonusCategory.objects.filter(topic__slug__in=slugs)
        .select_related("topic")
        .prefetch_related(
            Prefetch("points", queryset=BonusPoint.objects.order_by("position", "pk"))
        )
        .order_by("topic__title", "position", "pk")
    )
    awards = list(interview.bonus_awards.filter(member=seat))  # a seat's own; solo: None
    awarded = {award.bonus_point_id: award for award in awards}
    answers = _answer_texts(items)
    hints = {pk: text for pk, text in bonus_hints(categories, answers).items() if pk not in awarded}
    hinted = {
        category.pk
        for category in categories
        if any(point.pk in hints for point in category.points.all())
    }
    lead_slug = current.topic_slug if current else None
    lead = [category for category in categories if category.topic.slug == lead_slug]
    others = [category for category in categories if category.topic.slug != lead_slug]
    return {
        "categories": categories,
        "lead_categories": lead,
        "other_categories": others,
        "open_categories": hinted,
        "others_hinted": any(category.pk in hinted for category in others),
        "bonus_hints": hints,
        "awards": awards,
        "award_count": len(awards),
        "awarded": awarded,
        "experiences": list(
            Experience.objects.filter(topic__slug__in=slugs).select_related("topic")
        ),
    }


def console_context(
    interview: Interview, items=None, seat: PanelMember | None = None, watching: bool = False
) -> dict:
    """Everything the console shows; the state endpoint renders parts of it."""
    items = _items(interview, seat) if items is None else items
    current = next((item for item in items if item.position == interview.position), None)
    bonus = bonus_context(interview, items, current, seat)
    answer = _answer_context(interview, current, seat, watching)
    return {
        **answer,
        **bonus,
        "items": items,
        "poll": poll_state(
            interview,
            current,
            award_count=bonus["award_count"],
            hints=bonus["bonus_hints"],
            suggested=answer["suggested"],
        ),
        "previous_position": current.position - 1 if current and current.position > 0 else None,
        "next_position": current.position + 1
        if current and current.position + 1 < len(items)
        else None,
    }


def console_update(
    request,
    interview: Interview,
    *,
    shown: dict[str, str] | None = None,
    seat: PanelMember | None = None,
    watching: bool = False,
):
    """What a poll of the console gets when something changed since the state it showed
    (``shown``: see ``poll_state``).

    While the candidate types, only the answer changes: then only the answer and the poll
    state are rendered, which keeps the frequent poll cheap, plus the checklist when its
    suggestions changed (``ck``) and the bonus panel when the answers now mention other bonus
    points (then the whole console context is built).
    """
    shown = shown or {}
    items = _items(interview, seat)
    current = next((item for item in items if item.position == interview.position), None)
    same_question = current is not None and str(current.pk) == shown.get("item")
    if same_question and shown.get("cv") == str(interview.candidate_version):
        award_count, hints = live_hints(interview, items, seat)
        context = _answer_context(interview, current, seat, watching)
        poll = poll_state(
            interview,
            current,
            award_count=award_count,
            hints=hints,
            suggested=context["suggested"],
        )
        if poll["ba"] == _int(shown.get("ba")) and poll["bh"] == shown.get("bh"):
            context["poll"] = poll
            names = ["answer", "poll-state"]
            if poll["ck"] != shown.get("ck"):
                names.insert(0, "checklist")
            if str(current.score_revision) != shown.get("sr"):
                names.insert(0, "score")
            return render_oob(request, LIVE, context, *names)
    context = console_context(interview, items, seat, watching)
    names = ["status", "checklist", "answer", "bonus", "poll-state"]
    if not same_question:
        names[1:1] = ["question", "scoring", "standard"]
    elif str(current.score_revision) != shown.get("sr"):
        names.insert(1, "score")
    return render_oob(request, LIVE, context, *names)


def _int(raw: str | None) -> int | None:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


def reply(request, template: str, context: dict, *oob: str, status: int = 200, **changed):
    """A console reply to one of its own actions: ``template`` (the part its form targets),
    the ``oob`` parts that changed with it, and the poll state (``recorded_poll``)."""
    html = render_to_string(f"{LIVE}#{template}", context, request=request)
    oob_context = {**context, "oob": True}
    for name in oob:
        html += render_to_string(f"{LIVE}#{name}", oob_context, request=request)
    return HttpResponse(html + recorded_poll(request, **changed), status=status)


def recorded_poll(request, *, v: int, bumps: int, **changed) -> str:
    """The poll state after an action, out of band, so the next poll does not render the same
    change again: ``changed`` holds the fields this action changed (``sr``, ``ba``, ``bh``);
    the version ``v`` after it is recorded only if the page had seen every change before this
    one (``bumps``: how many versions the action counted), else the next poll catches up.
    Empty when the request sent no poll state (no JavaScript)."""
    shown = shown_state(request.POST)
    if not shown["v"]:
        return ""
    poll = {**shown, **{key: str(value) for key, value in changed.items()}}
    if shown["v"] == str(v - bumps):
        poll["v"] = str(v)
    return render_to_string(f"{LIVE}#poll-state", {"poll": poll, "oob": True}, request=request)


@require_GET
@never_cache  # standard answers, notes or scores: never kept by a browser or proxy
def console(request, pk: int):
    interview, seat = get_interview_for_panel(request, pk)
    watching = watches(request, interview, seat)
    follower = seat_context(interview, seat, watching)["follower"]
    if interview.is_editable:
        if follower:  # not started: the interview and its panel, nothing to follow yet
            return redirect("interviews:detail", pk)
        return redirect("interviews:edit", pk)
    if interview.is_finished:
        return redirect(after_the_end(interview, seat, watching))
    context = console_context(interview, seat=seat, watching=watching)
    return TemplateResponse(request, LIVE, context)


def after_the_end(interview: Interview, seat: PanelMember | None, watching: bool = False) -> str:
    """Where a console goes once its interview ended: the lead (and a solo interviewer) to the
    scorecard, as before panels (an undecided panel's links the seat's own scorecard and the
    debrief); a co-interviewer to their own scorecard, to complete and submit it; a watching
    superuser to the debrief (read-only, once it opens), or to the interview if cancelled."""
    if watching:
        if interview.status == Interview.Status.COMPLETED:
            return reverse("interviews:panel_debrief", args=[interview.pk])
        return reverse("interviews:detail", args=[interview.pk])
    if seat is not None and not seat.is_lead:
        if interview.status == Interview.Status.COMPLETED:
            return reverse("interviews:panel_scorecard", args=[interview.pk])
        return reverse("interviews:detail", args=[interview.pk])  # cancelled: nothing to score
    return reverse("interviews:report", args=[interview.pk])


def _move(request, pk: int, change):
    """A move of the session (``change(interview)``): the changed console for htmx, with a
    message when the move is refused; the console page otherwise."""
    interview = get_interview_for_lead(request, pk)
    try:
        interview = change(interview)
    except InvalidTransition as exc:
        messages.error(request, str(exc))
    if request.htmx:
        return console_update(request, interview)
    return redirect("interviews:live", pk)


@require_POST
def goto(request, pk: int):
    try:
        position = whole_number(request.POST.get("position"), maximum=INTEGER_MAX)
    except ValueError:
        return HttpResponseBadRequest()
    return _move(request, pk, lambda interview: live.goto(interview, position))


@require_POST
def pause(request, pk: int):
    return _move(request, pk, live.pause)


@require_POST
def resume(request, pk: int):
    return _move(request, pk, live.resume)


def _parse_score(raw: str) -> Decimal | None:
    if raw in ("", "none"):
        return None
    score = Decimal(raw)
    if score not in SCORE_CHOICES:
        raise InvalidOperation
    return score


@require_POST
def score(request, pk: int, item: int):
    interview, seat = get_interview_for_panel(request, pk)
    target = get_interview_question(interview, item)
    try:
        value = _parse_score(request.POST.get("score", ""))
        revision = counter(request.POST.get("revision"))
    except (InvalidOperation, ValueError):
        return HttpResponseBadRequest(_("A score is 0 to 5 in steps of 0.5."))
    try:
        if seat is None:
            saved = live.set_score(target, value, revision=revision, user=request.user)
            shown, items = saved.item, list(interview.questions.order_by("position"))
        else:
            saved = panel.set_score(seat, target, value, revision=revision)
            shown = apply_row(target, saved.score)
            items = seat_overlay(list(interview.questions.order_by("position")), seat)
    except InvalidTransition as exc:
        return HttpResponseBadRequest(str(exc))
    if not request.htmx:
        if not saved.ok:
            messages.error(request, _("Someone else changed this score first; it is shown now."))
        return redirect("interviews:live", pk)
    context = {
        **seat_context(interview, seat),
        "interview": interview,
        "item": shown,
        "conflict": not saved.ok,
        "rubric": rubric(),
        "half_scores": [value for value in SCORE_CHOICES if value % 1],
        "items": items,  # the nav shows the score
    }
    shown_item = request.POST.get("item") == str(shown.pk)
    changed = {"sr": shown.score_revision} if shown_item else {}
    bumps = int(saved.ok and (seat is None or interview.is_live))
    return reply(
        request, "score", context, "nav", status=200 if saved.ok else 409,
        v=interview.version, bumps=bumps, **changed,
    )  # fmt: skip


@require_POST
def tick(request, pk: int, item: int):
    interview, seat = get_interview_for_panel(request, pk)
    target = get_interview_question(interview, item)
    try:
        index = whole_number(request.POST.get("index"), maximum=INTEGER_MAX)
        on = request.POST.get("on") == "1"
        if seat is None:
            ticked = live.tick(target, index, on=on)
            interview = ticked.interview  # locked and counted: its version includes this tick
        else:
            ticked = apply_row(target, panel.tick(seat, target, index, on=on))
    except ValueError:
        return HttpResponseBadRequest()
    except InvalidTransition as exc:
        return HttpResponseBadRequest(str(exc))
    if not request.htmx:
        return redirect("interviews:live", pk)
    context = _answer_context(interview, ticked, seat)
    bumps = int(seat is None or interview.is_live)
    changed = {}
    if request.POST.get("item") == str(ticked.pk):  # the checklist the page now shows
        changed["ck"] = checklist_state(ticked, context["suggested"])
    return reply(request, "checklist", context, v=interview.version, bumps=bumps, **changed)


@require_POST
def notes(request, pk: int, item: int):
    interview, seat = get_interview_for_panel(request, pk)
    target = get_interview_question(interview, item)
    try:
        revision = counter(request.POST.get("revision"))
    except ValueError:
        return HttpResponseBadRequest()
    text = request.POST.get("notes", "")[:20_000]
    if seat is None:
        saved = live.save_notes(target, text, revision=revision)
        shown = saved.item
    else:
        try:
            saved = panel.save_notes(seat, target, text, revision=revision)
        except InvalidTransition as exc:
            return HttpResponseBadRequest(str(exc))
        shown = apply_row(target, saved.score)
    if not request.htmx:
        if not saved.ok:
            messages.error(
                request, _("Someone else changed these notes first; yours were not saved.")
            )
        return redirect("interviews:live", pk)
    context = {
        "item": shown,
        "interview": interview,
        "conflict": not saved.ok,
        "saved": saved.ok,
    }
    html = (
        render_to_string(f"{LIVE}#notes-status", context, request=request)
        + render_to_string(f"{LIVE}#notes-revision", {**context, "oob": True}, request=request)
        + recorded_poll(
            request,
            v=interview.version,
            bumps=int(saved.ok and (seat is None or interview.is_live)),
        )
    )
    return HttpResponse(html, status=200 if saved.ok else 409)


@require_POST
def not_asked(request, pk: int, item: int):
    def change(interview):
        target = get_interview_question(interview, item)
        live.set_not_asked(target, request.POST.get("not_asked") == "1")
        return interview  # bumped in place

    return _move(request, pk, change)


@require_POST
def award(request, pk: int):
    interview, seat = get_interview_for_panel(request, pk)
    if interview.is_editable:
        return HttpResponseBadRequest()
    slugs = set(interview.questions.values_list("topic_slug", flat=True))
    try:
        point = BonusPoint.objects.select_related("category__topic").get(
            pk=whole_number(request.POST.get("bonus_point")), category__topic__slug__in=slugs
        )
    except (BonusPoint.DoesNotExist, ValueError):
        return HttpResponseBadRequest()
    evidence = request.POST.get("evidence", "")[:2000]
    try:
        if seat is None:
            live.award_bonus(interview, point, evidence=evidence, user=request.user)
        else:
            panel.award_bonus(seat, point, evidence=evidence)
    except InvalidTransition as exc:  # ended: the scorecard is what it was
        return HttpResponseBadRequest(str(exc))
    return _bonus_response(request, interview, seat, bumps=1)


@require_POST
def revoke(request, pk: int, award: int):
    interview, seat = get_interview_for_panel(request, pk)
    bumps = 0
    try:
        with suppress(BonusAward.DoesNotExist):
            found = interview.bonus_awards.get(pk=award, member=seat)  # a seat's own only
            if seat is None:
                live.revoke_bonus(found)
            else:
                panel.revoke_bonus(seat, found)
            bumps = 1
    except InvalidTransition as exc:
        return HttpResponseBadRequest(str(exc))
    return _bonus_response(request, interview, seat, bumps=bumps)


def _bonus_response(request, interview: Interview, seat: PanelMember | None, *, bumps: int):
    if not request.htmx:
        if seat is not None and not seat.is_lead and not interview.is_live:
            return redirect(after_the_end(interview, seat))
        return redirect(
            "interviews:live" if interview.is_live else "interviews:report", interview.pk
        )
    if seat is not None:  # its version, as the write left it (interviews.panel tells it)
        bumps = bumps if interview.is_live else 0
    items = _items(interview)  # the bonus panel reads no scores: no overlay needed
    current = next((item for item in items if item.position == interview.position), None)
    context = {
        **seat_context(interview, seat),
        "interview": interview,
        **bonus_context(interview, items, current, seat),
    }
    return reply(
        request, "bonus", context, v=interview.version, bumps=bumps,
        ba=context["award_count"], bh=hint_state(context["bonus_hints"]),
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def finish(request, pk: int):
    interview = get_interview_for_lead(request, pk)
    if interview.status != Interview.Status.LIVE:
        return redirect("interviews:detail", pk)
    if panel.is_panel(interview):
        return _finish_panel(request, interview)
    form = FinishForm(request.POST or None)
    missing = live.unscored(interview)
    if request.method == "POST" and form.is_valid():
        if missing:
            form.add_error(
                None, _("Score every asked question, or mark it as not asked, before ending.")
            )
        else:
            try:
                live.finish(
                    interview,
                    recommendation=form.cleaned_data["recommendation"],
                    summary=form.cleaned_data["summary"],
                )
            except InvalidTransition as exc:  # changed meanwhile (a score cleared, a cancel)
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The interview has ended. Here is the scorecard."))
                return redirect("interviews:report", pk)
    return TemplateResponse(
        request,
        "interviews/finish.html",
        {"interview": interview, "form": form, "missing": missing},
    )


def _finish_panel(request, interview: Interview):
    """The lead ends a panel's interview: no score is needed (each seat scores on its own
    scorecard) and no recommendation (each seat gives theirs; the lead's decision comes after
    the debrief)."""
    form = PanelFinishForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            live.finish(interview, recommendation="", summary="")
        except InvalidTransition as exc:  # changed meanwhile (a cancel)
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("The interview has ended. Each interviewer now submits their own scorecard."),
            )
            return redirect("interviews:report", interview.pk)
    return TemplateResponse(
        request,
        "interviews/finish.html",
        {"interview": interview, "form": form, "missing": [], "panel": True},
    )
