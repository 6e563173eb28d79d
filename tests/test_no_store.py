"""Pages carrying standard answers, notes or scores tell browsers and proxies not to keep them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from interviews import practice
from questionbank.models import Question
from tests.conftest import client_for, make_interview
from tests.interviews.test_reports import finished  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def assert_no_store(response, status=200):
    assert response.status_code == status, response.status_code
    assert "no-store" in response["Cache-Control"]


def test_interviewer_pages_and_reports_are_not_kept(finished, alice, carol):  # noqa: F811
    client = client_for(alice)
    running = make_interview(alice, carol, start=True, title="Running")
    assert_no_store(client.get(reverse("interviews:live", args=[running.pk])))
    assert_no_store(client.get(reverse("interviews:state", args=[running.pk]), {"v": 0}))
    assert_no_store(client.get(reverse("interviews:report", args=[finished.pk])))
    assert_no_store(client.get(reverse("interviews:report_csv", args=[finished.pk])))
    assert_no_store(client.get(reverse("interviews:report", args=[finished.pk]), {"print": "1"}))
    preview = reverse("interviews:share_preview", args=[finished.pk])
    assert_no_store(client.get(preview, {"parts": ["standard_answers"]}))
    client.post(reverse("interviews:share", args=[finished.pk]), {"parts": ["standard_answers"]})
    finished.refresh_from_db()
    token = finished.share_token
    assert_no_store(client_for(None).get(reverse("interviews:shared", args=[token])))
    client.post(reverse("interviews:unshare", args=[finished.pk]))
    assert_no_store(client_for(None).get(reverse("interviews:shared", args=[token])), status=410)


def test_bank_pages_and_practice_reviews_are_not_kept(alice, carol):
    make_interview(alice)  # brings the "secrets" topic
    client = client_for(alice)
    assert_no_store(client.get(reverse("questionbank:index"), {"q": "第一题"}))
    assert_no_store(client.get(reverse("questionbank:topic", args=["secrets"])))
    assert_no_store(client.get(reverse("questionbank:question", args=["secrets", 1])))
    mock = practice.start_practice(
        carol,
        list(Question.objects.filter(topic__slug="secrets")),
        seconds_per_question=60,
        title="M",
    )
    practice.finish_early(mock)
    assert_no_store(client_for(carol).get(reverse("practice:review", args=[mock.pk])))
