"""The adversarial review's probes, re-run against a real server (issue 11).

    .venv/bin/python bench/probe_review.py [--database-url URL] [--redis-url URL] [--port P]

Sets up a fresh database (a temporary SQLite file by default; --database-url for PostgreSQL,
created and dropped here), plants marked secrets (a standard answer, key points, an
interviewer's note) and a topic of hostile Markdown, and starts gunicorn (2 workers, DEBUG
off; REDIS_URL from --redis-url, none by default: a closed port shows the site without its
cache). The personas are those of tests/test_access_matrix.py: anonymous, carol (the candidate
of alice's interviews), mallory (another candidate), alice (the interviewer who owns them),
bob (another interviewer), cora (curator, staff) and root (superuser). Every URL pattern of
the resolver is probed, the admin's included, with the ids, slugs and tokens of objects owned by
alice and carol:

- access: GET and POST of every URL by every persona. A LEAK is a 200 body carrying a marker
  the persona may not read; an OUTSIDER WRITE is any row changed (database fingerprint before
  and after) by the POST of a persona the access matrix refuses;
- wrong method (PUT, PATCH, DELETE: 405 expected on the project's own views), CSRF (a POST
  without the token: 403, nothing written);
- hostile input: NUL in path, query and form (400), huge and negative integers and far dates on
  the forms that take them (no 5xx), forms posted as charset=utf-16 (400);
- XSS: every page showing the hostile topic, for every persona: no live script, handler,
  javascript: URL or frame in the HTML.

Prints per category the probes run, the statuses, 5xx, leaks, outsider writes and unexpected
statuses; exits 1 on any 5xx, leak or outsider write. About 3,000 requests.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from live_load import ROOT, recreate_database, wait_for_port
from two_nodes import drop_database

sys.path.insert(0, str(ROOT))

XSS = "XSSMARK"
HOSTILE_MARKDOWN = f"""---
slug: hostile
title: Hostile <script>alert('{XSS}0')</script>
---
# Hostile <img src=x onerror="alert('{XSS}1')">

## 问题

1. 第一题 <script>alert('{XSS}2')</script> 是什么？
2. 第二题 <img src=x onerror="alert('{XSS}3')"> 是什么？
3. 第三题 [点我](javascript:alert('{XSS}4')) 是什么？

## 标准答案

### 1. 答一

<iframe src="javascript:alert('{XSS}5')"></iframe> 一。
<a href="javascript:alert('{XSS}6')" onclick="alert('{XSS}7')">链接</a>
<svg onload="alert('{XSS}8')"></svg>

**评分要点**：
- <img src=x onerror=alert('{XSS}9')> 要点
- [链接](javascript:alert('{XSS}10'))

### 2. 答二

<script>alert('{XSS}11')</script>
<object data="javascript:alert('{XSS}12')"></object>
<form action="javascript:alert('{XSS}13')"><button>go</button></form>

**评分要点**：
- <a href="JaVaScRiPt:alert('{XSS}14')">x</a>

### 3. 答三

![x](javascript:alert('{XSS}15')) <embed src="javascript:alert('{XSS}16')">
<div style="background:url(javascript:alert('{XSS}17'))">样式</div>

