"""Load of 100 concurrent live interviews on gunicorn (2 sync workers) and PostgreSQL (or SQLite).

    .venv/bin/python bench/live_load.py [--sessions 100] [--seconds 60] [--database-url URL]
        [--redis-url URL] [--threads N]

Sets up a fresh PostgreSQL database (or a SQLite file: --database-url sqlite:////tmp/x.sqlite3)
with N running interviews, starts gunicorn, and for each session simulates the candidate
autosaving every 2 s (with growing text), the candidate's page polling every 2 s, and the
interviewer's console polling every 2 s, each poll sending the poll state its page holds. Prints
p50/p95/p99 latency per endpoint, errors, and answers lost (the stored text compared with the
last text each simulated candidate sent: must be 0). In the same run it measures the throughput
of a bare Django view doing one indexed query and of the poll endpoint answering "unchanged",
and prints their ratio (goal: at least 0.7). The load generator shares the machine's cores with
the server, so read absolute numbers as upper bounds on latency; the ratios are what compare.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/mockinterview_bench"
SENTENCES = [
    "控制平面里 API Server 是入口，负责认证和授权。",
    "etcd 保存集群状态，其他组件通过 watch 感知变化。",
    "Scheduler 先预选过滤节点，再优选打分，最后绑定。",
    "kubelet 负责 Pod 的生命周期，kube-proxy 维护转发规则。",
    "Controller Manager 让实际状态不断趋近期望状态。",
]


# --- Setting up the database (in this process, with Django) ------------------------------------


def setup(database_url: str, sessions: int) -> dict:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("SECRET_KEY", "bench-secret-key-0123456789-abcdefghijklmnop")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    recreate_database(database_url)
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache

    cache.clear()  # the bench's own Redis database (--redis-url): no sessions from a past run
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import Group, User
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.middleware.csrf import _get_new_csrf_string

    from interviews import assembly, live
    from questionbank.importing import import_sources, read_paths

    call_command("migrate", verbosity=0)
    sources, _ = read_paths([str(ROOT / "fixtures" / "questions")])
    assert import_sources(sources).ok
    from questionbank.models import Question

    questions = list(Question.objects.filter(topic__slug="kubernetes").order_by("number")[:3])

    def cookie_for(user) -> str:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return store.session_key

    interviewers, candidates = (
        Group.objects.get(name="interviewers"),
        Group.objects.get(name="candidates"),
    )
    plan = []
    for n in range(sessions):
        interviewer = User.objects.create_user(f"interviewer{n}", password="x")
        interviewer.groups.add(interviewers)
        candidate = User.objects.create_user(f"candidate{n}", password="x")
        candidate.groups.add(candidates)
        interview = assembly.create_interview(
            owner=interviewer, title=f"Load {n}", candidate=candidate, default_time_limit=3600
        )
        for question in questions:
            assembly.add_question(interview, question)
        live.start(interview)
        interview.refresh_from_db()
        item = interview.questions.get(position=0)
        plan.append(
            {
                "interview": interview.pk,
                "item": item.pk,
                "version": interview.version,
                "candidate_version": interview.candidate_version,
                "interviewer_cookie": cookie_for(interviewer),
                "candidate_cookie": cookie_for(candidate),
                "csrf": _get_new_csrf_string(),
            }
        )
    return {"plan": plan, "session_cookie": settings.SESSION_COOKIE_NAME}


def recreate_database(database_url: str) -> None:
    parts = urllib.parse.urlsplit(database_url)
    if parts.scheme == "sqlite":  # a file database: start from no file (and no WAL beside it)
        path = Path(urllib.parse.unquote(database_url[len("sqlite:///") :]))
        for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            stale.unlink(missing_ok=True)
        return
    import psycopg

    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def stored_answers() -> dict[int, str]:
    from interviews.models import Answer

    return dict(Answer.objects.values_list("interview_question_id", "text"))


# --- A small asyncio HTTP/1.1 client -----------------------------------------------------------


class Stats:
    def __init__(self):
        self.latencies: dict[str, list[float]] = {}
        self.errors: dict[str, int] = {}

    def add(self, name: str, seconds: float, ok: bool) -> None:
        self.latencies.setdefault(name, []).append(seconds * 1000)
        if not ok:
            self.errors[name] = self.errors.get(name, 0) + 1


async def request(
    port: int, method: str, path: str, *, cookies: dict, body: str = "", headers=None
):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
    lines = [
        f"{method} {path} HTTP/1.1",
        "Host: 127.0.0.1",
        f"Cookie: {cookie}",
        "Connection: close",
        "HX-Request: true",
    ]
    for key, value in (headers or {}).items():
        lines.append(f"{key}: {value}")
    payload = body.encode()
    if method == "POST":
        lines += [
            "Content-Type: application/x-www-form-urlencoded",
            f"Content-Length: {len(payload)}",
        ]
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + payload)
    await writer.drain()
    data = await reader.read()
    writer.close()
    head, _, content = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1]) if head else 0
    return status, content.decode(errors="replace")


async def candidate_saves(port, session, cookie_name, stats, until, last_sent):
    cookies = {cookie_name: session["candidate_cookie"], "csrftoken": session["csrf"]}
    text, seq, base = "", 0, 0
    await asyncio.sleep(random.uniform(0, 2))
    while time.monotonic() < until:
        started = time.monotonic()
        text += random.choice(SENTENCES)
        seq += 1
        body = urllib.parse.urlencode(
            {"item": session["item"], "text": text, "base": base, "client": "bench", "seq": seq}
        )
        last_sent[session["item"]] = text
        try:
            status, content = await request(
                port, "POST", f"/interviews/{session['interview']}/take/answer/",
                cookies=cookies, body=body, headers={"X-CSRFToken": session["csrf"],
                                                      "Referer": f"http://127.0.0.1:{port}/"},
            )  # fmt: skip
            ok = status == 200
            if ok:
                base = json.loads(content)["revision"]
        except OSError:
            ok = False
        stats.add("autosave", time.monotonic() - started, ok)
        await asyncio.sleep(max(0, 2 - (time.monotonic() - started)))


POLL_STATE = re.compile(r'<div id="poll-state".*?</div>', re.S)
FIELD = re.compile(r'name="(\w+)" value="([^"]*)"')


async def poller(port, session, cookie_name, stats, until, *, console: bool):
    """Polls as the page does: with every field of its ``#poll-state`` (``hx-include``), taken
    from the last reply that changed it."""
    cookie = session["interviewer_cookie" if console else "candidate_cookie"]
    if console:
        shown = {"v": session["version"], "item": session["item"], "sr": 0,
                 "cv": session["candidate_version"], "ba": 0, "bh": "0"}  # fmt: skip
    else:
        shown = {"cv": session["candidate_version"], "item": session["item"]}
    await asyncio.sleep(random.uniform(0, 2))
    while time.monotonic() < until:
        started = time.monotonic()
        query = urllib.parse.urlencode(shown)
        try:
            status, content = await request(
                port,
                "GET",
                f"/interviews/{session['interview']}/state/?{query}",
                cookies={cookie_name: cookie},
            )
            ok = status in (200, 204)
            if status == 200 and (block := POLL_STATE.search(content)):
                shown = dict(FIELD.findall(block.group()))
        except OSError:
            ok, status = False, 0
        name = ("console poll" if console else "candidate poll") + (
            " (changed, 200)" if status == 200 else " (unchanged, 204)"
        )
        stats.add(
            name if ok else ("console poll" if console else "candidate poll"),
            time.monotonic() - started,
            ok,
        )
        await asyncio.sleep(max(0, 2 - (time.monotonic() - started)))


async def throughput(port, path, cookies, seconds: float, concurrency: int) -> float:
    done = 0
    until = time.monotonic() + seconds

    async def worker():
        nonlocal done
        while time.monotonic() < until:
            status, _ = await request(port, "GET", path, cookies=cookies)
            if status in (200, 204):
                done += 1

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return done / seconds


def workers_cpu(server_pid: int) -> float:
    """CPU seconds used so far by the server's worker processes (Linux /proc): what a request
    costs, whatever else the machine's cores are busy with."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == server_pid:  # ppid
            total += int(fields[11]) + int(fields[12])  # utime + stime
    return total / ticks


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--port", type=int, default=8799)
    parser.add_argument(
        "--threads", type=int, default=1, help="threads per worker (>1: gunicorn's gthread)"
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/1"),
        help="the workers' shared cache, as in production ('' for none: sessions in the database)",
    )
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    args = parser.parse_args()

    os.environ["REDIS_URL"] = args.redis_url
    print(f"setting up {args.sessions} running interviews on {args.database_url} ...", flush=True)
    world = setup(args.database_url, args.sessions)
    plan, cookie_name = world["plan"], world["session_cookie"]
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_COOKIES": "0",
        "BENCH_ENDPOINTS": "1",
        "LOG_LEVEL": "WARNING",
    }
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),  # this venv's, also from a worktree
            "config.wsgi",
            *("-w", "2", "--threads", str(args.threads), "-b", f"127.0.0.1:{args.port}"),
            *("--log-level", "warning"),
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for_port(args.port)
        first = plan[0]
        cookies = {cookie_name: first["candidate_cookie"]}
        poll_path = (
            f"/interviews/{first['interview']}/state/"
            f"?cv={first['candidate_version']}&item={first['item']}"
        )
        asyncio.run(throughput(args.port, poll_path, cookies, 2, 4))  # warm both workers' caches
        bare_rps = asyncio.run(
            throughput(args.port, f"/bench/bare/{first['interview']}/", cookies, 8, 8)
        )
        poll_rps = asyncio.run(throughput(args.port, poll_path, cookies, 8, 8))

        print(f"simulating {args.sessions} sessions for {args.seconds} s ...", flush=True)
        stats, last_sent = Stats(), {}
        until = time.monotonic() + args.seconds

        async def load():
            tasks = []
            for session in plan:
                tasks.append(
                    candidate_saves(args.port, session, cookie_name, stats, until, last_sent)
                )
                tasks.append(poller(args.port, session, cookie_name, stats, until, console=False))
                tasks.append(poller(args.port, session, cookie_name, stats, until, console=True))
            await asyncio.gather(*tasks)

        cpu_before, load_before = workers_cpu(server.pid), os.getloadavg()[0]
        asyncio.run(load())
        cpu_used, load_after = workers_cpu(server.pid) - cpu_before, os.getloadavg()[0]
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    stored = stored_answers()
    lost = sum(1 for item, text in last_sent.items() if stored.get(item) != text)
    print(f"\n{'endpoint':<34}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for name in sorted(stats.latencies):
        values = stats.latencies[name]
        print(
            f"{name:<34}{len(values):>9}{statistics.median(values):>9.1f}"
            f"{percentile(values, 0.95):>9.1f}{percentile(values, 0.99):>9.1f}"
            f"{stats.errors.get(name, 0):>8}"
        )
    total = sum(len(v) for v in stats.latencies.values())
    print(
        f"\nrequests: {total} ({total / args.seconds:.0f}/s); errors: {sum(stats.errors.values())}"
    )
    print(f"answers lost: {lost} of {len(last_sent)}")
    print(
        f"server CPU during the load: {cpu_used:.1f} s, {cpu_used * 1000 / max(total, 1):.1f} ms"
        f" per request; machine load average {load_before:.1f} -> {load_after:.1f}"
        f" on {os.cpu_count()} cores"
    )
    print(f"throughput, bare view (1 indexed query): {bare_rps:.0f} req/s")
    ratio = poll_rps / bare_rps
    print(f"throughput, poll unchanged (204):         {poll_rps:.0f} req/s  ratio {ratio:.2f}")


if __name__ == "__main__":
    main()
