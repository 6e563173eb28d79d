"""Personas and factories shared by the tests (healthchecks style: plain functions, no factory_boy).

alice: interviewer · bob: another interviewer · cora: curator (staff) · carol: candidate ·
mallory: another candidate who must see nothing of Carol's · root: superuser.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.test import Client

from accounts.roles import CANDIDATES, CURATORS, INTERVIEWERS
from questionbank.importing import Source, import_sources
from questionbank.models import Topic

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "questions"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _no_network(monkeypatch, request):
    """Tests never reach the network; browser tests talk to the local live server only."""
    if request.node.get_closest_marker("e2e"):
        return
    real_connect = socket.socket.connect

    def guarded(sock, address):
        host = address[0] if isinstance(address, tuple) else address
        if host not in ("127.0.0.1", "localhost", "::1") and not str(host).startswith("/"):
            raise RuntimeError(f"test tried to reach the network: {address!r}")
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Sessions, roles and scoring state are cached: every test starts from a cold cache."""
    from interviews.views.candidate import _poll_sessions
    from scoring.adapter import forget_local

    cache.clear()
    forget_local()
    _poll_sessions.clear()
    yield
    cache.clear()


def make_user(username: str, *roles: str, **extra) -> User:
    user = User.objects.create_user(username=username, password="pw", **extra)
    for role in roles:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def alice(db):
    return make_user("alice", INTERVIEWERS, first_name="Alice")


@pytest.fixture
def bob(db):
    return make_user("bob", INTERVIEWERS, first_name="Bob")


@pytest.fixture
def dan(db):
    """A third interviewer: a panel's co-interviewer (or an interviewer outside it)."""
    return make_user("dan", INTERVIEWERS, first_name="Dan", email="dan@example.com")


@pytest.fixture
def cora(db):
    return make_user("cora", CURATORS, first_name="Cora", is_staff=True)


@pytest.fixture
def carol(db):
    return make_user("carol", CANDIDATES, first_name="Carol")


@pytest.fixture
def mallory(db):
    return make_user("mallory", CANDIDATES, first_name="Mallory")


@pytest.fixture
def root(db):
    return User.objects.create_superuser("root", "root@example.com", "pw")


def client_for(user: User | None, *, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    if user is not None:
        client.force_login(user)
    return client


def import_markdown(text: str, name: str = "topic.md", **kwargs):
    """Import one Markdown text; returns the report (asserting nothing)."""
    return import_sources([Source(name, text.encode())], **kwargs)


def make_topic(
    *, slug: str = "demo", questions: int = 3, key_points: int = 2, title: str = ""
) -> Topic:
    """A topic with ``questions`` numbered questions, imported through the real importer."""
    items = "\n".join(f"{n}. 第 {n} 题：什么是概念 {n}？" for n in range(1, questions + 1))
    answers = "\n\n".join(
        f"### {n}. 概念 {n}\n\n"
        + "\n".join(f"- 要点 {n}.{k}：说明 {k}" for k in range(1, key_points + 1))
        for n in range(1, questions + 1)
    )
    text = (
        f"---\nslug: {slug}\n---\n# {title or slug}\n\n## 问题\n\n**背景**：测试背景。\n\n**问题**：\n"
        f"{items}\n\n## 标准答案\n\n{answers}\n\n### {questions + 1}. 阿里 P7 加分项\n\n"
        "**深度理解**：\n- 读过源码\n"
    )
    report = import_markdown(text, f"{slug}.md")
    assert report.ok, report.as_dict(with_summary=True)
    return Topic.objects.get(slug=slug)


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def fixture_references(name: str):
    """A fixture topic parsed (no database) and ``reference(number)``: its question's prepared
    key points, as the scorer sees them in a session."""
    from questionbank.parsing import parse_topic
    from scoring.suggest import TermStats, prepare

    topic = parse_topic(fixture_bytes(name), filename=name).topic
    stats = TermStats.build(f"{q.text}\n{q.answer_plain}" for q in topic.questions)

    def reference(number: int):
        question = next(q for q in topic.questions if q.number == number)
        return prepare(
            [(kp.text, kp.weight) for kp in question.key_points],
            question=question.text,
            answer=question.answer_plain,
            title=question.answer_title,
            stats=stats,
        )

    reference.topic = topic
    reference.stats = stats
    return reference


# --- Interview sessions ----------------------------------------------------------------------

SECRET_ANSWER = "SECRET-ANSWER-TEXT"
SECRET_CLAIM = "Prometheus 采用 pull 模型"  # in answer 1: an answer saying "push" contradicts it
SECRET_KEY_POINT = "SECRET-KEY-POINT"
SECRET_NOTE = "SECRET-NOTE"


def make_secret_topic(slug: str = "secrets"):
    """A topic whose standard answers and key points carry markers a test can look for."""
    text = (
        f"---\nslug: {slug}\n---\n# 机密主题\n\n## 问题\n\n1. 第一题是什么？\n2. 第二题是什么？\n3. 第三题是什么？\n\n"
        "## 标准答案\n\n"
        f"### 1. 答一\n\n{SECRET_ANSWER} 一。{SECRET_CLAIM}。\n\n**评分要点**：\n- {SECRET_KEY_POINT}-1（权重 2）\n- 调度器预选过滤节点\n\n"
        f"### 2. 答二\n\n{SECRET_ANSWER} 二。\n\n**评分要点**：\n- {SECRET_KEY_POINT}-2\n\n"
        f"### 3. 答三\n\n{SECRET_ANSWER} 三。\n\n**评分要点**：\n- {SECRET_KEY_POINT}-3\n\n"
        "### 4. 阿里 P7 加分项\n\n**深度理解**：\n- 读过调度器源码\n"
    )
    report = import_markdown(text, f"{slug}.md")
    assert report.ok, report.as_dict(with_summary=False)
    return Topic.objects.get(slug=slug)


def make_interview(
    owner, candidate=None, *, questions: int = 3, start: bool = False, title: str = "Loop"
):
    from interviews import assembly, live

    topic = Topic.objects.filter(slug="secrets").first() or make_secret_topic()
    interview = assembly.create_interview(
        owner=owner, title=title, candidate=candidate, default_time_limit=300
    )
    for question in topic.questions.order_by("number")[:questions]:
        assembly.add_question(interview, question)
    if start:
        live.start(interview)
        interview.refresh_from_db()
    return interview


def make_panel(lead, candidate, members, *, questions: int = 3, start: bool = True, **kwargs):
    """An interview led by ``lead`` with ``members`` (users) joined as co-interviewers."""
    from interviews import live, panel

    interview = make_interview(lead, candidate, questions=questions, **kwargs)
    for user in members:
        seat = panel.add_member(interview, email=user.email or f"{user.username}@example.com",
                                by=lead)  # fmt: skip
        panel.join(seat, user)
    if start:
        live.start(interview)
        interview.refresh_from_db()
    return interview
