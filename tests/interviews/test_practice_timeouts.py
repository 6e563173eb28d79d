"""Practice: a question whose time ran out, and the questions due again."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews import practice
from interviews.answers import save_answer
from interviews.models import Answer, Interview, PracticeItem
from questionbank.models import Question
from tests.conftest import client_for, make_secret_topic, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic(db):
    return make_secret_topic()


def start(user, count=2, seconds=60):
    questions = list(Question.objects.filter(topic__slug="secrets").order_by("number")[:count])
    return practice.start_practice(user, questions, seconds_per_question=seconds, title="Mock")


def run_out(mock, *, on_time: str = "", typed: str = "调度器预选过滤节点"):
    """The first question's time runs out with ``typed`` still unsaved; it arrives late."""
    first = mock.questions.get(position=0)
    first.interview = mock
    if on_time:
        save_answer(first, text=on_time, base=0, client="t", seq=1)
    later = first.deadline + timedelta(seconds=30)
    practice.advance_if_expired(mock, now=later)
    first.refresh_from_db()
    first.interview = Interview.objects.get(pk=mock.pk)
    result = save_answer(
        first, text=on_time + typed, base=1 if on_time else 0, client="t", seq=2, now=later
    )
    assert result.status == "late"
    practice.finish_early(Interview.objects.get(pk=mock.pk))
    return first


def test_a_timed_out_question_shows_what_was_typed_not_no_answer(carol, topic):
    mock = start(carol)
    first = run_out(mock)
    assert practice.timed_out(first, Interview.objects.get(pk=mock.pk))
    body = client_for(carol).get(reverse("practice:review", args=[mock.pk])).content.decode()
    first_article = body.split('id="q-2"')[0]
    assert "timed out" in first_article and "调度器预选过滤节点" in first_article
    assert "The time ran out before this was saved" in first_article
    assert "No answer." not in first_article and "(no answer)" not in first_article


def test_a_timed_out_question_with_text_saved_in_time_keeps_it_as_the_answer(carol, topic):
    mock = start(carol)
    run_out(mock, on_time="调度器", typed="预选")
    body = client_for(carol).get(reverse("practice:review", args=[mock.pk])).content.decode()
    assert "timed out" in body and "Typed after the time was up" in body


def test_a_question_left_in_time_is_not_timed_out(carol, topic):
    mock = start(carol)
    first = mock.questions.get(position=0)
    first.interview = mock
    save_answer(first, text="调度器", base=0, client="t", seq=1)
    practice.move_on(mock)
    first.refresh_from_db()
    assert not practice.timed_out(first, Interview.objects.get(pk=mock.pk))


def test_history_counts_only_answers_saved_in_time(carol, topic):
    mock = start(carol)
    run_out(mock)
    assert Answer.objects.get(interview_question__position=0).late_text
    body = client_for(carol).get(reverse("practice:history")).content.decode()
    assert "0 of 2 answered" in body


def test_history_lists_the_questions_due_and_when(carol, topic):
    mock = start(carol)
    first = mock.questions.get(position=0)
    first.interview = mock
    save_answer(first, text="完全不相关的内容", base=0, client="t", seq=1)
    practice.move_on(mock)
    practice.finish_early(Interview.objects.get(pk=mock.pk))
    PracticeItem.objects.filter(question__number=1).update(
        due_at=timezone.now() - timedelta(hours=1)
    )
    PracticeItem.objects.filter(question__number=2).update(
        due_at=timezone.now() + timedelta(days=3)
    )
    body = client_for(carol).get(reverse("practice:history")).content.decode()
    section = body.split("Due for review")[1].split("Weakest key points")[0]
    assert "第一题是什么？" in section and "due now" in section
    due = timezone.localtime(PracticeItem.objects.get(question__number=2).due_at)
    assert "第二题是什么？" in section and due.strftime("%Y-%m-%d %H:%M") in section
    assert section.index("第一题") < section.index("第二题")  # the soonest first


def test_history_due_list_leaves_out_topics_closed_to_practice(carol, topic):
    mock = start(carol)
    practice.finish_early(mock)
    topic.practice_enabled = False
    topic.save(update_fields=["practice_enabled"])
    body = client_for(carol).get(reverse("practice:history")).content.decode()
    assert "第一题是什么？" not in body


@pytest.mark.cache
@pytest.mark.parametrize("size", [2, 25])
def test_history_runs_a_fixed_number_of_queries(carol, size, django_assert_num_queries):
    topic = make_topic(slug=f"h{size}", questions=size, key_points=2)
    questions = list(topic.questions.order_by("number"))
    mock = practice.start_practice(carol, questions, seconds_per_question=60, title="Mock")
    practice.finish_early(mock)
    client = client_for(carol)
    client.get(reverse("practice:history"))
    with django_assert_num_queries(9):
        response = client.get(reverse("practice:history"))
    assert response.status_code == 200 and "Due for review" in response.content.decode()
