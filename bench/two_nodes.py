"""Two app servers over one PostgreSQL and one Redis, every request alternating between them.

    .venv/bin/python bench/two_nodes.py [--database-url URL] [--redis-url URL] [--saves N]

Creates its own database, migrates, loads the demo data, runs collectstatic, and starts two
gunicorn servers (2 workers each, DEBUG off) on 127.0.0.1 ports P and P+1. Then it plays, as a
browser would (cookies, CSRF token from the cookie), with each request sent to the other server
than the one before: a sign-in, a live interview (start, the candidate's page, the console, a
score, the end), an autosave stream, an admin import preview + confirm, and a practice mock.
It checks that nothing is lost (every saved text stored, the import written), nothing expired
(no request sent back to the sign-in page, the import preview found by the other server) and
that both servers show the same suggested scores. It prints one row per journey with the mean
time per request as a ratio to a plain GET of the sign-in page measured in the same run, stops
both servers and drops the database. Only 127.0.0.1; about 150 requests.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse
import uuid
from http.cookies import SimpleCookie
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from live_load import ROOT, recreate_database, wait_for_port

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/mockinterview_twonodes"
DEFAULT_REDIS = "redis://127.0.0.1:6379/4"  # its own Redis database: emptied at the start
DEMO = {"alice": "alice-demo-2026", "carol": "carol-demo-2026", "cora": "cora-demo-2026"}
SUGGESTION = re.compile(
    r"Suggested score: (?:<span[^>]*>)?([\d.]+)(?:</span>)? / 5.*?covered: (\d+%)", re.S
)
IMPORT_FILE = """---
slug: two-nodes
title: Two nodes
---
# Two nodes

## 问题

1. 为什么多台应用服务器要共享 Redis？
2. 健康检查应该检查什么？

## 标准答案

### 1. 共享缓存

会话、角色和导入预览放在缓存里，每台服务器都要看到同一份，否则换一台服务器就像过期了一样。

### 2. 健康检查

