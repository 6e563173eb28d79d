"""One-time sign-up links for candidates invited by email."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from interviews import assembly
from interviews.models import Invitation
from tests.conftest import client_for, make_interview

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(alice):
    interview = make_interview(alice, None, start=True)
    return assembly.invite(interview, email="new@example.com", by=alice)


def test_signing_up_joins_the_interview_and_the_link_works_once(invitation):
    client = client_for(None)
    url = invitation.get_absolute_url()
    page = client.get(url).content.decode()
    assert "Create my account and join" in page and 'value="new"' in page
    response = client.post(
        url,
        {
            "username": "newbie",
            "first_name": "New",
            "password1": "a-Long-pass-2026",
            "password2": "a-Long-pass-2026",
        },
    )
    assert response["Location"] == reverse("interviews:take", args=[invitation.interview_id])
    user = User.objects.get(username="newbie")
    assert user.email == "new@example.com" and user.groups.filter(name="candidates").exists()
    invitation.refresh_from_db()
    assert invitation.accepted_by == user and invitation.interview.candidate == user
    assert "第一题是什么？" in client.get(response["Location"]).content.decode()
    assert client_for(None).get(url).status_code == 410


def test_sign_up_errors_are_shown(invitation):
    response = client_for(None).post(
        invitation.get_absolute_url(),
        {"username": "", "first_name": "", "password1": "1", "password2": "2"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and "This field is required." in body
    assert not User.objects.filter(email="new@example.com").exists()


def test_an_expired_link_says_so(invitation):
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    response = client_for(None).get(invitation.get_absolute_url())
    assert response.status_code == 410 and "This link no longer works" in response.content.decode()


def test_a_signed_in_candidate_joins_with_their_account(invitation, mallory):
    client = client_for(mallory)
    assert "Join as mallory" in client.get(invitation.get_absolute_url()).content.decode()
    client.post(invitation.get_absolute_url())
    invitation.interview.refresh_from_db()
    assert invitation.interview.candidate == mallory


def test_an_interviewer_cannot_join_as_a_candidate(invitation, bob):
    body = client_for(bob).get(invitation.get_absolute_url()).content.decode()
    assert "not a candidate's" in body
    client_for(bob).post(invitation.get_absolute_url())
    invitation.interview.refresh_from_db()
    assert invitation.interview.candidate is None


def test_unknown_tokens_are_404():
    assert client_for(None).get(reverse("interviews:invitation", args=["nope"])).status_code == 404


def test_a_link_stops_working_once_a_candidate_is_chosen(invitation, alice, mallory):
    draft = make_interview(alice, None)
    link = assembly.invite(draft, email="late@example.com", by=alice)
    client_for(alice).post(
        reverse("interviews:edit", args=[draft.pk]),
        {"title": draft.title, "candidate": mallory.pk, "minutes": "5"},
    )
    draft.refresh_from_db()
    assert draft.candidate == mallory and not Invitation.objects.filter(pk=link.pk).exists()
    # A link still around (a candidate set another way) no longer takes the seat either.
    invitation.interview.candidate = mallory
    invitation.interview.save()
    assert client_for(None).get(invitation.get_absolute_url()).status_code == 410


def test_a_link_to_a_cancelled_interview_says_so(invitation, alice, carol):
    from interviews import live

    live.cancel(invitation.interview)
    client = client_for(carol)
    assert client.get(invitation.get_absolute_url()).status_code == 410
    client.post(invitation.get_absolute_url())
    invitation.interview.refresh_from_db()
    assert invitation.interview.candidate is None
