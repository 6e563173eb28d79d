"""The live interview's frequent requests (issue 12, item 10): the unchanged poll answers from
one plain query and only to whoever follows the interview; a poll while the candidate types
renders the checklist only when what it shows changed; an autosave reads its question once,
under the lock, and refuses a question of another interview."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from interviews.answers import save_answer
from interviews.models import Answer
from tests.conftest import client_for, make_interview, make_panel

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
UNSURE = "我不太清楚，容器编排大概是自动化部署。"
COVERS = "调度器预选过滤节点，资源不够的节点先排除。"  # the first question's second key point


@pytest.fixture
def running(alice, carol):
    return make_interview(alice, carol, start=True)


def poll_of(html: str) -> dict[str, str]:
    block = re.search(r'<div id="poll-state".*?</div>', html, re.S).group()
    return dict(re.findall(r'name="(\w+)" value="([^"]*)"', block))


def state(client, interview, shown):
    return client.get(reverse("interviews:state", args=[interview.pk]), shown, headers=HTMX)


def console_shown(client, interview) -> dict[str, str]:
    page = client.get(reverse("interviews:live", args=[interview.pk])).content.decode()
    return poll_of(page)


def type_answer(interview, text: str, seq: int):
    item = interview.questions.get(position=interview.position)
    item.interview = interview
    save_answer(item, text=text, base=0, client="t", seq=seq, force=True)


# --- The unchanged poll -----------------------------------------------------------------------


@pytest.mark.cache
def test_an_unchanged_poll_costs_one_query_for_each_who_follows_it(
    alice, bob, carol, django_assert_num_queries
):
    interview = make_panel(alice, carol, [bob])
    for user in (alice, bob):  # the lead and a co-interviewer follow the console's version
        client = client_for(user)
        shown = console_shown(client, interview)
        with django_assert_num_queries(1):
            assert state(client, interview, shown).status_code == 204
    client = client_for(carol)  # the candidate follows the candidate's version
    shown = {"cv": interview.candidate_version, "item": interview.questions.get(position=0).pk}
    state(client, interview, shown)  # the session is remembered from here on
    with django_assert_num_queries(1):
        assert state(client, interview, shown).status_code == 204


@pytest.mark.parametrize("outsider, fields", [("bob", ["v", "cv"]), ("mallory", ["cv"])])
def test_the_fast_answer_is_never_given_to_an_outsider(running, outsider, fields, request):
    """Bob (another interviewer) sends the current versions of Alice's interview, Mallory
    (another candidate) the candidate's: they get a 404, never "nothing changed"."""
    client = client_for(request.getfixturevalue(outsider))
    versions = {"v": running.version, "cv": running.candidate_version}
    shown = {field: versions[field] for field in fields}
    for _ in range(2):  # the second with the session remembered by the fast path
        assert state(client, running, shown).status_code == 404


def test_a_poll_of_a_deleted_interview_is_a_404(running, alice):
    client = client_for(alice)
    shown = {"v": running.version}
    url = reverse("interviews:state", args=[running.pk])
    assert client.get(url, shown, headers=HTMX).status_code == 204
    running.delete()
    assert client.get(url, shown, headers=HTMX).status_code == 404


# --- The poll while the candidate types -------------------------------------------------------


@pytest.mark.cache
def test_a_typing_poll_renders_the_checklist_only_when_it_changed(
    running, alice, django_assert_num_queries
):
    client = client_for(alice)
    shown = console_shown(client, running)
    type_answer(running, UNSURE, seq=1)
    first = state(client, running, shown).content.decode()
    assert UNSURE in first and 'id="checklist"' not in first  # nothing suggested, as before
    shown = poll_of(first)
    type_answer(running, UNSURE + "还有别的。", seq=2)
    with django_assert_num_queries(6):
        typing = state(client, running, shown)
    body = typing.content.decode()
    assert typing.status_code == 200 and "还有别的" in body
    assert 'id="checklist"' not in body and 'id="bonus-panel"' not in body
    shown = poll_of(body)
    type_answer(running, UNSURE + COVERS, seq=3)  # now the scorer finds a key point
    body = state(client, running, shown).content.decode()
    assert 'id="checklist"' in body and "is-suggested" in body and "suggested</span>" in body
    assert poll_of(body)["ck"] != shown["ck"]


def test_a_tick_records_the_checklist_so_the_next_poll_leaves_it(running, alice):
    client = client_for(alice)
    type_answer(running, COVERS, seq=1)
    shown = console_shown(client, running)
    item = running.questions.get(position=running.position)
    tick = client.post(
        reverse("interviews:tick", args=[running.pk, item.pk]),
        {"index": 0, "on": "1", **shown},
        headers=HTMX,
    ).content.decode()
    recorded = poll_of(tick)
    assert 'aria-checked="true"' in tick and recorded["ck"] != shown["ck"]
    assert state(client, running, recorded).status_code == 204
    type_answer(running, COVERS + "补一句。", seq=2)
    body = state(client, running, recorded).content.decode()
    assert "补一句" in body and 'id="checklist"' not in body
    stale = {**recorded, "ck": shown["ck"]}  # a page that missed the tick gets the checklist
    body = state(client, running, stale).content.decode()
    assert 'id="checklist"' in body and 'aria-checked="true"' in body


# --- The autosave -----------------------------------------------------------------------------


def test_an_autosave_for_a_question_of_another_interview_is_a_404(running, alice, carol):
    other = make_interview(alice, carol, start=True, title="Other")
    foreign = other.questions.get(position=0)
    url = reverse("interviews:answer", args=[running.pk])
    client = client_for(carol)
    for item in (foreign.pk, "x", ""):
        response = client.post(
            url, {"item": item, "text": "答", "base": 0, "client": "t", "seq": 1}
        )
        assert response.status_code == 404
    assert not Answer.objects.filter(interview_question=foreign).exclude(text="").exists()
    mine = running.questions.get(position=0)
    saved = client.post(url, {"item": mine.pk, "text": "答", "base": 0, "client": "t", "seq": 2})
    assert saved.status_code == 200 and saved.json()["status"] == "saved"
    assert Answer.objects.get(interview_question=mine).text == "答"


def test_an_autosave_is_wrong_method_and_anonymous_safe(running, carol):
    url = reverse("interviews:answer", args=[running.pk])
    assert client_for(carol).get(url).status_code == 405
    anonymous = client_for(None).post(url, {"item": 1, "text": "x"})
    assert anonymous.status_code in (302, 404)
    assert not Answer.objects.filter(text="x").exists()
