"""Every URL pattern against every persona, in one table: a new URL cannot skip it.

Each row says what each persona gets. ``OK`` means the request is served (any status but 403,
404 or 5xx: a redirect, a form error, a 400 for missing data); 403 and 404 are refusals.
Beyond status codes, no response to a candidate or an anonymous visitor may carry a standard
answer, a key point or an interviewer's note, whatever URL or partial they ask for.
The admin is left to Django's own checks (staff and model permissions).
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access_world import build_world
from tests.conftest import (
    SECRET_ANSWER,
    SECRET_KEY_POINT,
    SECRET_NOTE,
    client_for,
)

PERSONAS = ("anonymous", "carol", "mallory", "alice", "bob", "cora", "root")
OK = "ok"
LOGIN = "login"  # a redirect to the sign-in page


def each(value, **overrides) -> dict:
    return {**dict.fromkeys(PERSONAS, value), **overrides}


BANK = each(200, anonymous=LOGIN, carol=403, mallory=403)
INTERVIEWER_ONLY = each(404, anonymous=LOGIN, carol=403, mallory=403, cora=403, alice=OK, root=OK)
CANDIDATE_ONLY = each(404, anonymous=LOGIN, carol=OK)
INTERVIEWERS = each(403, anonymous=LOGIN, alice=OK, bob=OK, root=OK)  # each sees their own
CANDIDATES = each(403, anonymous=LOGIN, carol=OK, mallory=OK)  # each practises alone
OWN_MOCK = each(404, anonymous=LOGIN, carol=OK)  # nobody else's, superusers included
CURATORS_ONLY = each(403, anonymous=LOGIN, cora=200, root=200)
OWN_STATS = each(404, anonymous=LOGIN, carol=403, mallory=403, alice=200, cora=200, root=200)
SEATED = each(404, anonymous=LOGIN, carol=403, mallory=403, cora=403, alice=OK, bob=OK)  # a seat
WATCHED_WRITE = {**SEATED, "root": 403}  # a seat's write: refused to a watcher by the lookup
LEAD_ONLY = {**INTERVIEWER_ONLY, "root": 403}  # a panel's lead: a superuser without a seat watches
RUNS_IT_200 = {**INTERVIEWER_ONLY, "alice": 200, "root": 200}  # the write goes through

# name: [(args, method, data, expected), ...]; args and data may name objects of the fixture.
MATRIX = {
    "healthz": [([], "get", None, each(200))],
    "home": [([], "get", None, each(200, anonymous=LOGIN, alice=302, bob=302, cora=302, root=302))],
    "login": [
        ([], "get", None, each(302, anonymous=200)),
        ([], "post", {"username": "x", "password": "y"}, each(OK)),
    ],
    "logout": [([], "get", None, each(405, anonymous=LOGIN))],
    "set_language": [([], "get", None, each(302))],
    "password_change": [
        ([], "get", None, each(200, anonymous=LOGIN)),
        ([], "post", {}, each(200, anonymous=LOGIN)),  # the form again, with its errors
    ],
    "account_settings": [
        ([], "get", None, each(200, anonymous=LOGIN)),
        ([], "post", {"time_zone": "Europe/Paris"}, each(302, anonymous=LOGIN)),
    ],
    "password_change_done": [([], "get", None, each(200, anonymous=LOGIN))],
    "password_reset": [
        ([], "get", None, each(200)),
        ([], "post", {"email": "nobody@example.com"}, each(302)),
    ],
    "password_reset_done": [([], "get", None, each(200))],
    "password_reset_confirm": [(["MQ", "bad-token"], "get", None, each(200))],
    "password_reset_complete": [([], "get", None, each(200))],
    "questionbank:index": [([], "get", None, BANK)],
    "questionbank:topic": [(["secrets"], "get", None, BANK)],
    "questionbank:question": [(["secrets", 1], "get", None, BANK)],
    "questionbank:weak_spots": [
        ([], "get", None, each(403, anonymous=LOGIN, cora=200, root=200)),
        ([], "post", {}, each(405, anonymous=LOGIN)),
    ],
    "questionbank:question_history": [(["secrets", 1], "get", None, CURATORS_ONLY)],
    "questionbank:restore_revision": [
        (["secrets", 1, "revision"], "get", None, CURATORS_ONLY),
        (["secrets", 1, "revision"], "post", {}, {**CURATORS_ONLY, "cora": 302, "root": 302}),
    ],
    "questionbank:topic_history": [(["secrets"], "get", None, CURATORS_ONLY)],
    # "revision" is a question's revision, not the topic's own: curators get 404 (the happy path
    # is in tests/questionbank/test_topic_history.py); everyone else is refused before the lookup.
    "questionbank:restore_topic_revision": [
        (["secrets", "revision"], "get", None, {**CURATORS_ONLY, "cora": 404, "root": 404}),
        (["secrets", "revision"], "post", {}, {**CURATORS_ONLY, "cora": 404, "root": 404}),
    ],
    "interviews:index": [([], "get", None, INTERVIEWERS)],
    "interviews:new": [([], "get", None, INTERVIEWERS), ([], "post", {}, INTERVIEWERS)],
    "interviews:detail": [
        (["live"], "get", None, INTERVIEWER_ONLY),
        (["panel_draft"], "get", None, {**INTERVIEWER_ONLY, "bob": 200}),  # bob has a seat
    ],
    "interviews:edit": [
        (["draft"], "get", None, INTERVIEWER_ONLY),
        (["draft"], "post", {}, INTERVIEWER_ONLY),
    ],
    "interviews:add_question": [(["draft"], "post", {"question": "q1"}, INTERVIEWER_ONLY)],
    "interviews:reorder": [(["draft"], "post", {"item": "draft_item"}, INTERVIEWER_ONLY)],
    "interviews:remove_question": [(["draft", "draft_item"], "post", {}, INTERVIEWER_ONLY)],
    "interviews:move_question": [
        (["draft", "draft_item"], "post", {"direction": "down"}, INTERVIEWER_ONLY)
    ],
    "interviews:set_time": [(["draft", "draft_item"], "post", {"minutes": "5"}, INTERVIEWER_ONLY)],
    "interviews:bank": [(["draft"], "get", {"topic": "secrets"}, INTERVIEWER_ONLY)],
    "interviews:save_template": [(["draft"], "post", {"title": "T"}, INTERVIEWER_ONLY)],
    "interviews:send_invitation": [(["draft"], "post", {}, INTERVIEWER_ONLY)],
    "interviews:add_member": [(["draft"], "post", {"email": "x@example.com"}, INTERVIEWER_ONLY)],
    "interviews:remove_member": [  # bob's own seat on the panel gives him no say over it
        (["panel_draft", "panel_seat"], "get", None, INTERVIEWER_ONLY),
        (["panel_draft", "panel_seat"], "post", {}, LEAD_ONLY),  # root watches a panel
    ],
    # Interviewers only; not the lead (alice), nor bob who has a seat already; root joins.
    "interviews:panel_invitation": [
        (["panel_token"], "get", None, each(403, anonymous=LOGIN, root=200)),
        (["panel_token"], "post", {}, each(403, anonymous=LOGIN, root=302)),
    ],
    "interviews:schedule": [(["draft"], "post", {}, INTERVIEWER_ONLY)],
    "interviews:start": [(["other_draft"], "post", {}, INTERVIEWER_ONLY)],
    "interviews:cancel": [
        (["draft"], "get", None, INTERVIEWER_ONLY),
        (["live"], "post", {}, INTERVIEWER_ONLY),
    ],
    "interviews:delete": [
        (["draft"], "get", None, INTERVIEWER_ONLY),
        (["draft"], "post", {}, INTERVIEWER_ONLY),
    ],
    "interviews:delete_template": [
        (["template"], "get", None, INTERVIEWER_ONLY),
        (["template"], "post", {}, INTERVIEWER_ONLY),
    ],
    "interviews:live": [(["live"], "get", None, INTERVIEWER_ONLY)],
    "interviews:goto": [(["live"], "post", {"position": "0"}, INTERVIEWER_ONLY)],
    "interviews:pause": [(["live"], "post", {}, INTERVIEWER_ONLY)],
    "interviews:resume": [(["live"], "post", {}, INTERVIEWER_ONLY)],
    "interviews:score": [
        (["live", "live_item"], "post", {"score": "3", "revision": "1"}, RUNS_IT_200),
        (["live", "live_item"], "post", {"score": "3", "revision": "99"}, INTERVIEWER_ONLY),
    ],
    "interviews:tick": [
        (["live", "live_item"], "post", {"index": "0", "on": "1"}, INTERVIEWER_ONLY)
    ],
    "interviews:notes": [
        (["live", "live_item"], "post", {"notes": "x", "revision": "1"}, RUNS_IT_200),
        (["live", "live_item"], "post", {"notes": "x", "revision": "99"}, INTERVIEWER_ONLY),
    ],
    "interviews:not_asked": [(["live", "live_item"], "post", {"not_asked": "0"}, INTERVIEWER_ONLY)],
    "interviews:award": [(["live"], "post", {"bonus_point": "bonus_point"}, INTERVIEWER_ONLY)],
    "interviews:revoke": [(["live", "award"], "post", {}, INTERVIEWER_ONLY)],
    "interviews:finish": [
        (["live"], "get", None, INTERVIEWER_ONLY),
        (["live"], "post", {"recommendation": "yes", "summary": "ok"}, INTERVIEWER_ONLY),
    ],
    "interviews:state": [
        (
            ["live"],
            "get",
            {"v": "0"},
            each(404, anonymous=200, carol=403, mallory=403, cora=403, alice=200, root=200),
        ),
        (["live"], "get", {"cv": "0"}, each(404, anonymous=200, carol=200)),
    ],
    "interviews:take": [(["live"], "get", None, CANDIDATE_ONLY)],
    "interviews:answer": [
        (
            ["live"],
            "post",
            {"item": "live_item", "text": "x", "base": "0", "client": "t", "seq": "1"},
            CANDIDATE_ONLY,
        )
    ],
    "interviews:invitation": [
        (["invite_token"], "get", None, each(200)),
        (["invite_token"], "post", {}, each(OK)),
    ],
    # root has no seat: watches (access.watches), sent to the debrief, read-only; every write
    # is refused by the lookup itself (403), before the seat's own views would answer 404.
    "interviews:panel_scorecard": [(["panel"], "get", None, {**SEATED, "root": 302})],
    "interviews:panel_score": [
        (["panel", "panel_item"], "post", {"score": "4", "revision": "1"}, WATCHED_WRITE)
    ],
    "interviews:panel_tick": [
        (["panel", "panel_item"], "post", {"index": "0", "on": "1"}, WATCHED_WRITE)
    ],
    "interviews:panel_notes": [
        (["panel", "panel_item"], "post", {"notes": "x", "revision": "0"}, WATCHED_WRITE)
    ],
    "interviews:panel_amend": [
        (["panel", "panel_item"], "post", {"score": "2", "reason": "r"}, WATCHED_WRITE)
    ],
    "interviews:panel_submit": [(["panel"], "post", {}, WATCHED_WRITE)],
    "interviews:panel_debrief": [(["panel"], "get", None, {**SEATED, "root": 200})],
    "interviews:panel_close": [  # the lead's alone: root watches a panel (403)
        (["panel"], "get", None, LEAD_ONLY),
        (["panel"], "post", {}, LEAD_ONLY),
    ],
    "interviews:panel_decide": [(["panel"], "post", {}, LEAD_ONLY)],
    "interviews:report": [(["done"], "get", None, INTERVIEWER_ONLY)],
    "interviews:report_csv": [(["done"], "get", None, INTERVIEWER_ONLY)],
    "interviews:share": [(["done"], "post", {}, INTERVIEWER_ONLY)],
    "interviews:share_preview": [
        (["done"], "get", {"parts": ["answers", "notes", "standard_answers"]}, INTERVIEWER_ONLY)
    ],
    "interviews:unshare": [(["other_done"], "post", {}, INTERVIEWER_ONLY)],
    "interviews:shared": [
        (["share_token"], "get", None, each(200)),
        (["revoked_token"], "get", None, each(410)),
    ],
    "practice:index": [([], "get", None, CANDIDATES), ([], "post", {}, CANDIDATES)],
    "practice:weak": [([], "post", {}, CANDIDATES)],
    "practice:history": [([], "get", None, CANDIDATES)],
    "practice:take": [(["mock"], "get", None, OWN_MOCK)],
    "practice:answer": [
        (
            ["mock"],
            "post",
            {"item": "mock_item", "text": "x", "base": "0", "client": "t", "seq": "1"},
            OWN_MOCK,
        )
    ],
    "practice:next": [(["mock"], "post", {}, OWN_MOCK)],
    "practice:finish": [(["mock"], "post", {}, OWN_MOCK)],
    "practice:review": [(["done_mock"], "get", None, OWN_MOCK)],
    "practice:rate": [(["done_mock", "done_mock_item"], "post", {"rating": "3"}, OWN_MOCK)],
    "practice:redo": [(["done_mock", "done_mock_item"], "post", {"redo": "1"}, OWN_MOCK)],
    "stats:questions": [([], "get", None, BANK)],
    "stats:interviewers": [([], "get", None, CURATORS_ONLY)],
    "stats:interviewer": [(["alice_id"], "get", None, OWN_STATS)],
}


def _names(patterns, prefix="") -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            names |= _names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"name the URL pattern {pattern.pattern} so the matrix covers it"
            names.add(prefix + pattern.name)
    return names


def test_every_url_pattern_has_a_row():
    assert _names(get_resolver().url_patterns) == set(MATRIX)


@pytest.fixture
def world(alice, bob, carol, mallory, cora, root):
    users = {"anonymous": None, "carol": carol, "mallory": mallory, "alice": alice, "bob": bob}
    return build_world({**users, "cora": cora, "root": root})


class _Undo(Exception):
    pass


def _resolve(value, world):
    return world.get(value, value) if isinstance(value, str) else value


ROWS = [(name, index) for name, rows in MATRIX.items() for index in range(len(rows))]


@pytest.mark.parametrize(("name", "index"), ROWS, ids=[f"{n}[{i}]" for n, i in ROWS])
def test_each_persona_gets_what_the_table_says(name, index, world):
    args, method, data, expected = MATRIX[name][index]
    url = reverse(name, args=[_resolve(a, world) for a in args])
    payload = {k: _resolve(v, world) for k, v in (data or {}).items()}
    got = {}
    for persona, user in world["users"].items():
        client = client_for(user)
        try:
            with transaction.atomic():  # each persona sees the world as it was
                response = getattr(client, method)(url, payload, headers={"HX-Request": "true"})
                raise _Undo
        except _Undo:
            pass
        status = response.status_code
        got[persona] = status
        if expected[persona] == LOGIN:
            assert status == 302 and response["Location"].startswith(reverse("login")), (
                persona,
                name,
            )
            got[persona] = LOGIN
        if persona == "anonymous" and name == "interviews:state":
            assert response["HX-Redirect"] == reverse("login")
        if expected[persona] == OK:
            assert status not in (403, 404) and status < 500, (persona, status)
            got[persona] = OK
        if persona in ("anonymous", "carol", "mallory"):
            # Carol may read the standard answers and key points of her own finished mock;
            # nobody but interviewers ever reads an interviewer's note.
            entitled = persona == "carol" and name in ("practice:review", "practice:history")
            secrets = (SECRET_NOTE,) if entitled else (SECRET_ANSWER, SECRET_KEY_POINT, SECRET_NOTE)
            body = response.content.decode(errors="replace")
            for secret in secrets:
                assert secret not in body, (persona, name, secret)
            if name.startswith("interviews:") and name != "interviews:shared":
                assert "score-form" not in body and "Suggested score" not in body
    assert got == expected


# Django's own views (sign-in, language switch, passwords) take the methods Django gives them.
OWN_VIEWS = sorted(
    name
    for name in MATRIX
    if name not in ("login", "set_language") and not name.startswith("password_")
)


@pytest.mark.parametrize("name", OWN_VIEWS)
def test_a_method_the_url_does_not_take_is_refused(name, world):
    """A wrong method answers 405, before anything else happens."""
    args = MATRIX[name][0][0]
    url = reverse(name, args=[_resolve(a, world) for a in args])
    response = client_for(world["users"]["alice"]).put(url)
    assert response.status_code == 405, (name, response.status_code)
