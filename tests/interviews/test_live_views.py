"""Running a session: the console, the candidate's page, the state both poll, and ending it."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from interviews import live
from interviews.answers import save_answer
from interviews.models import Answer, Interview, InterviewQuestion
from questionbank.importing import Source, import_sources
from questionbank.models import KeyPoint, Question
from tests.conftest import SECRET_ANSWER, SECRET_CLAIM, client_for, make_interview
from tests.interviews.console_helpers import HTMX, state

pytestmark = pytest.mark.django_db


# --- Starting: the snapshot ------------------------------------------------------------------


def test_starting_copies_the_bank_and_later_edits_change_nothing(alice, carol):
    interview = make_interview(alice, carol)
    client_for(alice).post(reverse("interviews:start", args=[interview.pk]))
    first = interview.questions.get(position=0)
    assert first.is_snapshot and SECRET_ANSWER in first.answer_html
    assert first.key_points[0] == {"text": "SECRET-KEY-POINT-1", "weight": 2}
    assert first.started_at is not None and first.deadline == first.started_at + timedelta(
        seconds=300
    )

    question = Question.objects.get(pk=first.question_id)
    Question.objects.filter(pk=question.pk).update(text="改过的题目", answer_html="<p>改过</p>")
    KeyPoint.objects.filter(question=question).update(text="改过的要点", weight=9)
    changed = "---\nslug: secrets\n---\n# 新版\n\n## 问题\n\n1. 完全不同的题？\n\n## 标准答案\n\n### 1. 新\n\n- 新要点\n"
    assert import_sources([Source("secrets.md", changed.encode())]).ok

    first.refresh_from_db()
    assert first.text == "第一题是什么？" and SECRET_ANSWER in first.answer_html
    assert first.key_points[0] == {"text": "SECRET-KEY-POINT-1", "weight": 2}
    body = client_for(alice).get(reverse("interviews:live", args=[interview.pk])).content.decode()
    assert "第一题是什么？" in body and "完全不同的题" not in body


def test_starting_twice_or_empty_is_refused_with_a_message(alice, carol):
    empty = make_interview(alice, carol, questions=0)
    response = client_for(alice).post(reverse("interviews:start", args=[empty.pk]), follow=True)
    assert "add at least one question" in response.content.decode()
    running = make_interview(alice, carol, start=True)
    response = client_for(alice).post(reverse("interviews:start", args=[running.pk]), follow=True)
    assert "already started" in response.content.decode()


# --- The console and the candidate's page ----------------------------------------------------


def console_after(running, interviewer, answer: str) -> str:
    """The console's page once the candidate has typed ``answer`` to the first question."""
    item = running.questions.get(position=0)
    item.interview = running
    save_answer(item, text=answer, base=0, client="t", seq=1)
    return (
        client_for(interviewer).get(reverse("interviews:live", args=[running.pk])).content.decode()
    )


def test_console_shows_question_answer_key_points_and_suggestion(running, alice):
    body = console_after(running, alice, "调度器会先预选过滤节点，因为资源不够的节点不能用。")
    assert "第一题是什么？" in body and SECRET_ANSWER in body
    assert "SECRET-KEY-POINT-1" in body and "调度器会先预选过滤节点" in body
    assert "Suggested score" in body and "suggested" in body  # the matching key point is marked


def test_console_points_out_a_claim_against_the_standard_answer(running, alice):
    body = console_after(running, alice, "调度器预选过滤节点。Prometheus 用的是 push 模型。")
    assert "Says something the standard answer contradicts." in body
    assert "<q>Prometheus 用的是 push 模型</q>" in body and f"<q>{SECRET_CLAIM}</q>" in body


def test_candidate_sees_only_the_question_and_the_clock(running, carol):
    body = client_for(carol).get(reverse("interviews:take", args=[running.pk])).content.decode()
    assert "第一题是什么？" in body and 'role="timer"' in body and "answer-text" in body
    assert SECRET_ANSWER not in body and "SECRET-KEY-POINT" not in body and "第二题" not in body


def test_in_a_live_interview_the_candidate_cannot_move_on_and_the_clock_is_soft(running, carol):
    # Moving on is the interviewer's; the practice controls and the hard clock are a mock's.
    body = client_for(carol).get(reverse("interviews:take", args=[running.pk])).content.decode()
    assert "answer-text" in body
    assert reverse("practice:next", args=[running.pk]) not in body
    assert reverse("practice:finish", args=[running.pk]) not in body
    assert 'data-hard="0"' in body and "is-practice" not in body
    assert f'action="{reverse("interviews:answer", args=[running.pk])}"' in body


