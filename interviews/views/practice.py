"""Practice: a candidate's timed mock interviews alone, their review, and their history."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import messages
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config.params import whole_number
from interviews import practice
from interviews.access import get_interview_question, get_practice_for_user, require_candidate
from interviews.forms import SCORE_CHOICES
from interviews.models import Interview, InterviewQuestion
from questionbank.models import BonusCategory, BonusPoint, Experience, Topic
from scoring.adapter import suggest_for_item


class TopicsField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        try:
            return super()._check_values(value)
        except OverflowError:  # an id too large for the database: no such topic
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": ""}
            ) from None


class PracticeForm(forms.Form):
    topics = TopicsField(
        queryset=Topic.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Topics"),
        error_messages={"required": gettext_lazy("Choose at least one topic.")},
    )
    count = forms.IntegerField(
        min_value=1, max_value=practice.MAX_QUESTIONS, initial=3, label=gettext_lazy("Questions")
    )
    timing = forms.ChoiceField(
        choices=[
            ("per_question", gettext_lazy("Minutes per question")),
            ("total", gettext_lazy("Minutes for the whole mock")),
        ],
        initial="per_question",
        widget=forms.RadioSelect,
        label=gettext_lazy("Time"),
    )
    minutes = forms.DecimalField(
        min_value=Decimal("0.5"),
        max_value=240,
        decimal_places=1,
        initial=5,
        label=gettext_lazy("Minutes"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = practice.practice_topics(user).order_by("title")


def _topic_rows(due: dict[int, int], user):
    """(topic, questions a mock can draw from it, questions due) for each practice topic."""
    drawable = Q(questions__archived=False) & ~Q(questions__answer_md="")  # practice_questions
    topics = practice.practice_topics(user).annotate(n=Count("questions", filter=drawable))
    return [(topic, topic.n, due.get(topic.pk, 0)) for topic in topics.order_by("title")]


@require_http_methods(["GET", "POST"])
def index(request):
    require_candidate(request)
    form = PracticeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        questions = practice.choose_questions(request.user, data["topics"], data["count"])
        if not questions:
            form.add_error("topics", _("These topics have no questions with answers yet."))
        else:
            seconds = int(data["minutes"] * 60)
            per_question = data["timing"] == "per_question"
            interview = practice.start_practice(
                request.user,
                questions,
                seconds_per_question=seconds,
                total_seconds=None if per_question else seconds,
                title=", ".join(t.title for t in data["topics"])[:200],
            )
            return redirect("practice:take", interview.pk)
    recent = Interview.objects.filter(owner=request.user, mode=Interview.Mode.PRACTICE).order_by(
        "-created_at"
    )[:5]
    due = practice.due_counts(request.user)
    return TemplateResponse(
        request,
        "practice/index.html",
        {
            "form": form,
            "topic_rows": _topic_rows(due, request.user),
            "recent": recent,
            "weak_count": sum(due.values()),  # the same due questions, not counted again
        },
    )


@require_POST
def weak(request):
    require_candidate(request)
    questions = practice.weak_questions(request.user)
    if not questions:
        messages.info(request, _("Nothing is due for practice right now: well done."))
        return redirect("practice:index")
    interview = practice.start_practice(
        request.user, questions, seconds_per_question=5 * 60, title=_("My weak questions")
    )
    return redirect("practice:take", interview.pk)


@require_POST
def next_question(request, pk: int):
    try:
        from_item = whole_number(request.POST["item"])
    except (KeyError, ValueError):
        from_item = None  # a form from before the item was sent: move on from wherever it is
    interview = practice.move_on(get_practice_for_user(request, pk), from_item=from_item)
    if interview.is_finished:
        return redirect("practice:review", pk)
    return redirect("practice:take", pk)


@require_POST
def finish(request, pk: int):
    practice.finish_early(get_practice_for_user(request, pk))
    return redirect("practice:review", pk)


def highlight(text: str, spans: list[tuple[int, int]]):
    """``text`` escaped, with the ``spans`` that are evidence marked."""
    merged: list[list[int]] = []
    for start, end in sorted(s for s in spans if s):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    parts, at = [], 0
    for start, end in merged:
        parts.append(escape(text[at:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        at = end
    parts.append(escape(text[at:]))
    return mark_safe("".join(parts))


def _stored_suggestion(item, text: str) -> dict | None:
    """What the scorer said when the mock ended; for mocks finished before that was kept, what
    it says now (uncalibrated: the mock's score was the raw suggestion then)."""
    if item.state != "asked":
        return None
    if item.suggestion is not None:
        return item.suggestion
    return suggest_for_item(item, text).stored()


@require_GET
@never_cache  # standard answers, notes or scores: never kept by a browser or proxy
def review(request, pk: int):
    interview = get_practice_for_user(request, pk)
    if not interview.is_finished:
        return redirect("practice:take", pk)
    items = list(interview.questions.select_related("answer").order_by("position"))
    open_topics = set(practice.practice_topics().values_list("slug", flat=True))
    reserved = set(
        practice.reserved_topics(request.user).values_list("question__topic__slug", flat=True)
    )
    rows = []
    for item in items:
        item.interview = interview
        answer = getattr(item, "answer", None)
        text = answer.text if answer else ""
        late_text = answer.late_text if answer else ""
        suggestion = _stored_suggestion(item, text)
        timed_out = practice.timed_out(item, interview)
        spans = [
            tuple(r["span"])
            for r in (suggestion["key_points"] if suggestion else [])
            if r["covered"] and r["span"]
        ]
        rows.append(
            {
                "item": item,
                "open": item.topic_slug in open_topics,
                "withheld": item.topic_slug in reserved,
                "answered": practice.answered(text, late_text),
                "answer_html": highlight(text, spans),
                "late_text": late_text,
                "timed_out": timed_out,
                # The time ran out before anything was saved: what was typed came late. Shown
                # as the answer, labelled, instead of the scorer's "No answer."
                "typed_late_only": timed_out and not text.strip() and bool(late_text.strip()),
                "suggestion": suggestion,
            }
        )
    # The topics' bonus points and project experience: for the open topics answered here.
    shown = {
        row["item"].topic_slug for row in rows if row["answered"] and not row["withheld"]
    } & open_topics
    categories = (
        BonusCategory.objects.filter(topic__slug__in=shown)
        .select_related("topic")
        .prefetch_related(Prefetch("points", queryset=BonusPoint.objects.order_by("position")))
        .order_by("topic__title", "position")
    )
    return TemplateResponse(
        request,
        "practice/review.html",
        {
            "interview": interview,
            "rows": rows,
            "categories": list(categories),
            "experiences": list(
                Experience.objects.filter(topic__slug__in=shown).select_related("topic")
            ),
            "score_choices": SCORE_CHOICES,
        },
    )


def _finished_item(request, pk: int, item: int) -> InterviewQuestion | None:
    """The question of a finished mock of this candidate; ``None`` while the mock still runs."""
    interview = get_practice_for_user(request, pk)
    if not interview.is_finished:
        return None
    return get_interview_question(interview, item)


def _back_to_review(target: InterviewQuestion):
    url = reverse("practice:review", args=[target.interview_id])
    return redirect(f"{url}#q-{target.position + 1}")


@require_POST
def rate(request, pk: int, item: int):
    target = _finished_item(request, pk, item)
    if target is None:
        return HttpResponseBadRequest(_("Rate your answers once the mock is over."))
    raw = request.POST.get("rating", "")
    try:
        rating = None if raw == "" else Decimal(raw)
        if rating is not None and rating not in SCORE_CHOICES:
            raise InvalidOperation
    except InvalidOperation:
        return HttpResponseBadRequest(_("A rating is 0 to 5 in steps of 0.5."))
    practice.rate(target, rating)
    return _back_to_review(target)


@require_POST
def redo(request, pk: int, item: int):
    target = _finished_item(request, pk, item)
    if target is None:
        return HttpResponseBadRequest(_("Flag questions once the mock is over."))
    practice.set_redo(target, request.POST.get("redo") == "1")
    return _back_to_review(target)


@require_GET
def history(request):
    require_candidate(request)
    mocks = list(
        Interview.objects.filter(owner=request.user, mode=Interview.Mode.PRACTICE)
        .annotate(
            n=Count("questions"),
            # Answered: text saved in time. A question whose time ran out before anything
            # was saved is not, whatever came late.
            asked=Count(
                "questions",
                filter=Q(questions__state=InterviewQuestion.State.ASKED)
                & Q(questions__answer__text__regex=r"\S"),
            ),
        )
        .order_by("-created_at")[:50]
    )
    progress = practice.progress(request.user)
    now = timezone.now()
    return TemplateResponse(
        request,
        "practice/history.html",
        {
            "mocks": mocks,
            "progress": [(p, _chart(p.points)) for p in progress],
            "weakest": practice.weakest_key_points(request.user),
            "weak_count": practice.weak_count(request.user),
            "schedule": practice.review_schedule(request.user),
            "now": now,
        },
    )


def _chart(points: list[tuple[str, float]]) -> dict:
    """A small line chart of scores (0-5) over mocks, as SVG coordinates."""
    width, height, pad = 320, 120, 16
    if not points:
        return {}
    step = (width - 2 * pad) / max(1, len(points) - 1)
    coords = [
        (
            round(pad + i * step, 1),
            round(height - pad - score / 5 * (height - 2 * pad), 1),
            label,
            score,
        )
        for i, (label, score) in enumerate(points)
    ]
    return {
        "width": width,
        "height": height,
        "polyline": " ".join(f"{x},{y}" for x, y, _, _ in coords),
        "dots": coords,
        "grid": [
            (round(height - pad - level / 5 * (height - 2 * pad), 1), level)
            for level in (0, 2.5, 5)
        ],
    }