**评分要点**：
- <details open ontoggle="alert('{XSS}18')">x</details>
"""
HUGE = ["2147483647", "2147483648", "-2147483649", "9223372036854775808", "1e308", "NaN", "-0"]
FAR_DATES = ["0001-01-01T00:00", "9999-12-31T23:59", "0001-01-01", "99999-01-01T00:00"]
# The number and date fields of each form (from interviews/forms.py and the views).
NUMBER_FIELDS = {
    "interviews:new": {"minutes": HUGE, "scheduled_at": FAR_DATES},
    "interviews:edit": {"minutes": HUGE, "scheduled_at": FAR_DATES},
    "interviews:add_question": {"question": HUGE},
    "interviews:reorder": {"item": HUGE},
    "interviews:set_time": {"minutes": HUGE},
    "interviews:goto": {"position": HUGE},
    "interviews:score": {"revision": HUGE, "score": HUGE},
    "interviews:tick": {"index": HUGE},
    "interviews:notes": {"revision": HUGE},
    "interviews:award": {"bonus_point": HUGE},
    "interviews:answer": {"item": HUGE, "base": HUGE, "seq": HUGE},
    "interviews:bank": {"topic": HUGE, "page": HUGE},
    "practice:index": {"count": HUGE, "minutes": HUGE, "topics": HUGE},
    "practice:answer": {"item": HUGE, "base": HUGE, "seq": HUGE},
    "practice:next": {"item": HUGE},
    "practice:rate": {"rating": HUGE},
    "interviews:state": {"v": HUGE, "cv": HUGE, "item": HUGE},
    "questionbank:index": {"page": HUGE},
    "questionbank:topic": {"page": HUGE},
    "stats:questions": {"page": HUGE},
}
REFUSED = {403, 404, "login"}
NOT_PROBED = {"logout", "admin:logout"}  # by a signed-in persona: it would end its session


# --- The world (in this process, with Django) ---------------------------------------------------


def setup(database_url: str) -> dict:
    recreate_database(database_url)  # PostgreSQL: dropped and created; SQLite: no file
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # DEBUG off: hashed names
    return build_world()


def build_world() -> dict:
    """The access table's world (tests/access_world.py), a note on the finished interview, and
    a hostile topic in a running and a finished (shared) interview and a finished mock."""
    from decimal import Decimal

    from django.contrib.auth.models import User

    from accounts.roles import CANDIDATES, CURATORS, INTERVIEWERS
    from interviews import assembly, live, practice
    from interviews.models import Interview, new_token
    from questionbank.models import Question
    from tests.access_world import build_world as access_world
    from tests.conftest import SECRET_NOTE, import_markdown, make_user

    users = {
        "anonymous": None,
        "carol": make_user("carol", CANDIDATES, first_name="Carol"),
        "mallory": make_user("mallory", CANDIDATES, first_name="Mallory"),
        "alice": make_user("alice", INTERVIEWERS, first_name="Alice"),
        "bob": make_user("bob", INTERVIEWERS, first_name="Bob"),
        "cora": make_user("cora", CURATORS, first_name="Cora", is_staff=True),
        "root": User.objects.create_superuser("root", "root@example.com", "pw"),
    }
    alice, carol = users["alice"], users["carol"]
    world = access_world(users)
    done_first = Interview.objects.get(pk=world["done"]).questions.get(position=0)
    live.save_notes(done_first, SECRET_NOTE, revision=done_first.notes_revision)

    # The hostile topic, in a running and a finished (shared) interview and a finished mock.
    report = import_markdown(HOSTILE_MARKDOWN, "hostile.md")
    if not report.ok:
        raise SystemExit(f"the hostile topic was refused: {report.as_dict(with_summary=False)}")
    hostile = list(Question.objects.filter(topic__slug="hostile").order_by("number"))
    x_live = assembly.create_interview(
        owner=alice, title="Hostile live", candidate=carol, default_time_limit=300
    )
    x_done = assembly.create_interview(
        owner=alice, title="Hostile done", candidate=carol, default_time_limit=300
    )
    for interview in (x_live, x_done):
        for question in hostile:
            assembly.add_question(interview, question)
        live.start(interview)
    for item in x_done.questions.all():
        live.set_score(item, Decimal("3"), revision=item.score_revision, user=alice)
    live.finish(x_done, recommendation="yes", summary="ok")
    Interview.objects.filter(pk=x_done.pk).update(share_token="tok-" + new_token())
    x_done.refresh_from_db()
    x_mock = practice.start_practice(carol, hostile, seconds_per_question=300, title="X mock")
    practice.finish_early(x_mock)
    return {
        **world,
        "hostile_pages": [
            "/bank/",
            "/bank/hostile/",
            *(f"/bank/hostile/{q.number}/" for q in hostile),
            f"/interviews/{x_live.pk}/",
            f"/interviews/{x_live.pk}/live/",
            f"/interviews/{x_live.pk}/take/",
            f"/interviews/{x_live.pk}/bank/?topic=hostile",
            f"/interviews/{x_done.pk}/report/",
            f"/interviews/{x_done.pk}/take/",
            f"/interviews/shared/{x_done.share_token}/",
            f"/interviews/{x_done.pk}/share/preview/?parts=answers&parts=notes"
            "&parts=standard_answers",
            f"/practice/{x_mock.pk}/review/",
            "/practice/history/",
            "/practice/",
            "/stats/questions/",
            "/bank/curation/weak-spots/",
            f"/admin/questionbank/question/{hostile[0].pk}/change/",
            "/admin/questionbank/topic/",
        ],
    }


def session_cookies(users: dict) -> dict:
    """A fresh session for each signed-in persona (as a sign-in would leave)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.module_loading import import_string

    store_class = import_string(settings.SESSION_ENGINE + ".SessionStore")
    cookies = {}
    for persona, user in users.items():
        if user is None:
            cookies[persona] = None
            continue
        store = store_class()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        cookies[persona] = store.session_key
    return cookies