检查数据库是否应答；缓存只是优化，不可用时站点照样工作。
"""


class Failed(Exception):
    pass


class Browser:
    """One person's browser: one cookie jar for 127.0.0.1 (cookies ignore the port, as in a
    browser), each request to the next server in turn."""

    def __init__(self, ports: list[int], timings: list[float]):
        self.ports, self.turn, self.cookies, self.timings = ports, 0, {}, timings

    def request(self, method: str, path: str, data=None, *, files=None, headers=None):
        port = self.ports[self.turn % len(self.ports)]
        self.turn += 1
        head = {"Host": "127.0.0.1", **(headers or {})}
        if self.cookies:
            head["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if method == "POST":
            head["X-CSRFToken"] = self.cookies.get("csrftoken", "")
            if files:
                body, head["Content-Type"] = multipart(data or {}, files)
            else:
                body = urllib.parse.urlencode(data or {}, doseq=True).encode()
                head["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        started = time.perf_counter()
        connection.request(method, path, body=body, headers=head)
        response = connection.getresponse()
        content = response.read().decode(errors="replace")
        self.timings.append(time.perf_counter() - started)
        connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        location = response.headers.get("Location", "")
        if "/accounts/login/" in location and not path.startswith("/accounts/login/"):
            raise Failed(f"{method} {path} on :{port} sent back to sign in (session lost)")
        if response.status >= 400:
            raise Failed(f"{method} {path} on :{port}: {response.status} {content[:200]!r}")
        return response.status, location, content

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, data=None, **kw):
        return self.request("POST", path, data, **kw)

    def sign_in(self, username: str) -> None:
        self.get("/accounts/login/")  # the CSRF cookie
        status, _location, _ = self.post(
            "/accounts/login/",
            {"username": username, "password": DEMO[username], "next": "/"},
        )
        if status != 302:
            raise Failed(f"{username} did not sign in ({status})")
        self.get("/")  # on the other server: the session must be known there too


def multipart(fields: dict, files: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            f"{value}\r\n".encode()
        )
    for name, filename, data in files:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: text/markdown\r\n\r\n'.encode()
            + data
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def suggestions_on_each(browser: Browser, path: str) -> list:
    """The suggested scores a page shows, asked of each server in turn: they must agree."""
    seen = [SUGGESTION.findall(browser.get(path)[2]) for _ in browser.ports]
    if not seen[0]:
        raise Failed(f"{path} shows no suggested score")
    if any(s != seen[0] for s in seen):
        raise Failed(f"{path}: the servers suggest differently: {seen}")
    return seen[0]


# --- Journeys -----------------------------------------------------------------------------------


def sign_in(ports, timings, db, state):
    Browser(ports, timings).sign_in("carol")
    return "carol signed in on one server, known on the other"


def live_interview(ports, timings, db, state):
    alice, carol = Browser(ports, timings), Browser(ports, timings)
    alice.sign_in("alice")
    carol.sign_in("carol")
    pk = db.one(
        "SELECT i.id FROM interviews_interview i JOIN auth_user u ON u.id = i.owner_id "
        "WHERE u.username = 'alice' AND i.status = 'scheduled' AND i.mode = 'live' ORDER BY i.id"
    )
    alice.post(f"/interviews/{pk}/start/")
    alice.get(f"/interviews/{pk}/live/")
    carol.get(f"/interviews/{pk}/take/")
    item = db.one(
        "SELECT id FROM interviews_interviewquestion WHERE interview_id = %s AND position = 0",
        [pk],
    )
    state["live"] = (pk, item, carol)
    text, base = autosave(carol, f"/interviews/{pk}/take/answer/", item, 5, "live", db=db)
    state["live_base"] = base
    carol.get(f"/interviews/{pk}/state/?cv=0&item={item}")
    shown = suggestions_on_each(alice, f"/interviews/{pk}/live/")
    state["live_text"] = text
    return f"interview {pk}: suggestion {shown[0][0]} ({shown[0][1]}) on both servers"


def autosave_stream(ports, timings, db, state, saves: int):
    pk, item, carol = state["live"]
    carol.timings = timings
    text, _ = autosave(
        carol, f"/interviews/{pk}/take/answer/", item, saves, "stream",
        start=state["live_text"], base=state["live_base"], db=db,
    )  # fmt: skip
    stored = db.one("SELECT text FROM interviews_answer WHERE interview_question_id = %s", [item])
    if stored != text:
        raise Failed(f"stored {len(stored or '')} characters, sent {len(text)}: an answer lost")
    return f"{saves} saves, every one acknowledged, the last stored whole ({len(text)} chars)"


def finish_live(ports, timings, db, state):
    pk, item, _ = state["live"]
    alice = Browser(ports, timings)
    alice.sign_in("alice")
    alice.post(f"/interviews/{pk}/live/{item}/score/", {"score": "3.5", "revision": "0"})
    alice.post(
        f"/interviews/{pk}/finish/", {"recommendation": "yes", "summary": "Two servers, one run."}
    )
    status, score = db.row(
        "SELECT i.status, q.score FROM interviews_interview i "
        "JOIN interviews_interviewquestion q ON q.interview_id = i.id WHERE q.id = %s",
        [item],
    )
    if status != "completed" or float(score) != 3.5:
        raise Failed(f"after the end: status {status}, score {score}")
    alice.get(f"/interviews/{pk}/report/")
    return "scored 3.5 on one server, ended on the other, scorecard served"


def answer_sentences(db, item) -> list[str]:
    """The standard answer's sentences, typed back one per save: a suggestion worth comparing."""
    plain = db.one(
        "SELECT q.answer_plain FROM interviews_interviewquestion i "
        "JOIN questionbank_question q ON q.id = i.question_id WHERE i.id = %s",
        [item],
    )
    return [s for s in re.split(r"(?<=[。！？.!?\n])", plain or "") if s.strip()] or ["不太了解。"]