def test_the_candidate_page_lookup_answers_404_to_anonymous_even_without_the_sign_in_middleware(
    running, rf
):
    from django.contrib.auth.models import AnonymousUser
    from django.http import Http404

    from interviews.access import get_interview_for_taking

    request = rf.get("/")
    request.user = AnonymousUser()  # a view made public one day: still nothing to see
    with pytest.raises(Http404):
        get_interview_for_taking(request, running.pk)


def test_waiting_room_until_the_interviewer_starts(alice, carol):
    interview = make_interview(alice, carol)
    body = client_for(carol).get(reverse("interviews:take", args=[interview.pk])).content.decode()
    assert "Waiting for your interviewer" in body and "第一题" not in body
    response = state(client_for(carol), interview, {"cv": interview.candidate_version, "item": ""})
    assert response.status_code == 204
    live.start(interview)
    response = state(client_for(carol), interview, {"cv": interview.candidate_version, "item": ""})
    assert response.status_code == 200 and "第一题是什么？" in response.content.decode()


def test_a_draft_shows_the_candidate_nothing_of_it_until_it_is_scheduled(alice, carol):
    interview = make_interview(alice, carol, title="Secret loop title")
    url = reverse("interviews:take", args=[interview.pk])
    body = client_for(carol).get(url).content.decode()
    assert "Waiting for your interviewer" in body  # the link works, and follows the start
    assert "Secret loop title" not in body and "Alice" not in body and "Your interview" in body
    Interview.objects.filter(pk=interview.pk).update(status=Interview.Status.SCHEDULED)
    body = client_for(carol).get(url).content.decode()
    assert "Secret loop title" in body and "Interviewer: Alice" in body


@pytest.mark.cache
def test_the_poll_answers_unchanged_state_with_204_from_one_query(running, alice, carol):
    running.refresh_from_db()
    for user, params in (
        (alice, {"v": running.version}),
        (carol, {"cv": running.candidate_version}),
    ):
        client = client_for(user)
        state(client, running, params)  # warms the session cache
        with CaptureQueriesContext(connection) as queries:
            response = state(client, running, params)
        assert response.status_code == 204
        assert len(queries) == 1, [q["sql"] for q in queries]
        assert "interviews_interview" in queries[0]["sql"]


def test_candidate_typing_reaches_the_console_but_not_its_own_page(running, alice, carol):
    running.refresh_from_db()
    v, cv = running.version, running.candidate_version
    item = running.questions.get(position=0)
    response = client_for(carol).post(
        reverse("interviews:answer", args=[running.pk]),
        {"item": item.pk, "text": "我的回答", "base": 0, "client": "t1", "seq": 1},
    )
    assert response.json()["status"] == "saved"
    assert state(client_for(carol), running, {"cv": cv, "item": item.pk}).status_code == 204
    update = state(client_for(alice), running, {"v": v, "item": item.pk, "sr": 0})
    assert update.status_code == 200
    body = update.content.decode()
    assert 'id="answer-panel"' in body and "我的回答" in body and 'hx-swap-oob="true"' in body
    assert 'id="live-question"' not in body  # same question: the notes being typed stay


def test_moving_on_moves_the_candidates_page_within_one_poll(running, alice, carol):
    running.refresh_from_db()
    cv = running.candidate_version
    first = running.questions.get(position=0)
    client_for(alice).post(reverse("interviews:goto", args=[running.pk]), {"position": 1})
    update = state(client_for(carol), running, {"cv": cv, "item": first.pk})
    body = update.content.decode()
    assert update.status_code == 200 and "第二题是什么？" in body and 'id="take-question"' in body
    assert SECRET_ANSWER not in body


def test_pause_stops_the_clock_and_resume_moves_the_deadline(running, alice):
    item = running.questions.get(position=0)
    start = timezone.now()
    live.pause(running, now=start)
    running.refresh_from_db()
    item.interview = running
    assert item.remaining_seconds(now=start + timedelta(minutes=10)) == item.remaining_seconds(
        now=start
    )
    live.resume(running, now=start + timedelta(seconds=90))
    item.refresh_from_db()
    assert item.deadline - item.started_at == timedelta(seconds=300 + 90)


