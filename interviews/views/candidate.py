"""The candidate's page: a waiting room, then only the current question, the clock and the answer
box; and the state endpoint that both the console and this page poll."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.decorators import login_not_required
from django.db.models import Exists, OuterRef, Q
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format, time_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from accounts.middleware import activate_zone, activates_zone_itself
from config.htmx import render_oob
from config.params import BIGINT_MAX, counter, whole_number
from interviews.access import (
    get_interview_for_panel,
    get_interview_for_taking,
    get_interview_question,
)
from interviews.answers import MAX_ANSWER_CHARS, is_past_deadline, save_answer
from interviews.live import current_question
from interviews.models import Answer, Interview, PanelMember
from interviews.views.console import after_the_end, console_update, shown_state

TAKE = "interviews/take.html"


@dataclass(frozen=True)
class CandidateQuestion:
    """All the candidate's page may know of a question: never its answer, key points or score."""

    pk: int
    position: int
    text_html: str
    remaining_seconds: int | None
    locked: bool  # past a hard deadline: the answer box no longer saves


@dataclass(frozen=True)
class CandidateAnswer:
    text: str
    revision: int


def candidate_context(interview: Interview) -> dict:
    item = current_question(interview) if interview.is_live else None
    current = answer = None
    if item is not None:
        now = timezone.now()
        current = CandidateQuestion(
            pk=item.pk,
            position=item.position,
            text_html=item.text_html,
            remaining_seconds=item.remaining_seconds(now),
            locked=is_past_deadline(item, now),
        )
        stored = Answer.objects.filter(interview_question=item).first()
        if stored is not None:
            answer = CandidateAnswer(stored.text, stored.revision)
    return {
        "interview": interview,
        "current": current,
        "answer": answer,
        "total": interview.questions.count(),
        "practice": interview.mode == Interview.Mode.PRACTICE,
        "answer_url": reverse(
            "practice:answer" if interview.mode == Interview.Mode.PRACTICE else "interviews:answer",
            args=[interview.pk],
        ),
        "state_url": reverse("interviews:state", args=[interview.pk]),
        "max_answer_chars": MAX_ANSWER_CHARS,
    }


@require_GET
def take(request, pk: int):
    interview = get_interview_for_taking(request, pk)
    if interview.mode == Interview.Mode.PRACTICE and interview.is_finished:
        return redirect("practice:review", pk)  # a bookmark or the back button, after the end
    return TemplateResponse(request, TAKE, candidate_context(interview))


@require_POST
def answer(request, pk: int):
    """Autosave (fetch from static/js/answer.js): JSON out, so the page can retry and resolve."""
    interview = get_interview_for_taking(request, pk)
    item = get_interview_question(interview, request.POST.get("item"))
    try:
        base = counter(request.POST.get("base", "0"))
        seq = whole_number(request.POST.get("seq", "0"), maximum=BIGINT_MAX - 1)
    except ValueError:
        return HttpResponseBadRequest()
    scripted = "client" in request.POST  # the autosave script; a plain form post otherwise
    text = request.POST.get("text", "")
    if len(text) > MAX_ANSWER_CHARS:  # refused whole: a cut answer reported as saved loses the tail
        message = _("Not saved: an answer holds at most %(limit)s characters.") % {
            "limit": number_format(MAX_ANSWER_CHARS, force_grouping=True)
        }
        if not scripted:
            return HttpResponseBadRequest(message)
        return JsonResponse(
            {"status": "too_long", "limit": MAX_ANSWER_CHARS, "message": message}, status=413
        )
    result = save_answer(
        item,
        text=text,
        base=base,
        client=request.POST.get("client", "")[:40] if scripted else "form",
        seq=seq if scripted else int(timezone.now().timestamp() * 1000),
        force=request.POST.get("force") == "1",
    )
    answer = result.answer
    if not scripted:
        return redirect(
            take_url(interview) if interview.is_live or interview.is_finished else "home"
        )
    body = {
        "status": result.status,
        "revision": answer.revision,
        "saved_at": time_format(timezone.localtime(answer.updated_at), "H:i:s"),
    }
    if result.status == "conflict":
        body["text"] = answer.text
    status = {"conflict": 409, "not_started": 409, "late": 200}.get(result.status, 200)
    return JsonResponse(body, status=status)


