"""The scorecard's pages before there is anything to report."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import client_for, make_interview

pytestmark = pytest.mark.django_db


def test_the_scorecard_of_an_interview_not_started_leads_to_its_edit_page(alice, carol):
    interview = make_interview(alice, carol)
    response = client_for(alice).get(reverse("interviews:report", args=[interview.pk]))
    assert response.url == reverse("interviews:edit", args=[interview.pk])


def test_there_is_no_share_preview_of_an_interview_not_started(alice, carol):
    interview = make_interview(alice, carol)
    url = reverse("interviews:share_preview", args=[interview.pk])
    assert client_for(alice).get(url, {"scores": "1"}).status_code == 404