def autosave(browser, path, item, count, client, *, db, start="", base=0):
    """`count` saves of a growing text, each acknowledged; returns the text and its revision."""
    text, sentences = start, answer_sentences(db, item)
    for seq in range(1, count + 1):
        text += sentences[(len(start) + seq) % len(sentences)]
        data = {"item": item, "text": text, "base": base, "client": client, "seq": seq}
        _, _, content = browser.post(path, data)
        if '"saved"' not in content:
            raise Failed(f"save {seq} not acknowledged: {content[:200]}")
        base = int(re.search(r'"revision":\s*(\d+)', content).group(1))
    return text, base


def admin_import(ports, timings, db, state):
    cora = Browser(ports, timings)
    cora.sign_in("cora")
    url = "/admin/questionbank/topic/import/"
    cora.get(url)
    _, location, page = cora.post(
        url, {}, files=[("files", "two-nodes.md", IMPORT_FILE.encode())]
    )  # the upload, on one server; the worker checks it; its status page polled on both
    deadline = time.monotonic() + 30
    token = re.search(r'name="token" value="([^"]+)"', page)
    while location and not token and time.monotonic() < deadline:
        time.sleep(0.5)
        _, _, page = cora.get(location)
        token = re.search(r'name="token" value="([^"]+)"', page)
    if not token:
        raise Failed("the preview offered no confirmation: " + page[:300])
    _status, location, page = cora.post(url, {"token": token.group(1), "confirm": "1"})
    if "expired" in page or location.endswith(url):
        cora.get(location or url)
        raise Failed("the other server did not find the preview (expired)")
    deadline = time.monotonic() + 30  # the import may run as a background task
    while time.monotonic() < deadline:
        count = db.one(
            "SELECT count(*) FROM questionbank_question q JOIN questionbank_topic t "
            "ON t.id = q.topic_id WHERE t.slug = 'two-nodes'"
        )
        if count == 2:
            break
        time.sleep(0.5)
    else:
        raise Failed(f"confirmed, but {count} questions written")
    cora.get("/bank/two-nodes/")
    return "previewed on one server, confirmed on the other: 2 questions written"


def practice_mock(ports, timings, db, state):
    carol = Browser(ports, timings)
    carol.sign_in("carol")
    carol.get("/practice/")
    topic = db.one("SELECT id FROM questionbank_topic WHERE slug = 'observability'")
    _status, location, _ = carol.post(
        "/practice/", {"topics": topic, "count": 2, "timing": "per_question", "minutes": 5}
    )
    pk = int(re.search(r"/practice/(\d+)/take/", location).group(1))
    items = db.all(
        "SELECT id FROM interviews_interviewquestion WHERE interview_id = %s ORDER BY position",
        [pk],
    )
    for n, item in enumerate(items):
        carol.get(f"/practice/{pk}/take/")
        autosave(carol, f"/practice/{pk}/answer/", item, 3, "practice", db=db)
        if n < len(items) - 1:
            carol.post(f"/practice/{pk}/next/", {"item": item})
    carol.post(f"/practice/{pk}/finish/")
    shown = suggestions_on_each(carol, f"/practice/{pk}/review/")
    return f"{len(items)} questions, suggestions {[s[0] for s in shown]} on both servers"


# --- Running it ---------------------------------------------------------------------------------


class Database:
    def __init__(self, url: str):
        import psycopg

        self.connection = psycopg.connect(url, autocommit=True)

    def row(self, sql, params=()):
        return self.connection.execute(sql, params).fetchone()

    def one(self, sql, params=()):
        found = self.row(sql, params)
        return found[0] if found else None

    def all(self, sql, params=()):
        return [r[0] for r in self.connection.execute(sql, params).fetchall()]


