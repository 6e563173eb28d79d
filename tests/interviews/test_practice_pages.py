"""The practice pages as a candidate reads them: what each topic offers and what is due."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews.models import PracticeItem
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
