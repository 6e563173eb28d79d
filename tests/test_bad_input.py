"""Values no database column can hold are refused with a 400 before any view runs, and nothing
is written: NUL characters anywhere in a request, bodies in a charset they are not, counters
past the column's range. These run on PostgreSQL in CI, where each one used to be a 500."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from interviews.models import Answer
from tests.conftest import client_for, make_interview, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(alice, carol):
    return make_interview(alice, carol, start=True)


@pytest.mark.parametrize(
    "url",
    [
        "/bank/a%00b/",
        "/bank/a%00b/1/",
        "/interviews/shared/a%00b/",
        "/interviews/invite/a%00b/",
        "/bank/?q=%00",
    ],
)
def test_a_nul_in_the_path_or_query_is_a_400_for_everyone(url, alice):
    make_topic(slug="demo")
    for client in (client_for(alice), client_for(None)):
        response = client.get(url)
        assert response.status_code == 400
        assert "cannot be stored" in response.content.decode()


def test_a_nul_in_the_assembly_bank_search_is_a_400(alice):
    interview = make_interview(alice)
    url = reverse("interviews:bank", args=[interview.pk])
    assert client_for(alice).get(url, {"topic": "\x00"}).status_code == 400
    assert client_for(alice).get(url, {"topic": "secrets"}).status_code == 200


def test_an_autosave_with_a_nul_in_any_field_writes_nothing(running, carol):
    item = running.questions.get(position=0)
    url = reverse("interviews:answer", args=[running.pk])
    base = {"item": item.pk, "text": "kubelet", "base": 0, "seq": 1, "client": "tab-1"}
    for field in ("client", "text", "item"):
        data = {**base, field: f"{base[field]}\x00x"}
        assert client_for(carol).post(url, data).status_code == 400
    assert not Answer.objects.filter(interview_question=item).exclude(text="").exists()
    assert client_for(carol).post(url, base).status_code == 200  # the same save without one
    assert Answer.objects.get(interview_question=item).text == "kubelet"


def test_a_form_in_a_charset_it_is_not_is_a_400_not_a_500(running, alice):
    item = running.questions.get(position=0)
    url = reverse("interviews:notes", args=[running.pk, item.pk])
    response = client_for(alice).post(
        url,
        "notes=abc&revision=0",
        content_type="application/x-www-form-urlencoded; charset=utf-16",
    )
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.notes == "" and item.notes_revision == 0


@pytest.mark.parametrize("revision", ["2147483647", "2147483646000", "-1", "9" * 30])
def test_a_score_or_notes_revision_past_the_counter_is_refused(running, alice, revision):
    item = running.questions.get(position=0)
    score = reverse("interviews:score", args=[running.pk, item.pk])
    notes = reverse("interviews:notes", args=[running.pk, item.pk])
    assert client_for(alice).post(score, {"score": "4", "revision": revision}).status_code == 400
    assert client_for(alice).post(notes, {"notes": "x", "revision": revision}).status_code == 400
    item.refresh_from_db()
    assert item.score is None and item.score_revision == 0 and item.notes == ""
    # The largest revision a counter can still be bumped from is an ordinary conflict.
    response = client_for(alice).post(
        score, {"score": "4", "revision": "2147483646"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 409
    assert client_for(alice).post(score, {"score": "4", "revision": "0"}).status_code == 302
    item.refresh_from_db()
    assert item.score == Decimal("4")


@pytest.mark.parametrize(
    ("field", "value"), [("base", "2147483647"), ("seq", str(2**63)), ("item", str(2**64))]
)
def test_autosave_numbers_past_their_columns_are_refused(running, carol, field, value):
    item = running.questions.get(position=0)
    data = {"item": item.pk, "text": "t", "base": 0, "seq": 1, "client": "tab", field: value}
    response = client_for(carol).post(reverse("interviews:answer", args=[running.pk]), data)
    assert response.status_code in (400, 404)
    assert not Answer.objects.filter(interview_question=item).exclude(text="").exists()


@pytest.mark.parametrize("name", ["tick", "award", "add_question"])
def test_other_numbers_past_their_columns_are_refused(alice, name):
    interview = make_interview(alice, start=name != "add_question")
    item = interview.questions.get(position=0)
    if name == "tick":
        url, data = reverse("interviews:tick", args=[interview.pk, item.pk]), {"index": 2**40}
    elif name == "award":
        url, data = reverse("interviews:award", args=[interview.pk]), {"bonus_point": 2**70}
    else:
        url, data = reverse("interviews:add_question", args=[interview.pk]), {"question": 2**70}
    response = client_for(alice).post(url, data, headers={"HX-Request": "true"})
    assert response.status_code in (200, 400)
    if name == "add_question":
        assert "not in the bank" in response.content.decode()
        assert interview.questions.count() == 3


def test_a_body_over_the_servers_limit_is_a_413_the_page_can_name(running, carol):
    item = running.questions.get(position=0)
    data = {"item": item.pk, "text": "长" * 3_000_000, "base": 0, "seq": 1, "client": "tab"}
    response = client_for(carol).post(reverse("interviews:answer", args=[running.pk]), data)
    assert response.status_code == 413 and "too large" in response.content.decode()
    assert not Answer.objects.filter(interview_question=item).exclude(text="").exists()