def drop_database(database_url: str) -> None:
    import psycopg

    parts = urllib.parse.urlsplit(database_url)
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS),
        help="the shared cache ('' for none: each worker its own, to see what that breaks)",
    )
    parser.add_argument("--port", type=int, default=8811)
    parser.add_argument("--saves", type=int, default=30)
    args = parser.parse_args()
    ports = [args.port, args.port + 1]
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "DEBUG": "0",
        "SECRET_KEY": "two-nodes-bench-secret-key-0123456789-abcdefghijkl",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_COOKIES": "0",
        "LOG_LEVEL": "WARNING",
    }
    if args.redis_url:  # '' shows what breaks without a shared cache
        import redis

        redis.Redis.from_url(args.redis_url).flushdb()  # no sessions or previews from a past run
    recreate_database(args.database_url)
    bin_dir = Path(sys.executable).parent
    print(f"setting up {args.database_url} ...", flush=True)
    for command in (["migrate"], ["load_demo"], ["collectstatic", "--no-input"]):
        subprocess.run(
            [sys.executable, "manage.py", *command, "-v", "0"],
            cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    servers = [
        subprocess.Popen(
            [
                str(bin_dir / "gunicorn"),
                "config.wsgi",
                "-w",
                "2",
                "-b",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        for port in ports
    ]
    # The task worker the admin's import runs in (one, as a deployment has at least one).
    servers.append(
        subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-reload"], cwd=ROOT, env=env
        )
    )
    rows, db = [], None
    try:
        for port in ports:
            wait_for_port(port)
        db = Database(args.database_url)
        probe = Browser(ports, [])
        for _ in ports:
            if probe.get("/healthz")[2] != "ok\n":
                raise SystemExit("a server is not healthy")
        stylesheet = re.search(r'href="(/static/[^"]+\.css)"', probe.get("/accounts/login/")[2])
        for _ in ports:  # collectstatic's hashed names, served by WhiteNoise on both
            probe.get(stylesheet.group(1))
        for _ in range(16):  # every worker of both servers past its first request
            Browser(ports, []).get("/accounts/login/")
        baseline = []
        anonymous = Browser(ports, baseline)
        for _ in range(40):
            anonymous.get("/accounts/login/")
        base_ms = statistics.median(baseline) * 1000
        state: dict = {}
        journeys = [
            ("sign-in", sign_in),
            ("live interview", live_interview),
            (f"autosave stream ({args.saves})", lambda *a: autosave_stream(*a, args.saves)),
            ("live interview: score + end", finish_live),
            ("admin import preview + confirm", admin_import),
            ("practice mock", practice_mock),
        ]
        for name, journey in journeys:
            timings: list[float] = []
            try:
                detail, ok = journey(ports, timings, db, state), True
            except Failed as exc:
                detail, ok = str(exc), False
            rows.append((name, ok, timings, detail))
    finally:
        for server in servers:
            server.send_signal(signal.SIGTERM)
        for server in servers:
            server.wait(timeout=30)
        if db:
            db.connection.close()
        drop_database(args.database_url)

    print(f"\nbaseline: GET /accounts/login/, median {base_ms:.1f} ms over {len(baseline)}")
    print(
        f"{'journey':<32}{'result':>7}{'requests':>9}{'median ms':>10}{'ratio':>7}"
        f"{'mean ms':>9}{'ratio':>7}  detail"
    )
    for name, ok, timings, detail in rows:
        median = statistics.median(timings) * 1000 if timings else 0
        mean = statistics.mean(timings) * 1000 if timings else 0
        print(
            f"{name:<32}{'ok' if ok else 'FAILED':>7}{len(timings):>9}{median:>10.1f}"
            f"{median / base_ms:>7.1f}{mean:>9.1f}{mean / base_ms:>7.1f}  {detail}"
        )
    print("(a sign-in costs a password hash, PBKDF2, hundreds of ms by design)")
    failed = [name for name, ok, *_ in rows if not ok]
    total = len(baseline) + sum(len(t) for _, _, t, _ in rows)
    print(f"\nrequests: {total}, alternating :{ports[0]} / :{ports[1]}; failed: {failed or 'none'}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