def test_overtime_shows_but_locks_nothing_in_live_mode(running, carol):
    item = running.questions.get(position=0)
    InterviewQuestion.objects.filter(pk=item.pk).update(
        deadline=timezone.now() - timedelta(minutes=2)
    )
    body = client_for(carol).get(reverse("interviews:take", args=[running.pk])).content.decode()
    assert 'data-remaining="-1' in body and "readonly" not in body
    response = client_for(carol).post(
        reverse("interviews:answer", args=[running.pk]),
        {"item": item.pk, "text": "still typing", "base": 0, "client": "t", "seq": 1},
    )
    assert response.json()["status"] == "saved"


# --- Scores, ticks, notes, bonus points ------------------------------------------------------


def test_two_interviewers_cannot_overwrite_each_others_score(running, alice):
    item = running.questions.get(position=0)
    url = reverse("interviews:score", args=[running.pk, item.pk])
    tab_one, tab_two = client_for(alice), client_for(alice)
    first = tab_one.post(url, {"score": "4", "revision": "0"}, headers=HTMX)
    assert first.status_code == 200
    second = tab_two.post(url, {"score": "2", "revision": "0"}, headers=HTMX)
    assert second.status_code == 409
    body = second.content.decode()
    assert "Someone else changed this score first" in body and "<strong>4</strong>" in body
    item.refresh_from_db()
    assert item.score == Decimal("4") and item.score_revision == 1


def test_scores_are_halves_from_0_to_5(running, alice):
    item = running.questions.get(position=0)
    url = reverse("interviews:score", args=[running.pk, item.pk])
    assert client_for(alice).post(url, {"score": "3.5", "revision": "0"}).status_code == 302
    assert client_for(alice).post(url, {"score": "3.3", "revision": "1"}).status_code == 400
    assert client_for(alice).post(url, {"score": "6", "revision": "1"}).status_code == 400
    item.refresh_from_db()
    assert item.score == Decimal("3.5")


def test_ticks_from_two_interviewers_add_up(running, alice, root):
    item = running.questions.get(position=0)
    url = reverse("interviews:tick", args=[running.pk, item.pk])
    client_for(alice).post(url, {"index": 0, "on": "1"})
    client_for(root).post(url, {"index": 1, "on": "1"})
    item.refresh_from_db()
    assert item.ticked == [0, 1]
    assert client_for(alice).post(url, {"index": 7, "on": "1"}).status_code == 400


def test_notes_conflict_is_shown_not_lost(running, alice):
    item = running.questions.get(position=0)
    url = reverse("interviews:notes", args=[running.pk, item.pk])
    assert (
        client_for(alice).post(url, {"notes": "A 的笔记", "revision": 0}, headers=HTMX).status_code
        == 200
    )
    clash = client_for(alice).post(url, {"notes": "B 的笔记", "revision": 0}, headers=HTMX)
    assert clash.status_code == 409 and "A 的笔记" in clash.content.decode()
    item.refresh_from_db()
    assert item.notes == "A 的笔记"


def test_awarding_and_revoking_bonus_points(running, alice):
    from questionbank.models import BonusPoint

    point = BonusPoint.objects.get(category__topic__slug="secrets")
    client_for(alice).post(
        reverse("interviews:award", args=[running.pk]),
        {"bonus_point": point.pk, "evidence": "讲了源码"},
    )
    award = running.bonus_awards.get()
    assert (award.text, award.category, award.evidence) == (
        "读过调度器源码",
        "深度理解",
        "讲了源码",
    )
    client_for(alice).post(reverse("interviews:revoke", args=[running.pk, award.pk]))
    assert not running.bonus_awards.exists()


def test_bonus_points_the_answers_touched_are_hinted_with_their_evidence(running, alice):
    console = reverse("interviews:live", args=[running.pk])
    assert "mentioned" not in client_for(alice).get(console).content.decode()
    first = running.questions.get(position=0)
    save_answer(
        first, text="我读过调度器源码，调度器的预选和优选都看过。", base=0, client="t", seq=1
    )
    body = client_for(alice).get(console).content.decode()
    assert "mentioned" in body and 'value="我读过调度器源码' in body  # evidence ready to award