POLL_SESSION_SECONDS = 10.0
_poll_sessions: dict[str, tuple[float, str | None]] = {}


def _poll_user_id(request) -> str | None:
    """The signed-in user's id for the unchanged-poll check, remembered by this process for
    POLL_SESSION_SECONDS per session cookie: every page polls every 2 s, and loading the session
    is a round trip to the cache (the poll's slowest step under load). A session ended
    meanwhile may get a few more "nothing changed" answers, which tell nothing; anything else
    goes through the full path, which loads the session itself."""
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not key:
        return None
    now = time.monotonic()
    hit = _poll_sessions.get(key)
    if hit is not None and hit[0] > now:
        return hit[1]
    user_id = request.session.get(SESSION_KEY)
    if len(_poll_sessions) >= 10_000:  # bounded: expired entries are dropped wholesale
        _poll_sessions.clear()
    _poll_sessions[key] = (now + POLL_SESSION_SECONDS, user_id)
    return user_id


def _fast_unchanged(request, pk: int) -> bool:
    """One indexed query: is the client's version current? No session-user lookup needed."""
    user_id = _poll_user_id(request)
    if user_id is None:
        return False
    seated = PanelMember.objects.filter(interview=OuterRef("pk"), user_id=user_id)
    row = (
        Interview.objects.filter(pk=pk)
        .annotate(seated=Exists(seated))  # a co-interviewer follows the console's version
        .filter(Q(owner_id=user_id) | Q(candidate_id=user_id) | Q(seated=True))
        .values_list(
            "owner_id", "mode", "version", "candidate_version", "current_deadline", "seated"
        )
        .first()
    )
    if row is None:
        return False
    owner_id, mode, version, candidate_version, current_deadline, seated = row
    if mode == Interview.Mode.PRACTICE and current_deadline and current_deadline <= timezone.now():
        return False  # a hard deadline passed: the full path moves the mock on
    runs_it = (str(owner_id) == str(user_id) or seated) and mode == Interview.Mode.LIVE
    if runs_it:
        return request.GET.get("v") == str(version)
    return request.GET.get("cv") == str(candidate_version)


@activates_zone_itself  # the fast path must not load the session for it
@login_not_required  # checked below: the fast path must not load the user
@require_GET
@never_cache  # standard answers, notes or scores: never kept by a browser or proxy
def state(request, pk: int):
    """Poll every ~2 s with the version shown: 204 if nothing changed, else the changed parts.

    The console sends ``v`` (every change); the candidate's page sends ``cv`` (changes it must
    follow), so a candidate typing does not make their own page re-render.
    """
    if _fast_unchanged(request, pk):
        return HttpResponse(status=204)
    activate_zone(request)
    if not request.user.is_authenticated:
        return HttpResponseClientRedirect(reverse("login"))
    if "v" in request.GET:
        interview, seat = get_interview_for_panel(request, pk)
        if interview.is_finished:
            return HttpResponseClientRedirect(after_the_end(interview, seat))
        if request.GET["v"] == str(interview.version):  # unchanged, for someone not its owner
            return HttpResponse(status=204)
        return console_update(request, interview, shown=shown_state(request.GET), seat=seat)
    interview = get_interview_for_taking(request, pk)
    if interview.is_finished:
        return HttpResponseClientRedirect(take_url(interview))
    context = candidate_context(interview)
    current = context["current"]
    names = ["status", "poll-state"]
    if current is None or str(current.pk) != request.GET.get("item", ""):
        names = ["status", "question", "poll-state"]
    return render_oob(request, TAKE, context, *names)


def take_url(interview: Interview) -> str:
    if interview.mode == Interview.Mode.PRACTICE:
        return reverse("practice:review", args=[interview.pk])
    return reverse("interviews:take", args=[interview.pk])
