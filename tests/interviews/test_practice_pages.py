"""The practice pages as a candidate reads them: what each topic offers and what is due."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews import practice
from interviews.models import Interview, PracticeItem
from interviews.views.practice import highlight
from questionbank.models import Question
from tests.conftest import client_for, make_secret_topic, make_topic

pytestmark = pytest.mark.django_db


def topic_line(body: str, title: str) -> str:
    """The text of the start form's row for the topic titled TITLE."""
    row = re.search(
        rf"<span>{re.escape(title)}</span>\s*<span[^>]*>(.*?)</span>\s*</label>", body, re.S
    )
    assert row, f"no row for {title}"
    return re.sub(r"<[^>]+>", "", row.group(1))


def test_only_a_topic_with_due_questions_says_how_many_are_due(carol):
    secrets = make_secret_topic()
    make_topic(slug="calm", title="平静主题")
    first = secrets.questions.order_by("number").first()
    PracticeItem.objects.create(
        user=carol, question=first, due_at=timezone.now() - timedelta(hours=1), last_score=1
    )
    body = client_for(carol).get(reverse("practice:index")).content.decode()
    assert "1 due" in topic_line(body, "机密主题")
    assert "due" not in topic_line(body, "平静主题")
    assert "Practise my weak questions (1 due)" in body


def test_a_topic_without_standard_answers_starts_no_mock_and_says_why(carol):
    topic = make_secret_topic()
    Question.objects.filter(topic=topic).update(answer_md="")
    data = {"topics": [topic.pk], "count": 2, "timing": "per_question", "minutes": "5"}
    response = client_for(carol).post(reverse("practice:index"), data)
    assert response.status_code == 200
    assert "These topics have no questions with answers yet." in response.content.decode()
    assert not Interview.objects.exists()


def _mock(carol, count=2):
    topic = make_secret_topic()
    questions = list(topic.questions.order_by("number")[:count])
    return practice.start_practice(
        carol, questions, seconds_per_question=60, total_seconds=None, title="mock"
    )


def test_next_on_the_last_question_ends_the_mock_and_opens_its_review(carol):
    mock = _mock(carol, count=1)
    item = mock.questions.get(position=0)
    response = client_for(carol).post(reverse("practice:next", args=[mock.pk]), {"item": item.pk})
    assert response["Location"] == reverse("practice:review", args=[mock.pk])
    mock.refresh_from_db()
    assert mock.is_finished


def test_next_from_an_old_form_without_the_item_moves_on_from_where_the_mock_is(carol):
    mock = _mock(carol)
    response = client_for(carol).post(reverse("practice:next", args=[mock.pk]))
    assert response["Location"] == reverse("practice:take", args=[mock.pk])
    mock.refresh_from_db()
    assert mock.position == 1 and not mock.is_finished


def test_evidence_spans_that_overlap_or_touch_are_one_mark():
    text = "abcdefghij"
    assert highlight(text, [(0, 3), (2, 5)]) == "<mark>abcde</mark>fghij"
    assert highlight(text, [(0, 3), (3, 5)]) == "<mark>abcde</mark>fghij"
    assert highlight(text, [(6, 8), (0, 2)]) == "<mark>ab</mark>cdef<mark>gh</mark>ij"
    assert highlight(text, [(0, 6), (1, 2)]) == "<mark>abcdef</mark>ghij"  # inside: no shrink
    assert highlight(text, [(0, 2), (4, 6), (5, 8)]) == "<mark>ab</mark>cd<mark>efgh</mark>ij"
    assert highlight(text, [(0, 2), (4, 9), (5, 6)]) == "<mark>ab</mark>cd<mark>efghi</mark>j"
    assert highlight("<b>", [(0, 1), ()]) == "<mark>&lt;</mark>b&gt;"


def test_the_page_of_a_mock_that_ended_elsewhere_goes_to_its_review_at_the_next_poll(carol):
    mock = _mock(carol)
    client = client_for(carol)
    url = reverse("interviews:state", args=[mock.pk])
    mock.refresh_from_db()
    params = {"cv": mock.candidate_version, "item": mock.questions.get(position=0).pk}
    assert client.get(url, params).status_code == 204
    practice.finish_early(mock)  # from another tab
    response = client.get(url, params)
    assert response.headers["HX-Redirect"] == reverse("practice:review", args=[mock.pk])
