"""The live console keeps up: replies carry only what changed and record the poll state, the
"mentioned" bonus hints follow the answer as it is typed, the bonus panel leads with the current
question's topic, and each frequent request costs a fixed number of queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from interviews import assembly, live
from questionbank.models import BonusPoint
from tests.conftest import client_for, make_topic
from tests.interviews.console_helpers import HTMX, console_poll, poll_of, state, type_answer

pytestmark = pytest.mark.django_db

MENTIONS_BONUS = "我读过调度器源码，调度器的预选和优选都看过。"


# --- Item 7: the "mentioned" hints follow the answer -----------------------------------------


def test_a_bonus_point_mentioned_while_typing_shows_in_the_next_poll(running, alice):
    client = client_for(alice)
    shown = console_poll(client, running)
    assert shown["bh"] == "0"
    type_answer(running, MENTIONS_BONUS)
    update = state(client, running, shown)
    body = update.content.decode()
    assert update.status_code == 200
    assert 'id="bonus-panel"' in body and "mentioned" in body
    assert 'value="我读过调度器源码' in body  # the evidence, ready to award
    shown = poll_of(body)
    assert shown["bh"] != "0"
    assert state(client, running, shown).status_code == 204  # recorded: not rendered again


def test_typing_that_mentions_nothing_new_leaves_the_bonus_panel_alone(running, alice):
    client = client_for(alice)
    type_answer(running, MENTIONS_BONUS)
    shown = console_poll(client, running)
    type_answer(running, MENTIONS_BONUS + "还有别的。", seq=2)
    body = state(client, running, shown).content.decode()
    assert 'id="answer-panel"' in body and "还有别的" in body
    assert 'id="bonus-panel"' not in body


# --- Item 10: replies carry their part and record the poll state -----------------------------


def test_a_tick_replies_with_the_checklist_and_the_next_poll_is_204(running, alice):
    client = client_for(alice)
    shown = console_poll(client, running)
    item = running.questions.get(position=0)
    response = client.post(
        reverse("interviews:tick", args=[running.pk, item.pk]),
        {"index": 0, "on": "1", **shown},
        headers=HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.startswith('\n      <section id="checklist"') or '<section id="checklist"' in body
    assert 'aria-checked="true"' in body
    for part in ("live-status", "answer-panel", "bonus-panel", "live-question"):
        assert f'id="{part}"' not in body
    running.refresh_from_db()
    recorded = poll_of(body)
    assert recorded["v"] == str(running.version)
    assert state(client, running, recorded).status_code == 204


def test_a_change_the_page_had_not_seen_is_still_rendered_by_the_next_poll(running, alice):
    client = client_for(alice)
    shown = console_poll(client, running)
    type_answer(running, "候选人刚刚输入的内容")  # not polled yet
    item = running.questions.get(position=0)
    body = client.post(
        reverse("interviews:tick", args=[running.pk, item.pk]),
        {"index": 0, "on": "1", **shown},
        headers=HTMX,
    ).content.decode()
    recorded = poll_of(body)
    assert recorded["v"] == shown["v"]  # not advanced past the answer it did not render
    update = state(client, running, recorded)
    assert update.status_code == 200 and "候选人刚刚输入的内容" in update.content.decode()


def test_a_score_replies_with_the_form_and_the_nav_and_records_its_revision(running, alice):
    client = client_for(alice)
    shown = console_poll(client, running)
    item = running.questions.get(position=0)
    response = client.post(
        reverse("interviews:score", args=[running.pk, item.pk]),
        {"score": "4", "revision": "0", **shown},
        headers=HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert '<form id="score-form"' in body and 'id="score-4"' in body
    assert 'id="question-nav"' in body and "is-scored" in body
    assert 'id="checklist"' not in body and 'id="answer-panel"' not in body
    recorded = poll_of(body)
    assert recorded["sr"] == "1"
    assert state(client, running, recorded).status_code == 204


def test_an_award_replies_with_the_bonus_panel_and_records_the_count(running, alice):
    client = client_for(alice)
    type_answer(running, MENTIONS_BONUS)
    shown = console_poll(client, running)
    point = BonusPoint.objects.get(category__topic__slug="secrets")
    response = client.post(
        reverse("interviews:award", args=[running.pk]),
        {"bonus_point": point.pk, "evidence": "源码", **shown},
        headers=HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 200 and 'id="bonus-panel"' in body
    assert f'data-focus-for="award-{point.pk}"' in body  # focus moves to its Revoke button
    recorded = poll_of(body)
    assert recorded["ba"] == "1" and recorded["bh"] == "0"  # awarded: no longer a hint
    assert state(client, running, recorded).status_code == 204


def test_without_a_poll_state_a_reply_sends_none(running, alice):
    item = running.questions.get(position=0)
    body = (
        client_for(alice)
        .post(
            reverse("interviews:tick", args=[running.pk, item.pk]),
            {"index": 0, "on": "1"},
            headers=HTMX,
        )
        .content.decode()
    )
    assert 'id="checklist"' in body and 'id="poll-state"' not in body


# --- Query counts ---------------------------------------------------------------------------


@pytest.mark.cache
def test_console_requests_run_a_fixed_number_of_queries(running, alice, django_assert_num_queries):
    client = client_for(alice)
    shown = console_poll(client, running)
    item = running.questions.get(position=0)
    point = BonusPoint.objects.get(category__topic__slug="secrets")
    type_answer(running, MENTIONS_BONUS)
    shown = poll_of(state(client, running, shown).content.decode())
    with django_assert_num_queries(1):  # unchanged
        assert state(client, running, shown).status_code == 204
    type_answer(running, MENTIONS_BONUS + "再补充一句。", seq=2)
    with django_assert_num_queries(4):  # while typing
        typing = state(client, running, shown)
    assert typing.status_code == 200 and "再补充一句" in typing.content.decode()
    shown = poll_of(typing.content.decode())
    with django_assert_num_queries(11):
        tick = client.post(
            reverse("interviews:tick", args=[running.pk, item.pk]),
            {"index": 0, "on": "1", **shown},
            headers=HTMX,
        )
    assert tick.status_code == 200 and 'aria-checked="true"' in tick.content.decode()
    shown = poll_of(tick.content.decode())
    with django_assert_num_queries(12):  # 11 + the answer kept as it stood when scored
        score = client.post(
            reverse("interviews:score", args=[running.pk, item.pk]),
            {"score": "3", "revision": "0", **shown},
            headers=HTMX,
        )
    assert score.status_code == 200 and 'aria-pressed="true"' in score.content.decode()
    shown = poll_of(score.content.decode())
    with django_assert_num_queries(18):
        award = client.post(
            reverse("interviews:award", args=[running.pk]),
            {"bonus_point": point.pk, "evidence": "源码", **shown},
            headers=HTMX,
        )
    assert award.status_code == 200 and "读过调度器源码" in award.content.decode()
    with django_assert_num_queries(1):
        assert state(client, running, poll_of(award.content.decode())).status_code == 204


# --- Item 9: layout ---------------------------------------------------------------------------


def test_the_answer_comes_before_the_score_notes_and_standard_answer(running, alice):
    page = client_for(alice).get(reverse("interviews:live", args=[running.pk])).content.decode()
    at = {
        part: page.index(f'id="{part}"')
        for part in ("live-question", "answer-panel", "score-form", "notes-form", "live-standard")
    }
    assert at["live-question"] < at["answer-panel"] < at["score-form"] < at["notes-form"]
    assert at["answer-panel"] < at["live-standard"]


def test_the_bonus_panel_leads_with_the_current_questions_topic(alice, carol):
    first = make_topic(slug="alpha", title="Alpha topic", questions=1)
    second = make_topic(slug="beta", title="Beta topic", questions=1)
    interview = assembly.create_interview(
        owner=alice, title="Two topics", candidate=carol, default_time_limit=300
    )
    assembly.add_question(interview, first.questions.get())
    assembly.add_question(interview, second.questions.get())
    live.start(interview)
    client = client_for(alice)
    url = reverse("interviews:live", args=[interview.pk])

    def panel() -> str:
        page = client.get(url).content.decode()
        return page[page.index('id="bonus-panel"') :]

    body = panel()
    others = body.index('class="other-topics"')
    assert body.index("Alpha topic") < others < body.index("Beta topic")
    live.goto(interview, 1)
    body = panel()
    others = body.index('class="other-topics"')
    assert body.index("Beta topic") < others < body.index("Alpha topic")


@pytest.mark.cache
def test_an_unchanged_poll_does_not_load_the_session_again_within_seconds(running, carol):
    from django.contrib.sessions.backends.cached_db import SessionStore

    client = client_for(carol)
    shown = {"cv": running.candidate_version, "item": running.questions.get(position=0).pk}
    url = reverse("interviews:state", args=[running.pk])
    assert client.get(url, shown).status_code == 204
    loads = []
    original = SessionStore.load
    SessionStore.load = lambda self: loads.append(1) or original(self)
    try:
        assert client.get(url, shown).status_code == 204
    finally:
        SessionStore.load = original
    assert loads == []


def test_a_revoke_and_a_note_record_the_poll_state_too(running, alice):
    client = client_for(alice)
    point = BonusPoint.objects.get(category__topic__slug="secrets")
    award = live.award_bonus(running, point, evidence="", user=alice)
    shown = console_poll(client, running)
    body = client.post(
        reverse("interviews:revoke", args=[running.pk, award.pk]), shown, headers=HTMX
    ).content.decode()
    recorded = poll_of(body)
    assert recorded["ba"] == "0" and 'id="bonus-panel"' in body
    assert state(client, running, recorded).status_code == 204
    item = running.questions.get(position=0)
    body = client.post(
        reverse("interviews:notes", args=[running.pk, item.pk]),
        {"notes": "记一笔", "revision": 0, **recorded},
        headers=HTMX,
    ).content.decode()
    assert "Notes saved" in body
    assert state(client, running, poll_of(body)).status_code == 204


def test_a_poll_that_renders_shows_times_in_the_interviewers_zone(running, alice):
    client = client_for(alice)
    session = client.session
    session["time_zone"] = "America/New_York"
    session.save()
    shown = console_poll(client, running)
    type_answer(running, "candidate text")
    body = state(client, running, shown).content.decode()
    assert "candidate text" in body and '<span class="zone">America/New_York</span>' in body


def test_without_javascript_a_stale_score_is_said_to_be_someone_elses_a_fresh_one_is_not(
    running, alice
):
    item = running.questions.get(position=0)
    url = reverse("interviews:score", args=[running.pk, item.pk])
    client = client_for(alice)
    fresh = client.post(url, {"score": "3", "revision": "0"}, follow=True)  # a plain form post
    assert fresh.status_code == 200 and "changed this score first" not in fresh.content.decode()
    stale = client.post(url, {"score": "4", "revision": "0"}, follow=True)
    assert "Someone else changed this score first" in stale.content.decode()
    item.refresh_from_db()
    assert item.score == 3


def test_an_awards_bonus_panel_still_leads_with_the_current_questions_topic(alice, carol):
    first = make_topic(slug="alpha", title="Alpha topic", questions=1)
    second = make_topic(slug="beta", title="Beta topic", questions=1)
    interview = assembly.create_interview(
        owner=alice, title="Two topics", candidate=carol, default_time_limit=300
    )
    assembly.add_question(interview, first.questions.get())
    assembly.add_question(interview, second.questions.get())
    live.start(interview)
    live.goto(interview, 1)  # on Beta's question now
    point = BonusPoint.objects.get(category__topic__slug="beta")
    response = client_for(alice).post(
        reverse("interviews:award", args=[interview.pk]),
        {"bonus_point": point.pk, "evidence": "源码"},
        headers=HTMX,
    )
    body = response.content.decode()
    body = body[body.index('id="bonus-panel"') :]
    others = body.index('class="other-topics"')
    assert body.index("Beta topic") < others < body.index("Alpha topic")
