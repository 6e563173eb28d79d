"""Inviting and joining a panel when the world moved meanwhile: an address already seated, an
interview that started or a seat taken between the page and the post."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from interviews import live, panel
from interviews.live import InvalidTransition
from interviews.models import PanelMember
from tests.conftest import client_for, make_interview

pytestmark = pytest.mark.django_db


def add(client, interview, email, **kwargs):
    return client.post(
        reverse("interviews:add_member", args=[interview.pk]), {"email": email}, **kwargs
    )


def test_inviting_a_co_interviewer_who_joined_already_says_so_and_mails_nothing(alice, bob, carol):
    interview = make_interview(alice, carol)
    seat = panel.add_member(interview, email="bob@example.com", by=alice)
    panel.join(seat, bob)
    body = add(client_for(alice), interview, "bob@example.com", follow=True).content.decode()
    assert "bob@example.com is on the panel already." in body
    assert not mail.outbox
    assert interview.panel.filter(role=PanelMember.Role.MEMBER).count() == 1


def test_an_invitation_sent_as_the_interview_starts_is_refused_with_the_reason(
    alice, carol, monkeypatch
):
    interview = make_interview(alice, carol)

    def started_meanwhile(*args, **kwargs):
        live.start(interview)
        raise InvalidTransition("co-interviewers are added before the interview starts")

    monkeypatch.setattr(panel, "add_member", started_meanwhile)
    response = add(client_for(alice), interview, "dan@example.com", follow=True)
    assert response.redirect_chain[0][0] == reverse("interviews:detail", args=[interview.pk])
    assert "co-interviewers are added before the interview starts" in response.content.decode()
    assert not mail.outbox


def test_a_seat_taken_between_the_page_and_the_post_is_gone_with_the_reason(alice, bob, dan, carol):
    interview = make_interview(alice, carol)
    seat = panel.add_member(interview, email="x@example.com", by=alice)
    link = seat.get_invitation_url()
    real_join = panel.join

    def dan_first(member, user):
        real_join(PanelMember.objects.get(pk=member.pk), dan)
        return real_join(member, user)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(panel, "join", dan_first)
        response = client_for(bob).post(link)
    assert response.status_code == 410
    assert PanelMember.objects.get(pk=seat.pk).user == dan
