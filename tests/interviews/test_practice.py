"""Practice: timed mocks alone, server-enforced, reviewed against the standard answers."""

from __future__ import annotations

import random
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews import practice
from interviews.answers import save_answer
from interviews.models import Answer, Interview, InterviewQuestion, PracticeItem
from questionbank.models import Question, Topic
from tests.conftest import (
    SECRET_ANSWER,
    SECRET_CLAIM,
    SECRET_KEY_POINT,
    client_for,
    make_secret_topic,
    make_topic,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic(db):
    return make_secret_topic()


def start(user, count=2, seconds=60, total=None):
    questions = list(Question.objects.filter(topic__slug="secrets").order_by("number")[:count])
    return practice.start_practice(
        user, questions, seconds_per_question=seconds, total_seconds=total, title="Carol's mock"
    )


def item_at(mock, position) -> InterviewQuestion:
    item = mock.questions.get(position=position)
    item.interview = mock
    return item


# --- Starting ----------------------------------------------------------------------------------


def test_start_from_the_form_goes_straight_to_the_first_question(carol, topic):
    response = client_for(carol).post(
        reverse("practice:index"),
        {"topics": [topic.pk], "count": 2, "timing": "per_question", "minutes": "2.5"},
    )
    mock = Interview.objects.get(mode="practice")
    assert response["Location"] == reverse("practice:take", args=[mock.pk])
    assert mock.owner == mock.candidate == carol and mock.hard_deadlines
    assert mock.questions.count() == 2 and mock.questions.first().time_limit == 150
    body = client_for(carol).get(response["Location"]).content.decode()
    assert 'role="timer"' in body and "Next question" in body
    assert SECRET_ANSWER not in body and SECRET_KEY_POINT not in body


def test_the_form_explains_what_is_missing(carol, topic):
    body = (
        client_for(carol)
        .post(reverse("practice:index"), {"count": 0, "minutes": ""})
        .content.decode()
    )
    assert (
        "Choose at least one topic." in body
        and "Ensure this value is greater than or equal to 1." in body
    )
    assert not Interview.objects.exists()


def test_topics_kept_for_interviews_are_not_offered(carol, topic):
    Topic.objects.filter(pk=topic.pk).update(practice_enabled=False)
    page = client_for(carol).get(reverse("practice:index")).content.decode()
    assert "机密主题" not in page
    response = client_for(carol).post(
        reverse("practice:index"),
        {"topics": [topic.pk], "count": 2, "timing": "per_question", "minutes": "5"},
    )
    assert response.status_code == 200 and not Interview.objects.exists()


def test_due_and_never_practised_questions_come_first(carol, topic):
    questions = list(topic.questions.order_by("number"))
    now = timezone.now()
    PracticeItem.objects.create(
        user=carol, question=questions[0], due_at=now + timedelta(days=9), last_score=5
    )
    PracticeItem.objects.create(
        user=carol, question=questions[1], due_at=now - timedelta(days=1), last_score=1
    )
    chosen = practice.choose_questions(carol, [topic], 2, rng=random.Random(3))
    assert chosen == [questions[1], questions[2]]  # due, then never practised; not the mastered one


def test_only_candidates_practise(alice, topic):
    assert client_for(alice).get(reverse("practice:index")).status_code == 403


# --- The clock -----------------------------------------------------------------------------------


def test_at_zero_the_answer_locks_and_the_mock_moves_on(carol, topic):
    mock = start(carol)
    first = item_at(mock, 0)
    save_answer(first, text="准时写的", base=0, client="t", seq=1)
    past = timezone.now() - timedelta(seconds=30)
    InterviewQuestion.objects.filter(pk=first.pk).update(deadline=past)
    Interview.objects.filter(pk=mock.pk).update(current_deadline=past)
    body = client_for(carol).get(reverse("practice:take", args=[mock.pk])).content.decode()
    mock.refresh_from_db()
    assert mock.position == 1 and "第二题是什么？" in body
    first.refresh_from_db()
    late = save_answer(first, text="准时写的，超时后补充", base=1, client="t", seq=2)
    assert late.status == "late"
    answer = Answer.objects.get(interview_question=first)
    assert (answer.text, answer.late_text) == ("准时写的", "准时写的，超时后补充")


def test_the_clock_runs_while_the_page_is_closed(carol, topic):
    mock = start(carol, count=3, seconds=60)
    started = item_at(mock, 0).started_at
    later = started + timedelta(seconds=150)  # the first two deadlines passed unseen
    practice.advance_if_expired(mock, now=later)
    mock.refresh_from_db()
    assert mock.position == 2
    third = item_at(mock, 2)
    assert third.started_at == started + timedelta(seconds=120)  # from the previous deadline
    practice.advance_if_expired(mock, now=started + timedelta(seconds=200))
    mock.refresh_from_db()
    assert mock.status == Interview.Status.COMPLETED and mock.ended_at == started + timedelta(
        seconds=180
    )


def test_a_whole_mock_limit_ends_it_once_the_last_answers_are_in(carol, topic, settings):
    settings.PRACTICE_GRACE_SECONDS = 5
    mock = start(carol, count=3, seconds=600, total=90)
    started = item_at(mock, 0).started_at
    # Just past the limit the mock still takes the answer on its way, and scores it.
    practice.advance_if_expired(mock, now=started + timedelta(seconds=92))
    mock.refresh_from_db()
    assert mock.status == Interview.Status.LIVE
    first = item_at(mock, 0)
    saved = save_answer(
        first,
        text="调度器预选过滤节点",
        base=0,
        client="t",
        seq=1,
        now=started + timedelta(seconds=92),
    )
    assert saved.status == "saved"
    practice.advance_if_expired(mock, now=started + timedelta(seconds=96))
    mock.refresh_from_db()
    assert mock.status == Interview.Status.COMPLETED and mock.ended_at == started + timedelta(
        seconds=90
    )
    assert list(mock.questions.order_by("position").values_list("state", flat=True)) == [
        "asked", "not_asked", "not_asked",
    ]  # fmt: skip
    assert item_at(mock, 0).score > 0


def test_the_last_answer_sent_just_after_the_deadline_is_scored(carol, topic, settings):
    settings.PRACTICE_GRACE_SECONDS = 5
    mock = practice.move_on(start(carol, count=2))
    last = item_at(mock, 1)
    past = timezone.now() - timedelta(seconds=2)
    InterviewQuestion.objects.filter(pk=last.pk).update(deadline=past)
    Interview.objects.filter(pk=mock.pk).update(current_deadline=past)
    response = client_for(carol).post(
        reverse("practice:answer", args=[mock.pk]),
        {"item": last.pk, "text": "第二题的回答", "base": 0, "client": "t", "seq": 1},
    )
    assert response.json()["status"] == "saved"
    mock.refresh_from_db()
    practice.advance_if_expired(mock, now=past + timedelta(seconds=6))
    mock.refresh_from_db()
    assert mock.status == Interview.Status.COMPLETED
    assert Answer.objects.get(interview_question=last).text == "第二题的回答"


def test_a_save_after_the_mock_ended_is_kept_late_not_scored(carol, topic):
    mock = start(carol, count=1)
    first = item_at(mock, 0)
    practice.finish_early(mock)
    late = save_answer(first, text="结束后才到的", base=0, client="t", seq=1)
    assert late.status == "late"
    assert Answer.objects.get(interview_question=first).text == ""


def test_next_twice_moves_on_once(carol, topic):
    mock = start(carol, count=3)
    first = item_at(mock, 0)
    client = client_for(carol)
    url = reverse("practice:next", args=[mock.pk])
    client.post(url, {"item": first.pk})
    client.post(url, {"item": first.pk})  # a double click, or a second tab
    mock.refresh_from_db()
    assert mock.position == 1
    client.post(url, {"item": item_at(mock, 1).pk})
    mock.refresh_from_db()
    assert mock.position == 2


def test_a_question_left_behind_cannot_be_improved_later(carol, topic, settings):
    settings.PRACTICE_GRACE_SECONDS = 0
    mock = start(carol, count=2, seconds=600, total=1200)
    first = item_at(mock, 0)
    practice.move_on(mock, from_item=first.pk)
    response = client_for(carol).post(
        reverse("practice:answer", args=[mock.pk]),
        {"item": first.pk, "text": "回头再改", "base": 0, "client": "t", "seq": 1},
    )
    assert response.json()["status"] == "late"
    answer = Answer.objects.get(interview_question=first)
    assert (answer.text, answer.late_text) == ("", "回头再改")


@pytest.mark.parametrize("field, value", [("seq", "-5"), ("seq", str(2**63)), ("base", "-1")])
def test_nonsense_save_counters_are_refused_not_crashing(carol, topic, field, value):
    mock = start(carol)
    data = {"item": item_at(mock, 0).pk, "text": "x", "base": 0, "client": "t", "seq": 1}
    data[field] = value
    response = client_for(carol).post(reverse("practice:answer", args=[mock.pk]), data)
    assert response.status_code == 400


def test_a_question_mastered_many_times_still_schedules(carol, topic):
    first_question = Question.objects.get(topic=topic, number=1)
    PracticeItem.objects.create(
        user=carol, question=first_question, repetitions=30, interval_days=365, ease=4.0,
        due_at=timezone.now(), attempts=30,
    )  # fmt: skip
    mock = finish(
        carol, answer_text="SECRET-KEY-POINT-1，调度器预选过滤节点，资源不足的节点被排除。"
    )
    assert mock.status == Interview.Status.COMPLETED
    state = PracticeItem.objects.get(user=carol, question=first_question)
    assert state.attempts == 31 and state.due_at <= timezone.now() + timedelta(days=366)


def test_the_browser_cannot_extend_the_clock(carol, topic, settings):
    settings.PRACTICE_GRACE_SECONDS = 5
    mock = start(carol)
    first = item_at(mock, 0)
    InterviewQuestion.objects.filter(pk=first.pk).update(
        deadline=timezone.now() - timedelta(seconds=6)
    )
    Interview.objects.filter(pk=mock.pk).update(
        current_deadline=timezone.now() - timedelta(seconds=6)
    )
    response = client_for(carol).post(
        reverse("practice:answer", args=[mock.pk]),
        {"item": first.pk, "text": "写晚了", "base": 0, "client": "t", "seq": 1},
    )
    assert response.json()["status"] == "late"
    assert Answer.objects.get(interview_question=first).late_text == "写晚了"


def test_the_poll_notices_a_passed_deadline_at_once(carol, topic):
    mock = start(carol)
    client = client_for(carol)
    url = reverse("interviews:state", args=[mock.pk])
    mock.refresh_from_db()
    params = {"cv": mock.candidate_version, "item": item_at(mock, 0).pk}
    assert client.get(url, params).status_code == 204
    past = timezone.now() - timedelta(seconds=1)
    InterviewQuestion.objects.filter(pk=params["item"]).update(deadline=past)
    Interview.objects.filter(pk=mock.pk).update(current_deadline=past)
    response = client.get(url, params)
    assert response.status_code == 200 and "第二题是什么？" in response.content.decode()


# --- Review and history --------------------------------------------------------------------------


def finish(carol, answer_text="调度器预选过滤节点，因为资源不足的节点要排除掉。"):
    mock = start(carol)
    save_answer(item_at(mock, 0), text=answer_text, base=0, client="t", seq=1)
    practice.move_on(mock)
    practice.finish_early(mock)
    mock.refresh_from_db()
    return mock


def test_no_standard_answer_before_the_end(carol, topic):
    mock = start(carol)
    response = client_for(carol).get(reverse("practice:review", args=[mock.pk]))
    assert response["Location"] == reverse("practice:take", args=[mock.pk])


def test_review_shows_answers_evidence_and_the_standard_answer(carol, topic):
    mock = finish(carol)
    body = client_for(carol).get(reverse("practice:review", args=[mock.pk])).content.decode()
    assert SECRET_ANSWER in body and "SECRET-KEY-POINT-1" in body
    assert "<mark>" in body and "Suggested score" in body
    first = item_at(mock, 0)
    assert first.score is not None and 1 in first.ticked  # 调度器预选过滤节点 covered
    state = PracticeItem.objects.get(user=carol, question=first.question)
    assert state.attempts == 1 and state.due_at > timezone.now()


def test_questions_the_mock_never_reached_keep_their_answers_hidden(carol, topic):
    mock = start(carol, count=3)
    save_answer(item_at(mock, 0), text="调度器预选过滤节点", base=0, client="t", seq=1)
    practice.finish_early(mock)
    body = client_for(carol).get(reverse("practice:review", args=[mock.pk])).content.decode()
    assert f"{SECRET_ANSWER} 一" in body
    for hidden in (f"{SECRET_ANSWER} 二", f"{SECRET_ANSWER} 三", f"{SECRET_KEY_POINT}-2"):
        assert hidden not in body
    assert body.count("Not reached") == 2


def test_a_blank_answer_unlocks_nothing(carol, topic):
    mock = start(carol, count=2)
    practice.move_on(mock)  # nothing typed for question 1
    save_answer(item_at(mock, 1), text="调度器预选过滤节点", base=0, client="t", seq=1)
    practice.finish_early(mock)
    body = client_for(carol).get(reverse("practice:review", args=[mock.pk])).content.decode()
    assert f"{SECRET_ANSWER} 二" in body
    assert f"{SECRET_ANSWER} 一" not in body and f"{SECRET_KEY_POINT}-1" not in body
    assert "You left this question blank" in body
    history = client_for(carol).get(reverse("practice:history")).content.decode()
    assert f"{SECRET_KEY_POINT}-1" not in history


def test_nothing_answered_shows_no_bonus_points_or_experience(carol, topic):
    mock = start(carol, count=1)
    practice.finish_early(mock)
    response = client_for(carol).get(reverse("practice:review", args=[mock.pk]))
    body = response.content.decode()
    assert response.status_code == 200 and "第一题是什么？" in body  # the review itself is there
    assert "You left this question blank" in body
    assert "读过调度器源码" not in body and SECRET_ANSWER not in body


WRONG_CLAIM = "调度器预选过滤节点，Prometheus 用的是 push 模型。"


def test_review_shows_a_claim_against_the_standard_answer_beside_it(carol, topic):
    mock = finish(carol, WRONG_CLAIM)
    body = client_for(carol).get(reverse("practice:review", args=[mock.pk])).content.decode()
    assert "Check these claims against the standard answer" in body
    assert "<q>Prometheus 用的是 push 模型</q>" in body and f"<q>{SECRET_CLAIM}</q>" in body


def test_review_shows_what_the_scorer_said_when_the_mock_ended(carol, topic):
    mock = finish(carol, WRONG_CLAIM)
    first = item_at(mock, 0)
    assert first.suggestion["score"] == float(first.score)
    assert [c["claim"] for c in first.suggestion["contradictions"]] == [
        "Prometheus 用的是 push 模型"
    ]
    # A later scorer would say something else; the review keeps what this mock was scored by.
    first.suggestion["contradictions"][0]["claim"] = "WHAT-THE-SCORER-SAID-THEN"
    InterviewQuestion.objects.filter(pk=first.pk).update(suggestion=first.suggestion)
    body = client_for(carol).get(reverse("practice:review", args=[mock.pk])).content.decode()
    assert "<q>WHAT-THE-SCORER-SAID-THEN</q>" in body


def test_mocks_finished_before_suggestions_were_kept_are_scored_again_for_review(carol, topic):
    mock = finish(carol)
    InterviewQuestion.objects.filter(interview=mock).update(suggestion=None)
    body = client_for(carol).get(reverse("practice:review", args=[mock.pk])).content.decode()
    assert "<mark>" in body and "Suggested score" in body


def test_archived_topics_never_show_their_answers(carol, topic):
    mock = finish(carol, WRONG_CLAIM)
    Topic.objects.filter(pk=topic.pk).update(archived=True)
    response = client_for(carol).get(reverse("practice:review", args=[mock.pk]))
    body = response.content.decode()
    assert response.status_code == 200 and "调度器预选过滤节点" in body  # her own answer stays
    assert SECRET_ANSWER not in body and SECRET_KEY_POINT not in body
    assert SECRET_CLAIM not in body and "Check these claims" not in body


def test_topics_closed_to_practice_never_show_their_answers(carol, topic):
    mock = finish(carol)
    Topic.objects.filter(pk=topic.pk).update(practice_enabled=False)
    body = client_for(carol).get(reverse("practice:review", args=[mock.pk])).content.decode()
    assert SECRET_ANSWER not in body and SECRET_KEY_POINT not in body
    assert "kept for real interviews" in body


def test_self_rating_is_kept_beside_the_suggestion(carol, topic):
    mock = finish(carol)
    first = item_at(mock, 0)
    suggested = first.score
    client_for(carol).post(reverse("practice:rate", args=[mock.pk, first.pk]), {"rating": "4.5"})
    first.refresh_from_db()
    assert first.self_rating == Decimal("4.5") and first.score == suggested
    assert (
        client_for(carol)
        .post(reverse("practice:rate", args=[mock.pk, first.pk]), {"rating": "9"})
        .status_code
        == 400
    )


def test_rating_and_flagging_wait_for_the_end_of_the_mock(carol, topic):
    mock = start(carol)
    first = item_at(mock, 0)
    client = client_for(carol)
    rated = client.post(reverse("practice:rate", args=[mock.pk, first.pk]), {"rating": "4"})
    flagged = client.post(reverse("practice:redo", args=[mock.pk, first.pk]), {"redo": "1"})
    assert rated.status_code == 400 and b"once the mock is over" in rated.content
    assert flagged.status_code == 400 and b"once the mock is over" in flagged.content
    first.refresh_from_db()
    assert first.self_rating is None
    assert not PracticeItem.objects.filter(user=carol).exists()


def test_flag_to_redo_makes_the_question_due(carol, topic):
    mock = finish(carol)
    first = item_at(mock, 0)
    client_for(carol).post(reverse("practice:redo", args=[mock.pk, first.pk]), {"redo": "1"})
    state = PracticeItem.objects.get(user=carol, question=first.question)
    assert state.due_at <= timezone.now()
    assert first.question in practice.weak_questions(carol)


def test_weak_questions_button_starts_a_mock_of_due_questions(carol, topic):
    assert (
        client_for(carol)
        .post(reverse("practice:weak"), follow=True)
        .content.decode()
        .count("Nothing is due")
        == 1
    )
    finished = finish(carol, answer_text="不知道")
    # A poor answer comes back soon, not at once: a day later it is due.
    PracticeItem.objects.filter(user=carol).update(due_at=timezone.now() - timedelta(minutes=1))
    response = client_for(carol).post(reverse("practice:weak"))
    weak_mock = Interview.objects.filter(mode="practice").exclude(pk=finished.pk).get()
    assert response["Location"] == reverse("practice:take", args=[weak_mock.pk])
    assert weak_mock.title == "My weak questions" and not weak_mock.is_finished
    assert weak_mock.questions.filter(question__number=1).exists()
    assert weak_mock.questions.get(question__number=1).time_limit == 5 * 60


def test_history_shows_progress_chart_weak_points_and_due_counts(carol, topic):
    finish(carol)
    finish(carol, answer_text="完全不相关的内容")
    body = client_for(carol).get(reverse("practice:history")).content.decode()
    assert "<svg" in body and "<polyline" in body and 'role="img"' in body
    assert "SECRET-KEY-POINT-1" in body  # missed in both mocks: among the weakest
    assert re.search(r"\d of 2 answered", body)


def test_one_candidate_never_sees_anothers_mock(carol, mallory, topic):
    mock = finish(carol)
    for name in ("practice:take", "practice:review"):
        assert client_for(mallory).get(reverse(name, args=[mock.pk])).status_code == 404
    history = client_for(mallory).get(reverse("practice:history")).content.decode()
    assert (
        "Carol&#x27;s mock" not in history
        and reverse("practice:review", args=[mock.pk]) not in history
    )


# 22 with cold caches: the glossary's and the curators' contrasts' states are read once each
# (then cached for 30 s); the rest does not grow with the number of questions. (Mocks are never
# calibrated, so no calibration is read.)
FINISH_QUERIES = 22


@pytest.mark.cache
@pytest.mark.parametrize("size", [3, 30])
def test_start_answer_and_review_run_a_fixed_number_of_queries(
    carol, size, django_assert_num_queries
):
    topic = make_topic(slug=f"p{size}", questions=size, key_points=3)
    client = client_for(carol)
    client.get(reverse("practice:index"))
    data = {"topics": [topic.pk], "count": size, "timing": "per_question", "minutes": "5"}
    with django_assert_num_queries(20):
        client.post(reverse("practice:index"), data)
    mock = Interview.objects.get(mode="practice")
    assert mock.questions.count() == size
    with django_assert_num_queries(5):
        client.get(reverse("practice:take", args=[mock.pk]))
    first = mock.questions.get(position=0)
    with django_assert_num_queries(9):  # the question is read once, under the lock
        client.post(
            reverse("practice:answer", args=[mock.pk]),
            {"item": first.pk, "text": "回答", "base": 0, "client": "t", "seq": 1},
        )
    with django_assert_num_queries(FINISH_QUERIES):
        client.post(reverse("practice:finish", args=[mock.pk]))
    # 8: one of them asks which questions belong to the candidate's interviews to come.
    with django_assert_num_queries(8):
        review = client.get(reverse("practice:review", args=[mock.pk]))
    assert review.status_code == 200 and "回答" in review.content.decode()


def test_history_hides_key_points_of_topics_closed_to_practice(carol, topic):
    finish(carol)
    Topic.objects.filter(pk=topic.pk).update(practice_enabled=False)
    response = client_for(carol).get(reverse("practice:history"))
    body = response.content.decode()
    assert response.status_code == 200 and "Carol&#x27;s mock" in body  # the mock is listed
    assert SECRET_KEY_POINT not in body


def test_due_counts_are_not_capped_at_a_mocks_size(carol):
    make_topic(slug="many", questions=12, key_points=1)
    for question in Question.objects.filter(topic__slug="many"):
        PracticeItem.objects.create(user=carol, question=question, due_at=timezone.now())
    body = client_for(carol).get(reverse("practice:index")).content.decode()
    assert "(12 due)" in body


def test_chart_dates_are_local(carol, topic, settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    mock = finish(carol)
    utc_evening = timezone.make_aware(timezone.datetime(2026, 3, 1, 20, 0), timezone.UTC)
    Interview.objects.filter(pk=mock.pk).update(ended_at=utc_evening)
    [row] = [p for p in practice.progress(carol) if p.topic == topic]
    assert row.points[0][0] == "03-02"  # 04:00 the next morning in Shanghai


def test_the_take_page_of_a_finished_mock_leads_to_its_review(carol, topic):
    mock = finish(carol)
    response = client_for(carol).get(reverse("practice:take", args=[mock.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("practice:review", args=[mock.pk])


def test_rating_a_mock_whose_time_ran_out_unseen_works(carol, topic):
    mock = start(carol, count=1, seconds=60)
    save_answer(item_at(mock, 0), text="调度器预选过滤节点", base=0, client="t", seq=1)
    long_ago = timezone.now() - timedelta(minutes=10)
    InterviewQuestion.objects.filter(interview=mock).update(deadline=long_ago)
    Interview.objects.filter(pk=mock.pk).update(current_deadline=long_ago)
    first = item_at(mock, 0)
    response = client_for(carol).post(
        reverse("practice:rate", args=[mock.pk, first.pk]), {"rating": "4"}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.self_rating == Decimal("4")


def test_finishing_early_from_the_page_goes_to_the_review(carol, topic):
    mock = start(carol, count=3)
    save_answer(item_at(mock, 0), text="调度器预选过滤节点", base=0, client="t", seq=1)
    response = client_for(carol).post(reverse("practice:finish", args=[mock.pk]))
    assert response["Location"] == reverse("practice:review", args=[mock.pk])
    mock.refresh_from_db()
    assert mock.status == Interview.Status.COMPLETED
    assert list(mock.questions.order_by("position").values_list("state", flat=True)) == [
        "asked", "not_asked", "not_asked",
    ]  # fmt: skip


def test_a_topic_id_too_large_for_the_database_is_a_form_error(carol, topic):
    data = {"topics": str(10**25), "count": 2, "timing": "per_question", "minutes": "5"}
    response = client_for(carol).post(reverse("practice:index"), data)
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not Interview.objects.exists()


def test_the_start_page_counts_only_questions_a_mock_can_draw(carol, topic):
    Question.objects.filter(topic=topic, number=3).update(answer_md="")  # no standard answer
    body = client_for(carol).get(reverse("practice:index")).content.decode()
    assert "2 questions" in body and "3 questions" not in body


# --- Questions of an interview to come ------------------------------------------------------


def test_the_topic_of_an_interview_to_come_is_closed_to_practice_until_it_ends(
    alice, carol, mallory, topic
):
    from interviews import live
    from tests.conftest import make_interview

    # An earlier mock answered every question; then an interview on question 1 is scheduled.
    mock = start(carol, count=3)
    for position in range(3):
        item = item_at(mock, position)
        save_answer(item, text="调度器预选过滤节点", base=0, client="t", seq=position + 1)
        mock = practice.move_on(mock, from_item=item.pk)
    assert mock.is_finished
    coming = make_interview(alice, carol, questions=1)
    coming.status = Interview.Status.SCHEDULED
    coming.save(update_fields=["status"])

    # The whole topic closes, so nothing tells which of its questions the interview holds.
    assert practice.choose_questions(carol, [topic], 30) == []
    start_page = client_for(carol).get(reverse("practice:index")).content.decode()
    assert f'value="{topic.pk}"' not in start_page
    review = client_for(carol).get(reverse("practice:review", args=[mock.pk])).content.decode()
    assert SECRET_KEY_POINT not in review and SECRET_ANSWER not in review
    assert review.count("You have an interview on this topic coming up") == 3
    history = client_for(carol).get(reverse("practice:history")).content.decode()
    assert SECRET_KEY_POINT not in history
    assert len(practice.choose_questions(mallory, [topic], 30)) == 3  # others practise as ever

    # Once the interview is over, the topic is practice material again.
    live.start(coming)
    live.cancel(coming)
    assert len(practice.choose_questions(carol, [topic], 30)) == 3
    review = client_for(carol).get(reverse("practice:review", args=[mock.pk])).content.decode()
    assert f"{SECRET_KEY_POINT}-1" in review


def test_a_whitespace_only_answer_unlocks_nothing(carol, topic):
    mock = start(carol, count=2)
    save_answer(item_at(mock, 0), text="  \n\t\u3000 ", base=0, client="t", seq=1)
    practice.move_on(mock)
    save_answer(item_at(mock, 1), text="调度器预选过滤节点", base=0, client="t", seq=1)
    practice.finish_early(mock)
    body = client_for(carol).get(reverse("practice:review", args=[mock.pk])).content.decode()
    assert f"{SECRET_ANSWER} 二" in body  # the answered one does show
    assert f"{SECRET_ANSWER} 一" not in body and f"{SECRET_KEY_POINT}-1" not in body
    assert "You left this question blank" in body


# --- A save racing the end of the mock (PostgreSQL: the row lock does nothing on SQLite) -----


def _in_thread(work):
    """Run ``work`` on its own database connection; returns (thread, results)."""
    import threading

    from django.db import connection

    results = []

    def run():
        try:
            results.append(work())
        except Exception as exc:  # reported by the test, not lost in the thread
            results.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, results


@pytest.fixture
def race(transactional_db):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: SQLite has no row locks, so the race cannot be set up; "
            "CI runs this with DATABASE_URL=postgres://..."
        )
    carol = make_user("carol2", "candidates")
    make_secret_topic()
    return start(carol, count=2)


def test_a_save_arriving_while_the_mock_ends_is_kept_late_not_lost(race):
    import time

    from django.db import transaction

    mock = race
    with transaction.atomic():
        Interview.objects.select_for_update().get(pk=mock.pk)  # the end has begun
        thread, results = _in_thread(
            lambda: save_answer(
                item_at(mock, 0), text="调度器预选过滤节点", base=0, client="t", seq=1
            )
        )
        time.sleep(0.5)  # the save now waits for the end
        assert thread.is_alive()
        practice.finish_early(mock)
    thread.join(10)
    assert results[0].status == "late"
    answer = Answer.objects.get(interview_question=item_at(mock, 0))
    assert (answer.text, answer.late_text) == ("", "调度器预选过滤节点")
    assert Interview.objects.get(pk=mock.pk).status == Interview.Status.COMPLETED


def test_a_mock_ending_while_a_save_is_written_scores_that_save(race):
    import time

    from django.db import transaction

    mock = race
    with transaction.atomic():
        Interview.objects.select_for_update().get(pk=mock.pk)  # a save has begun
        thread, results = _in_thread(
            lambda: practice.finish_early(Interview.objects.get(pk=mock.pk))
        )
        time.sleep(0.5)  # the end now waits for the save
        assert thread.is_alive()
        saved = save_answer(item_at(mock, 0), text="调度器预选过滤节点", base=0, client="t", seq=1)
        assert saved.status == "saved"
    thread.join(10)
    assert not isinstance(results[0], Exception)
    first = item_at(mock, 0)
    assert Answer.objects.get(interview_question=first).text == "调度器预选过滤节点"
    assert first.score is not None and first.score > 0


def test_each_dot_of_the_progress_chart_stands_at_its_score_against_the_grid(carol, topic):
    finish(carol)
    finish(carol, answer_text="完全不相关的内容")
    body = client_for(carol).get(reverse("practice:history")).content.decode()
    grid = {
        level: float(y)
        for y, level in re.findall(
            r'<line x1="16" x2="304" y1="([\d.]+)".*?>([\d.]+)</text>', body, re.S
        )
    }
    bottom, top = grid["0"], grid["5"]
    assert bottom > top  # 0 below, 5 above
    dots = re.findall(r'<circle cx="[\d.]+" cy="([\d.]+)".*?<title>[^<]*: ([\d.]+)</title>', body)
    assert len(dots) == 2 and any(float(score) >= 1 for _, score in dots)
    for cy, score in dots:  # the title's score is rounded to one decimal: 0.05 of 5 at most
        assert float(cy) == pytest.approx(bottom - float(score) / 5 * (bottom - top), abs=1.0)


def test_a_sentence_that_only_touches_a_key_point_is_not_marked_as_covering_it(carol, topic):
    mock = finish(carol, answer_text="节点很重要。")  # one word of 调度器预选过滤节点: not covered
    assert item_at(mock, 0).ticked == []
    body = client_for(carol).get(reverse("practice:review", args=[mock.pk])).content.decode()
    assert "节点很重要。" in body and "<mark>" not in body
    covering = finish(carol, answer_text="调度器会选一个节点。")
    body = client_for(carol).get(reverse("practice:review", args=[covering.pk])).content.decode()
    assert "<mark>调度器会选一个节点。</mark>" in body


def test_the_history_is_for_candidates_only(alice, client):
    url = reverse("practice:history")
    assert client_for(alice).get(url).status_code == 403  # an interviewer, no candidate
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]  # sign in first


def test_the_mock_lookup_answers_404_to_anonymous_even_without_the_sign_in_middleware(
    carol, topic, rf
):
    from django.contrib.auth.models import AnonymousUser
    from django.http import Http404

    from interviews.access import get_practice_for_user

    mock = start(carol)
    request = rf.get("/")
    request.user = AnonymousUser()  # a view made public one day: still nothing to see
    with pytest.raises(Http404):
        get_practice_for_user(request, mock.pk)


def test_a_finished_mock_or_a_live_interview_is_never_moved_on_and_costs_no_query(
    alice, carol, topic, django_assert_num_queries
):
    from tests.conftest import make_interview

    mock = finish(carol)
    interview = make_interview(alice, carol, start=True)
    Interview.objects.filter(pk=interview.pk).update(
        current_deadline=timezone.now() - timedelta(hours=1)
    )
    interview.refresh_from_db()
    with django_assert_num_queries(0):
        assert practice.advance_if_expired(mock) is mock
        assert practice.advance_if_expired(interview) is interview
