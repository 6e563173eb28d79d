"""The candidate's page: a waiting room, then only the current question, the clock and the answer
box; and the state endpoint that both the console and this page poll."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
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
    question_of,
)
from interviews.answers import MAX_ANSWER_CHARS, is_past_deadline, save_answer
from interviews.live import current_question
from interviews.models import Answer, Interview, InterviewQuestion, PanelMember
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
    item = question_of(interview, request.POST.get("item"))  # read by save_answer, locked
    try:
        base = counter(request.POST.get("base", "0"))
        seq = whole_number(request.POST.get("seq", "0"), maximum=BIGINT_MAX)  # stored as sent
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
    try:
        result = save_answer(
            item,
            text=text,
            base=base,
            client=request.POST.get("client", "")[:40] if scripted else "form",
            seq=seq if scripted else int(timezone.now().timestamp() * 1000),
            force=request.POST.get("force") == "1",
        )
    except InterviewQuestion.DoesNotExist:  # not a question of this interview
        raise Http404 from None
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


def _poll_sql() -> str:
    """The fast path's one query, in SQL (names from the models): compiling it with the ORM
    costs several times what the database takes to answer it, on every poll of every page."""
    interview, seat = Interview._meta, PanelMember._meta
    names = ("id", "owner", "candidate", "mode", "version", "candidate_version", "current_deadline")
    i = {name: interview.get_field(name).column for name in names}
    p = {name: seat.get_field(name).column for name in ("id", "interview", "user")}
    return (
        f"SELECT i.{i['owner']}, i.{i['candidate']}, i.{i['mode']}, i.{i['version']},"
        f" i.{i['candidate_version']},"
        f" (i.{i['current_deadline']} IS NOT NULL AND i.{i['current_deadline']} <= %s),"
        f" p.{p['id']}"
        f" FROM {interview.db_table} i LEFT JOIN {seat.db_table} p"
        f" ON p.{p['interview']} = i.{i['id']} AND p.{p['user']} = %s"
        f" WHERE i.{i['id']} = %s"
    )


POLL_SQL = _poll_sql()


def _fast_unchanged(request, pk: int) -> bool:
    """Is the client's version current? One query by primary key (with the user's seat, a
    co-interviewer following the console's version), no session-user lookup."""
    user_id = _poll_user_id(request)
    if user_id is None:
        return False
    try:
        user_id = int(user_id)
    except (TypeError, ValueError):
        return False
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(POLL_SQL, [now, user_id, pk])
        row = cursor.fetchone()
    if row is None:
        return False
    owner_id, candidate_id, mode, version, candidate_version, deadline_passed, seat_id = row
    if user_id not in (owner_id, candidate_id) and seat_id is None:
        return False  # an outsider: the full path answers (404)
    if mode == Interview.Mode.PRACTICE and deadline_passed:
        return False  # a hard deadline passed: the full path moves the mock on
    runs_it = user_id == owner_id or seat_id is not None
    if runs_it and mode == Interview.Mode.LIVE:
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
