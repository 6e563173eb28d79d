"""The candidate's page: a waiting room, then only the current question, the clock and the answer
box; and the state endpoint that both the console and this page poll."""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import cached_property

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
from config.params import counter, whole_number
from interviews.access import (
    get_interview_for_panel,
    get_interview_for_taking,
    question_of,
    runs_or_sits,
    watches,
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
        seq = whole_number(request.POST.get("seq", "0"))  # stored as sent: a bigint
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
    """The poll's one query, in SQL (names from the models): compiling it with the ORM costs
    several times what the database takes to answer it, on every poll of every page. It reads
    the whole interview row and the user's seat, so a poll that finds a change renders from
    them instead of reading them again (``interviews.access.get_interview_for_panel``)."""
    interview, seat = Interview._meta, PanelMember._meta
    deadline = interview.get_field("current_deadline").column
    columns = [f"i.{field.column}" for field in interview.concrete_fields]
    columns.append(f"(i.{deadline} IS NOT NULL AND i.{deadline} <= %s)")
    columns += [f"p.{field.column}" for field in seat.concrete_fields]
    on_interview, on_user = seat.get_field("interview").column, seat.get_field("user").column
    return (
        f"SELECT {', '.join(columns)}"
        f" FROM {interview.db_table} i LEFT JOIN {seat.db_table} p"
        f" ON p.{on_interview} = i.{interview.pk.column} AND p.{on_user} = %s"
        f" WHERE i.{interview.pk.column} = %s"
    )


POLL_SQL = _poll_sql()


_INTERVIEW_FIELDS = Interview._meta.concrete_fields
_SEAT_FIELDS = PanelMember._meta.concrete_fields
# Where the poll's row holds the columns the unchanged check reads, raw (ints and a string
# need no converter on any database): building the models is left to a poll that renders.
_AT = {field.attname: k for k, field in enumerate(_INTERVIEW_FIELDS)}
_DEADLINE_PASSED = len(_INTERVIEW_FIELDS)
_SEAT_AT = _DEADLINE_PASSED + 1


@dataclass(frozen=True)
class Polled:
    """What the poll's one query read, for the user the session names: the row as the
    database gave it, and the interview and seat built from it only when asked."""

    user_id: int
    row: tuple

    def raw(self, attname: str):
        return self.row[_AT[attname]]

    @property
    def deadline_passed(self) -> bool:
        return bool(self.row[_DEADLINE_PASSED])

    @property
    def seated(self) -> bool:
        return self.row[_SEAT_AT] is not None

    @property
    def follows(self) -> str | None:
        """Which version this user's page follows: ``v`` (the console: its owner and its
        seats), ``cv`` (the candidate's page), None for anyone else (the full path's 404)."""
        if runs_or_sits(self.user_id, owner_id=self.raw("owner_id"), seated=self.seated):
            return "v" if self.raw("mode") == Interview.Mode.LIVE else "cv"
        if self.user_id == self.raw("candidate_id"):
            return "cv"
        return None

    @cached_property
    def interview(self) -> Interview:
        names = [field.attname for field in _INTERVIEW_FIELDS]
        values = _from_db(_INTERVIEW_FIELDS, self.row[:_DEADLINE_PASSED])
        return Interview.from_db(connection.alias, names, values)

    @cached_property
    def seat(self) -> PanelMember | None:
        """The user's seat on the interview's panel, if any."""
        if not self.seated:
            return None
        names = [field.attname for field in _SEAT_FIELDS]
        values = _from_db(_SEAT_FIELDS, self.row[_SEAT_AT:])
        seat = PanelMember.from_db(connection.alias, names, values)
        seat.interview = self.interview
        return seat


def _polled(request, pk: int) -> Polled | None:
    """The interview (with the user's seat) read by one query by primary key, without loading
    the session's user; None without a session user or for an interview that does not exist."""
    user_id = _poll_user_id(request)
    if user_id is None:
        return None
    try:
        user_id = int(user_id)
    except (TypeError, ValueError):
        return None
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(POLL_SQL, [now, user_id, pk])
        row = cursor.fetchone()
    return None if row is None else Polled(user_id, row)


def _from_db(fields, values) -> list:
    """Raw column values as the ORM would load them (the database's converters: dates and
    booleans on SQLite, JSON...)."""
    converted = []
    for field, value in zip(fields, values, strict=True):
        column = field.cached_col
        for converter in [
            *connection.ops.get_db_converters(column),
            *column.get_db_converters(connection),
        ]:
            value = converter(value, column, connection)
        converted.append(value)
    return converted


def _unchanged(request, polled: Polled | None) -> bool:
    """Is the version the client shows current? Never for an outsider (the full path answers
    404) nor past a practice mock's hard deadline (the full path moves the mock on)."""
    follows = polled.follows if polled is not None else None
    if follows is None:
        return False
    if polled.raw("mode") == Interview.Mode.PRACTICE and polled.deadline_passed:
        return False
    version = polled.raw("version" if follows == "v" else "candidate_version")
    return request.GET.get(follows) == str(version)


@activates_zone_itself  # the fast path must not load the session for it
@login_not_required  # checked below: the fast path must not load the user
@require_GET
@never_cache  # standard answers, notes or scores: never kept by a browser or proxy
def state(request, pk: int):
    """Poll every ~2 s with the version shown: 204 if nothing changed, else the changed parts.

    The console sends ``v`` (every change); the candidate's page sends ``cv`` (changes it must
    follow), so a candidate typing does not make their own page re-render.
    """
    polled = _polled(request, pk)
    if _unchanged(request, polled):
        return HttpResponse(status=204)
    activate_zone(request)
    if not request.user.is_authenticated:
        return HttpResponseClientRedirect(reverse("login"))
    if "v" in request.GET:
        read = (polled.user_id, polled.interview, polled.seat) if polled else None
        interview, seat = get_interview_for_panel(request, pk, read=read)
        if interview.is_finished:
            watching = watches(request, interview, seat)
            return HttpResponseClientRedirect(after_the_end(interview, seat, watching))
        if request.GET["v"] == str(interview.version):  # unchanged, for someone not its owner
            return HttpResponse(status=204)
        watching = watches(request, interview, seat)  # a query, for a superuser only
        shown = shown_state(request.GET)
        return console_update(request, interview, shown=shown, seat=seat, watching=watching)
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