def test_a_bonus_point_of_another_topic_cannot_be_awarded(running, alice):
    from tests.conftest import make_topic

    other = make_topic(slug="other", questions=1)
    point = other.bonus_categories.get().points.get()
    response = client_for(alice).post(
        reverse("interviews:award", args=[running.pk]), {"bonus_point": point.pk}
    )
    assert response.status_code == 400


# --- Ending -----------------------------------------------------------------------------------


def test_ending_needs_every_asked_question_scored_and_a_recommendation(running, alice):
    url = reverse("interviews:finish", args=[running.pk])
    response = client_for(alice).post(url, {"recommendation": "yes", "summary": "不错"})
    assert response.status_code == 200
    assert "Score every asked question" in response.content.decode()
    item = running.questions.get(position=0)
    live.set_score(item, Decimal("4"), revision=0, user=alice)
    response = client_for(alice).post(url, {"recommendation": "", "summary": ""})
    assert "This field is required." in response.content.decode()
    response = client_for(alice).post(url, {"recommendation": "yes", "summary": "不错"})
    assert response.status_code == 302 and response["Location"] == reverse(
        "interviews:report", args=[running.pk]
    )
    running.refresh_from_db()
    assert running.status == Interview.Status.COMPLETED and running.recommendation == "yes"
    # Questions never reached were not asked.
    assert list(running.questions.order_by("position").values_list("state", flat=True)) == [
        "asked",
        "not_asked",
        "not_asked",
    ]


def test_the_candidates_page_thanks_them_at_the_end(running, alice, carol):
    item = running.questions.get(position=0)
    live.set_score(item, Decimal("4"), revision=0, user=alice)
    running.refresh_from_db()
    cv = running.candidate_version
    live.finish(running, recommendation="yes", summary="ok")
    update = state(client_for(carol), running, {"cv": cv, "item": item.pk})
    assert update["HX-Redirect"] == reverse("interviews:take", args=[running.pk])
    body = client_for(carol).get(update["HX-Redirect"]).content.decode()
    assert "Thank you!" in body and "answer-text" not in body


def test_a_server_restart_mid_session_loses_nothing(running, alice, carol):
    item = running.questions.get(position=0)
    carol_client = client_for(carol)
    carol_client.post(
        reverse("interviews:answer", args=[running.pk]),
        {"item": item.pk, "text": "重启前写的", "base": 0, "client": "t", "seq": 1},
    )
    live.goto(running, 1)
    cache.clear()  # a restart empties the in-process cache; the database keeps everything
    body = carol_client.get(reverse("interviews:take", args=[running.pk])).content.decode()
    assert "第二题是什么？" in body
    assert Answer.objects.get(interview_question=item).text == "重启前写的"
    console = client_for(alice).get(reverse("interviews:live", args=[running.pk])).content.decode()
    assert "第二题是什么？" in console


@pytest.mark.cache
@pytest.mark.parametrize("size", [3, 30])
def test_console_and_candidate_pages_run_a_fixed_number_of_queries(
    alice, carol, size, django_assert_num_queries
):
    from interviews import assembly
    from tests.conftest import make_topic

    topic = make_topic(slug=f"size-{size}", questions=size, key_points=4)
    interview = assembly.create_interview(
        owner=alice, title="t", candidate=carol, default_time_limit=60
    )
    for question in topic.questions.all():
        assembly.add_question(interview, question)
    live.start(interview)
    alice_client, carol_client = client_for(alice), client_for(carol)
    alice_client.get(reverse("interviews:live", args=[interview.pk]))
    carol_client.get(reverse("interviews:take", args=[interview.pk]))
    with django_assert_num_queries(7):
        console = alice_client.get(reverse("interviews:live", args=[interview.pk]))
    with django_assert_num_queries(5):
        take = carol_client.get(reverse("interviews:take", args=[interview.pk]))
    first = interview.questions.get(position=0)
    assert console.status_code == 200 and take.status_code == 200
    assert first.text in console.content.decode() and first.text in take.content.decode()
    assert first.key_points[0]["text"] in console.content.decode()
    assert first.key_points[0]["text"] not in take.content.decode()


def test_without_javascript_the_answer_form_still_saves(running, carol):
    item = running.questions.get(position=0)
    response = client_for(carol).post(
        reverse("interviews:answer", args=[running.pk]),
        {"item": item.pk, "text": "无脚本也能保存", "base": 0},
    )
    assert response.status_code == 302 and response["Location"] == reverse(
        "interviews:take", args=[running.pk]
    )
    assert Answer.objects.get(interview_question=item).text == "无脚本也能保存"