SKIP_TABLES = ("django_session", "axes_", "django_tasks_db", "accounts_resetrequest")


def fingerprint() -> dict[str, str]:
    """A digest of every row of every table (sessions, throttling and task queue aside)."""
    from django.apps import apps

    digests = {}
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if table.startswith(SKIP_TABLES) or model._meta.proxy:
            continue
        rows = model._base_manager.order_by("pk").values_list()
        digests[table] = hashlib.sha1(repr(list(rows)).encode()).hexdigest()
    return digests


# --- The URLs -----------------------------------------------------------------------------------


def enumerate_urls(world: dict) -> list[tuple[str, str, str, dict | None, dict]]:
    """(name, method, path, data, expected per persona) for every URL pattern of the resolver:
    the project's from the access matrix, the admin's from its registry."""
    from django.contrib import admin
    from django.urls import URLPattern, URLResolver, get_resolver, reverse

    from tests.test_access_matrix import LOGIN, MATRIX, PERSONAS, _resolve

    def names(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
                yield from names(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield prefix + pattern.name, pattern

    rows, unfilled = [], []
    staff_only = {p: (200 if p in ("cora", "root") else LOGIN) for p in PERSONAS}
    first_pk = {}
    for model in admin.site._registry:
        first = model._base_manager.order_by("pk").first()
        first_pk[f"{model._meta.app_label}_{model._meta.model_name}"] = first and first.pk
    seen = set()
    for name, pattern in names(get_resolver().url_patterns):
        if name in seen:
            continue
        seen.add(name)
        if name in MATRIX:
            for args, method, data, expected in MATRIX[name]:
                path = reverse(name, args=[_resolve(a, world) for a in args])
                payload = {k: _resolve(v, world) for k, v in (data or {}).items()}
                for other in ("get", "post"):  # both methods by everyone
                    same = other == method
                    rows.append((name, other, path, payload, expected if same else None))
            continue
        if not name.startswith("admin:"):
            unfilled.append(name)
            continue
        regex = getattr(pattern.pattern, "regex", None)
        params = [*pattern.pattern.converters, *(regex.groupindex if regex else ())]
        kwargs = {}
        model_key = name[len("admin:") :].rsplit("_", 1)[0]
        for param in params:
            if param in ("object_id", "id"):
                kwargs[param] = first_pk.get(model_key) or 1
            elif param == "app_label":
                kwargs[param] = "questionbank"
            elif param == "content_type_id":
                kwargs[param] = 1
            elif param == "token":  # an import's status page: no such import (404 to staff)
                kwargs[param] = "no-such-import"
        try:
            path = reverse(name, kwargs=kwargs)
        except Exception:
            unfilled.append(name)
            continue
        expected = dict(staff_only)
        if name in ("admin:login", "admin:jsi18n"):
            expected = {p: 200 for p in PERSONAS}
        rows.append((name, "get", path, {}, expected))
        rows.append((name, "post", path, {}, expected))
    if unfilled:
        print(f"URL patterns left unprobed: {unfilled}")
    return rows


# --- HTTP ---------------------------------------------------------------------------------------


class Server:
    def __init__(self, port: int, cookie_name: str):
        self.port, self.cookie_name = port, cookie_name
        self.csrf = "probeprobeprobeprobeprobeprobe32"  # a CSRF secret of 32 characters

    def request(self, method, path, *, session=None, data=None, body=None, content_type=None,
                csrf=True, headers=None):  # fmt: skip
        head = {"Host": "127.0.0.1", **(headers or {})}
        cookies = {"csrftoken": self.csrf}
        if session:
            cookies[self.cookie_name] = session
        head["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        if method != "GET":
            if csrf:
                head["X-CSRFToken"] = self.csrf
            if body is None:
                body = urllib.parse.urlencode(data or {}, doseq=True).encode()
            head["Content-Type"] = content_type or "application/x-www-form-urlencoded"
        elif data:
            path += ("&" if "?" in path else "?") + urllib.parse.urlencode(data, doseq=True)
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        connection.request(method, path, body=body, headers=head)
        response = connection.getresponse()
        content = response.read().decode(errors="replace")
        connection.close()
        status = response.status
        location = response.headers.get("Location", "")
        if status == 302 and "/login/" in location and "?next=" in location:
            status = "login"
        return status, content


class Tally:
    def __init__(self):
        self.rows = {}
        self.failures: list[str] = []
        self.seen = self.hostile_shown = 0  # markers alice reads; hostile pages shown

    def add(self, category, status, *, unexpected=False, leak=None, write=None, where=""):
        row = self.rows.setdefault(
            category,
            {"probes": 0, "statuses": Counter(), "5xx": 0, "leaks": 0, "writes": 0, "unexp": 0},
        )
        row["probes"] += 1
        row["statuses"][status] += 1
        if isinstance(status, int) and status >= 500:
            row["5xx"] += 1
            self.failures.append(f"{category}: {status} {where}")
        if leak:
            row["leaks"] += 1
            self.failures.append(f"{category}: LEAK {leak} {where}")
        if write:
            row["writes"] += 1
            self.failures.append(f"{category}: OUTSIDER WRITE {write} {where}")
        if unexpected:
            row["unexp"] += 1
            if len([f for f in self.failures if f.startswith("unexpected")]) < 40:
                self.failures.append(f"unexpected {category}: {status} {where}")


def leaked(persona: str, name: str, path: str, body: str) -> str | None:
    from tests.conftest import SECRET_ANSWER, SECRET_KEY_POINT, SECRET_NOTE

    if persona in ("alice", "root"):
        return None
    if name.startswith("admin:") and persona == "cora":
        return None  # staff with the curators' model permissions: Django's admin decides
    markers = [SECRET_NOTE]
    if persona in ("anonymous", "carol", "mallory") or name.startswith("admin:"):
        entitled = persona == "carol" and name in ("practice:review", "practice:history")
        if not entitled:
            markers += [SECRET_ANSWER, SECRET_KEY_POINT]
        if name.startswith("interviews:") and name != "interviews:shared":
            markers += ["score-form", "Suggested score"]
    found = [m for m in markers if m in body]
    return ", ".join(found) or None


class LiveMarkup(HTMLParser):
    """What in a page would run: scripts, handlers, javascript: URLs, frames (marked ones)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.live: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        if tag in ("iframe", "object", "embed", "frame"):
            self.live.append(f"<{tag}>")
        self.in_script = tag == "script"
        for key, value in attrs:
            value = value or ""
            squashed = "".join(value.split()).lower()
            if key.startswith("on") and XSS in value:
                self.live.append(f"<{tag} {key}>")
            if squashed.startswith(("javascript:", "vbscript:", "data:text/html")):
                self.live.append(f"<{tag} {key}={value[:40]}>")
            if key == "style" and "javascript:" in squashed:
                self.live.append(f"<{tag} style>")

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script and XSS in data:
            self.live.append("<script>" + data[:40])


# --- The probes ---------------------------------------------------------------------------------


def run_probes(server: Server, world: dict, rows, tally: Tally, cookies_for) -> None:
    from tests.conftest import SECRET_ANSWER, SECRET_NOTE
    from tests.test_access_matrix import OWN_VIEWS

    personas = list(world["users"])
    cookies = cookies_for()
    outsider_posts, entitled_posts = [], []

    # 1. Every GET by every persona; the leaks.
    for name, method, path, data, expected in rows:
        for persona in personas:
            if method == "get":
                status, body = server.request("GET", path, session=cookies[persona], data=data)
                leak = leaked(persona, name, path, body) if status == 200 else None
                if persona == "alice" and status == 200:  # the check is not vacuous
                    tally.seen += SECRET_ANSWER in body or SECRET_NOTE in body
                tally.add("GET by persona", status, leak=leak, where=f"{persona} {path}")
            elif name in NOT_PROBED and persona != "anonymous":
                continue
            elif expected is None or expected[persona] in REFUSED or expected[persona] == 405:
                outsider_posts.append((name, path, data, persona, expected))
            else:
                entitled_posts.append((name, path, data, persona))

    # 2. POSTs by personas the matrix refuses: nothing may change.
    before = fingerprint()
    for name, path, data, persona, expected in outsider_posts:
        status, body = server.request("POST", path, session=cookies[persona], data=data)
        after = fingerprint()
        changed = [t for t in after if after[t] != before.get(t)]
        refused = expected is not None and expected[persona] in REFUSED
        leak = leaked(persona, name, path, body) if status == 200 else None
        tally.add(
            "POST by outsider" if refused else "POST, method not the row's",
            status,
            leak=leak,
            write=", ".join(changed) if refused and changed else None,
            where=f"{persona} {path}",
        )
        before = after

    entitled_of = {}
    for name, path, data, persona in entitled_posts:
        entitled_of.setdefault((name, path), (data, persona))
    post_rows = [(n, p, d, who) for (n, p), (d, who) in entitled_of.items()]

    # 3. CSRF: the entitled persona's POST without the token.
    for _name, path, data, persona in post_rows:
        status, _ = server.request("POST", path, session=cookies[persona], data=data, csrf=False)
        after = fingerprint()
        changed = [t for t in after if after[t] != before.get(t)]
        tally.add(
            "CSRF (no token)",
            status,
            unexpected=status != 403,
            write=", ".join(changed) or None,
            where=f"{persona} {path}",
        )
        before = after

    # 4. Wrong methods on every URL the project serves (the admin's left to Django).
    done = set()
    for name, _method, path, _data, _expected in rows:
        if name.startswith("admin:") or path in done:
            continue
        done.add(path)
        for verb in ("PUT", "PATCH", "DELETE"):
            status, _ = server.request(verb, path, session=cookies["alice"])
            tally.add(
                "wrong method",
                status,
                unexpected=name in OWN_VIEWS and status != 405,
                where=f"{verb} {path}",
            )

    # 5. Hostile input, as the persona the URL serves.
    gets = {}
    for name, method, path, data, expected in rows:
        if method == "get" and expected is not None:
            who = next((p for p in ("alice", "carol", "cora", "anonymous")
                        if expected[p] not in REFUSED and expected[p] != 405), "alice")  # fmt: skip
            gets.setdefault(path, (name, data, who))
    for path, (_name, data, persona) in gets.items():
        session = cookies[persona]
        status, _ = server.request("GET", path.rstrip("/") + "%00/", session=session)
        tally.add("NUL in path", status, unexpected=status != 400, where=path)
        status, _ = server.request("GET", path, session=session, data={**data, "q": "a\x00b"})
        tally.add("NUL in query", status, unexpected=status != 400, where=path)
    for _name, path, data, persona in post_rows:
        session = cookies[persona]
        status, _ = server.request(
            "POST", path, session=session, data={**data, "client": "a\x00b", "text": "\x00"}
        )
        tally.add("NUL in form", status, unexpected=status != 400, where=path)
        body = urllib.parse.urlencode({**data, "text": "文"}, doseq=True).encode("utf-16")
        status, _ = server.request(
            "POST", path, session=session, body=body,
            content_type="application/x-www-form-urlencoded; charset=utf-16",
        )  # fmt: skip
        tally.add("charset=utf-16 form", status, unexpected=status != 400, where=path)
    targets = [(n, p, d, who, "POST") for n, p, d, who in post_rows]
    targets += [(n, p, d, who, "GET") for p, (n, d, who) in gets.items()]
    for name, path, data, persona, method in targets:
        for field, values in NUMBER_FIELDS.get(name, {}).items():
            for value in values:
                status, _ = server.request(
                    method, path, session=cookies[persona], data={**data, field: value}
                )
                category = "far dates" if value in FAR_DATES else "huge numbers"
                tally.add(category, status, where=f"{method} {path} {field}={value}")

    # 6. XSS: every page showing the hostile topic, to every persona.
    cookies = cookies_for()
    for path in world["hostile_pages"]:
        for persona in personas:
            status, body = server.request("GET", path, session=cookies[persona])
            live = []
            if status == 200:
                tally.hostile_shown += XSS in body
                parser = LiveMarkup()
                parser.feed(body)
                live = parser.live
            tally.add(
                "XSS renders",
                status,
                leak="live markup " + "; ".join(live[:3]) if live else None,
                where=f"{persona} {path}",
            )

    # 7. Last, the entitled personas' POSTs (they change the world: deletes, ends, shares).
    cookies = cookies_for()
    for _name, path, data, persona in entitled_posts:
        status, _ = server.request("POST", path, session=cookies[persona], data=data)
        tally.add("POST by entitled persona", status, where=f"{persona} {path}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="", help="default: a temporary SQLite file")
    parser.add_argument("--redis-url", default="", help="REDIS_URL for the server (none)")
    parser.add_argument("--port", type=int, default=0, help="default: a free one")
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="probe-review-")
    database_url = args.database_url or f"sqlite:///{scratch}/probe.sqlite3"
    port = args.port or free_port()
    env = {
        "DATABASE_URL": database_url,
        "REDIS_URL": args.redis_url,
        "DEBUG": "0",
        "SECRET_KEY": "probe-review-bench-secret-key-0123456789-abcdefghijkl",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_COOKIES": "0",
        "LOG_LEVEL": "ERROR",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    os.environ.update(env)
    print(f"setting up {database_url} (REDIS_URL={args.redis_url or 'none'}) ...", flush=True)
    world = setup(database_url)
    from django.conf import settings
    from django.db import connection

    log_path = Path(scratch) / "server.log"  # Django logs every refusal with its traceback
    server_log = log_path.open("w")
    server_process = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "-w", "2",
         "-b", f"127.0.0.1:{port}", "--log-level", "error", "--timeout", "60"],
        cwd=ROOT, env={**os.environ, **env}, stderr=server_log,
    )  # fmt: skip
    tally = Tally()
    started = time.monotonic()
    try:
        wait_for_port(port)
        server = Server(port, settings.SESSION_COOKIE_NAME)
        rows = enumerate_urls(world)
        run_probes(server, world, rows, tally, lambda: session_cookies(world["users"]))
    finally:
        server_process.send_signal(signal.SIGTERM)
        server_process.wait(timeout=30)
        connection.close()
        if database_url.startswith("postgres"):
            drop_database(database_url)

    head = f"{'probes':>7}{'5xx':>5}{'leaks':>6}{'writes':>7}{'unexp':>6}"
    print(f"\n{'category':<28}{head}  statuses")
    totals = Counter()
    for category, row in tally.rows.items():
        statuses = " ".join(f"{k}:{v}" for k, v in sorted(row["statuses"].items(), key=str))
        print(
            f"{category:<28}{row['probes']:>7}{row['5xx']:>5}{row['leaks']:>6}"
            f"{row['writes']:>7}{row['unexp']:>6}  {statuses}"
        )
        totals.update({k: row[k] for k in ("probes", "5xx", "leaks", "writes", "unexp")})
    print(
        f"{'total':<28}{totals['probes']:>7}{totals['5xx']:>5}{totals['leaks']:>6}"
        f"{totals['writes']:>7}{totals['unexp']:>6}  in {time.monotonic() - started:.0f} s"
    )
    print("(leaks on 'XSS renders' are live markup; 'unexp' are statuses other than expected)")
    print(
        f"checks not vacuous: {tally.seen} pages alice may read carry a marker; "
        f"{tally.hostile_shown} pages show the hostile topic's text; server log: {log_path}"
    )
    errors = [line for line in log_path.read_text().splitlines() if "Internal Server" in line]
    for line in errors[:20]:
        print("  server: " + line)
    for failure in tally.failures:
        print("  " + failure)
    failed = totals["5xx"] or totals["leaks"] or totals["writes"]
    if not failed:
        shutil.rmtree(scratch, ignore_errors=True)  # kept, with the server's log, on failure
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