def test_while_the_candidate_types_the_console_poll_sends_only_the_answer(running, alice, carol):
    running.refresh_from_db()
    item = running.questions.get(position=0)
    shown = {"v": running.version, "item": item.pk, "sr": item.score_revision,
             "cv": running.candidate_version, "ba": 0, "bh": "0"}  # fmt: skip
    item.interview = running
    save_answer(item, text="我在输入", base=0, client="t", seq=1)
    body = state(client_for(alice), running, shown).content.decode()
    assert 'id="answer-panel"' in body and 'id="checklist"' in body and "我在输入" in body
    assert 'id="live-status"' not in body and 'id="bonus-panel"' not in body
    live.pause(running)
    body = state(client_for(alice), running, shown).content.decode()
    assert 'id="live-status"' in body and "Resume" in body


# --- Refusals: clear, translated, never a 500 ----------------------------------------------------


def test_a_refused_move_says_why_in_the_htmx_reply(running, alice):
    client = client_for(alice)
    url = reverse("interviews:pause", args=[running.pk])
    assert client.post(url, headers=HTMX).status_code == 200
    again = client.post(url, headers=HTMX).content.decode()
    assert 'id="messages"' in again and "the interview is already paused" in again


def test_refusals_speak_the_users_language(running, alice):
    client = client_for(alice)
    client.cookies["django_language"] = "zh-hans"
    client.post(reverse("interviews:pause", args=[running.pk]))
    page = client.post(reverse("interviews:pause", args=[running.pk]), follow=True)
    assert "面试已经暂停" in page.content.decode()


def test_scores_ticks_and_not_asked_are_refused_once_the_session_ended(running, alice):
    item = running.questions.get(position=0)
    live.set_score(item, Decimal("3"), revision=0, user=alice)
    live.finish(running, recommendation="yes", summary="ok")
    client = client_for(alice)
    args = [running.pk, item.pk]
    assert (
        client.post(
            reverse("interviews:score", args=args), {"score": "5", "revision": 1}
        ).status_code
        == 400
    )
    assert (
        client.post(reverse("interviews:tick", args=args), {"index": 0, "on": "1"}).status_code
        == 400
    )
    client.post(reverse("interviews:not_asked", args=args), {"not_asked": "0"})
    item.refresh_from_db()
    assert (item.score, item.state, item.ticked) == (Decimal("3"), "asked", [])
    refused = client.post(reverse("interviews:tick", args=args), {"index": 0, "on": "1"})
    assert "the interview is not running" in refused.content.decode()  # the reason, not a blank

    from questionbank.models import BonusPoint

    point = BonusPoint.objects.get(category__topic__slug="secrets")
    award = client.post(reverse("interviews:award", args=[running.pk]), {"bonus_point": point.pk})
    assert award.status_code == 400 and not running.bonus_awards.exists()  # the scorecard stays


def test_an_autosave_counter_up_to_the_largest_the_column_holds_is_saved(running, carol):
    # A tab's save counter is stored as sent (a bigint): its last value saves, one past it is 400.
    item = running.questions.get(position=0)
    url = reverse("interviews:answer", args=[running.pk])
    client = client_for(carol)
    last = {"item": item.pk, "text": "at the end", "base": 0, "client": "t", "seq": 2**63 - 1}
    assert client.post(url, last).json()["status"] == "saved"
    assert client.post(url, {**last, "text": "past it", "base": 1, "seq": 2**63}).status_code == 400
    answer = Answer.objects.get(interview_question=item)
    assert (answer.text, answer.client_seq) == ("at the end", 2**63 - 1)


def test_a_save_from_a_tab_behind_another_is_answered_with_the_newer_text(running, carol):
    # The 409 carries the text the other tab saved, for the page to show; a save that went in
    # sends no text back.
    item = running.questions.get(position=0)
    url = reverse("interviews:answer", args=[running.pk])
    client = client_for(carol)
    saved = client.post(
        url, {"item": item.pk, "text": "from A", "base": 0, "client": "A", "seq": 1}
    )
    assert saved.status_code == 200 and saved.json()["status"] == "saved"
    assert "text" not in saved.json()
    behind = client.post(url, {"item": item.pk, "text": "B", "base": 0, "client": "B", "seq": 1})
    assert behind.status_code == 409
    assert behind.json()["status"] == "conflict" and behind.json()["text"] == "from A"


def test_nul_characters_are_refused_not_a_server_error(running, alice, carol):
    """PostgreSQL refuses NUL in text: a raw POST holding one (autosave, notes) is a 400 that
    writes nothing (issue 11 moved this from dropping the character to refusing the request;
    answer.js drops NUL before it sends, so typing never meets the refusal)."""
    item = running.questions.get(position=0)
    response = client_for(carol).post(
        reverse("interviews:answer", args=[running.pk]),
        {"item": item.pk, "text": "a\x00b", "base": 0, "client": "t1", "seq": 1},
    )
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.answer.text == ""
    response = client_for(alice).post(
        reverse("interviews:notes", args=[running.pk, item.pk]),
        {"notes": "n\x00o", "revision": 0},
    )
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.notes == ""


def test_ending_that_raced_with_a_change_shows_the_reason(running, alice, monkeypatch):
    live.set_score(running.questions.get(position=0), Decimal("3"), revision=0, user=alice)

    def changed_meanwhile(*args, **kwargs):
        raise live.InvalidTransition("score every asked question or mark it not asked")

    monkeypatch.setattr(live, "finish", changed_meanwhile)
    response = client_for(alice).post(
        reverse("interviews:finish", args=[running.pk]), {"recommendation": "yes", "summary": "ok"}
    )
    assert response.status_code == 200 and "score every asked question" in response.content.decode()


def test_cancelling_a_running_session_stops_its_clock(running, alice):
    Interview.objects.filter(pk=running.pk).update(
        current_since=timezone.now() - timedelta(seconds=90)
    )
    client_for(alice).post(reverse("interviews:cancel", args=[running.pk]))
    running.refresh_from_db()
    first = running.questions.get(position=0)
    assert running.status == "cancelled" and running.current_deadline is None
    assert first.ended_at is not None and first.seconds_spent >= 90
    # Cancelling again (a second tab) lands on the session, not on an error page.
    again = client_for(alice).post(reverse("interviews:cancel", args=[running.pk]))
    assert again.status_code == 302


def test_an_answer_sent_before_the_start_stores_nothing_and_the_start_works(alice, carol):
    interview = make_interview(alice, carol)
    item = interview.questions.get(position=0)
    response = client_for(carol).post(
        reverse("interviews:answer", args=[interview.pk]),
        {"item": item.pk, "text": "too early", "base": 0, "client": "t", "seq": 1},
    )
    assert response.status_code == 409 and response.json()["status"] == "not_started"
    assert not Answer.objects.exists()
    live.start(interview)
    assert Answer.objects.filter(interview_question__interview=interview).count() == 3


def test_pause_and_resume_from_the_console(running, alice):
    client = client_for(alice)
    paused = client.post(reverse("interviews:pause", args=[running.pk]), headers=HTMX)
    assert paused.status_code == 200 and 'id="live-status"' in paused.content.decode()
    running.refresh_from_db()
    assert running.is_paused
    client.post(reverse("interviews:resume", args=[running.pk]), headers=HTMX)
    running.refresh_from_db()
    assert not running.is_paused


def test_marking_a_question_not_asked_and_back(running, alice):
    item = running.questions.get(position=0)
    url = reverse("interviews:not_asked", args=[running.pk, item.pk])
    client_for(alice).post(url, {"not_asked": "1"}, headers=HTMX)
    item.refresh_from_db()
    assert item.state == "not_asked" and item.score is None
    client_for(alice).post(url, {"not_asked": "0"}, headers=HTMX)
    item.refresh_from_db()
    assert item.state == "asked"
    assert live.unscored(running) == [item]


def test_an_unchanged_console_poll_is_204_for_a_superuser_too(running, root):
    running.refresh_from_db()
    item = running.questions.get(position=0)
    assert (
        state(
            client_for(root), running, {"v": running.version, "item": item.pk, "sr": 0}
        ).status_code
        == 204
    )
    assert state(client_for(root), running, {"v": 0, "item": item.pk, "sr": 0}).status_code == 200


# --- Tests that would catch the next bug (issue 11) -----------------------------------------


@pytest.mark.parametrize(
    "action, data",
    [
        ("score", {"score": "4", "revision": "0"}),
        ("tick", {"index": 0, "on": "1"}),
        ("notes", {"notes": "写错了会议", "revision": "0"}),
    ],
)
def test_an_item_of_another_interview_is_404_and_nothing_is_written(
    running, alice, carol, action, data
):
    other = make_interview(alice, carol, start=True, title="Another loop")
    foreign = other.questions.get(position=0)
    url = reverse(f"interviews:{action}", args=[running.pk, foreign.pk])
    assert client_for(alice).post(url, data).status_code == 404
    foreign.refresh_from_db()
    assert (foreign.score, foreign.ticked, foreign.notes) == (None, [], "")
    assert (foreign.score_revision, foreign.notes_revision) == (0, 0)


def test_an_answer_posted_with_another_interviews_item_is_404_and_nothing_is_written(
    running, alice, carol
):
    other = make_interview(alice, carol, start=True, title="Another loop")
    foreign = other.questions.get(position=0)
    response = client_for(carol).post(
        reverse("interviews:answer", args=[running.pk]),
        {"item": foreign.pk, "text": "答到别的面试里", "base": 0, "client": "t", "seq": 1},
    )
    assert response.status_code == 404
    assert not Answer.objects.filter(text="答到别的面试里").exists()
    assert list(Answer.objects.filter(interview_question=foreign).values_list("revision")) in (
        [],
        [(0,)],
    )


def test_finish_itself_refuses_an_asked_unscored_question(running):
    with pytest.raises(live.InvalidTransition):
        live.finish(running, recommendation="yes", summary="不错")
    running.refresh_from_db()
    assert running.status == Interview.Status.LIVE and running.recommendation == ""


def test_with_a_whole_interview_limit_each_deadline_is_the_earlier_of_the_two(alice, carol):
    interview = make_interview(alice, carol)  # 300 s per question
    Interview.objects.filter(pk=interview.pk).update(
        time_mode=Interview.TimeMode.TOTAL, total_time_limit=600
    )
    interview.refresh_from_db()
    t0 = timezone.now()
    live.start(interview, now=t0)
    assert interview.questions.get(position=0).deadline == t0 + timedelta(seconds=300)
    live.goto(interview, 1, now=t0 + timedelta(seconds=100))  # 400 s < what is left
    assert interview.questions.get(position=1).deadline == t0 + timedelta(seconds=400)
    live.goto(interview, 2, now=t0 + timedelta(seconds=450))  # 750 s > the interview's 600 s
    assert interview.questions.get(position=2).deadline == t0 + timedelta(seconds=600)


@pytest.mark.cache
def test_an_autosave_runs_a_fixed_number_of_queries(running, carol, django_assert_num_queries):
    """The most frequent request of a live interview (every pause in typing)."""
    item = running.questions.get(position=0)
    client = client_for(carol)
    url = reverse("interviews:answer", args=[running.pk])
    client.post(url, {"item": item.pk, "text": "一", "base": 0, "client": "t1", "seq": 1})
    with django_assert_num_queries(9):  # the question is read once, under the lock
        saved = client.post(
            url, {"item": item.pk, "text": "一二", "base": 1, "client": "t1", "seq": 2}
        )
    assert saved.status_code == 200 and saved.json()["status"] == "saved"
    assert Answer.objects.get(interview_question=item).text == "一二"


def test_cancelling_an_interview_that_never_started_ends_it_with_nothing_asked(alice, carol):
    interview = make_interview(alice, carol)
    response = client_for(alice).post(reverse("interviews:cancel", args=[interview.pk]))
    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.status == "cancelled" and interview.ended_at is not None
    assert not interview.questions.filter(ended_at__isnull=False).exists()


def test_going_to_the_question_already_shown_changes_nothing(running):
    Interview.objects.filter(pk=running.pk).update(
        current_since=timezone.now() - timedelta(seconds=90)
    )
    before = running.questions.get(position=0)
    live.goto(running, 0)
    after = running.questions.get(position=0)
    running.refresh_from_db()
    assert after.ended_at is None and after.seconds_spent == before.seconds_spent == 0
    assert (after.started_at, after.deadline) == (before.started_at, before.deadline)
    assert running.current_since < timezone.now() - timedelta(seconds=80)  # the clock runs on
