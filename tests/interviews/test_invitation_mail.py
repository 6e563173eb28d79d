"""Invitations by mail, with the calendar event; one account per invitation link."""

from __future__ import annotations

import smtplib
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.db import IntegrityError, connection
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from accounts import zones
from interviews import assembly
from interviews.live import InvalidTransition
from interviews.models import Interview, Invitation
from tests.conftest import client_for, make_interview, make_user

pytestmark = pytest.mark.django_db

AT = "2099-03-01T15:30"  # in alice's zone, UTC below
AT_UTC = datetime(2099, 3, 1, 15, 30, tzinfo=UTC)


def event_of(message):
    (attachment,) = message.attachments
    name, content, mimetype = attachment
    assert name == "interview.ics" and mimetype.startswith("text/calendar")
    calendar = Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def invite_by_mail(alice, **data):
    zones.choose(alice, "UTC")
    client = client_for(alice)
    interview = make_interview(alice, None)
    response = client.post(
        reverse("interviews:edit", args=[interview.pk]),
        {"title": "Loop", "minutes": 5, "candidate_email": "new@example.com", **data},
        follow=True,
    )
    return client, interview, response


def test_inviting_by_email_mails_the_link(alice):
    _, interview, response = invite_by_mail(alice)
    (message,) = mail.outbox
    invitation = Invitation.objects.get(interview=interview)
    assert message.to == ["new@example.com"] and "Loop" in message.subject
    assert f"http://testserver{invitation.get_absolute_url()}" in message.body
    assert message.attachments == []  # no time yet: no calendar event
    assert "The invitation was mailed to new@example.com." in response.content.decode()
    assert invitation.sent_at is not None


def test_a_scheduled_invitation_carries_the_event_updated_and_cancelled(alice):
    client, interview, _ = invite_by_mail(alice, scheduled_at=AT)
    calendar, event = event_of(mail.outbox[0])
    assert calendar["METHOD"] == "REQUEST" and event.decoded("DTSTART") == AT_UTC
    assert "2099-03-01 15:30 (UTC)" in mail.outbox[0].body
    uid = str(event["UID"])
    client.post(reverse("interviews:schedule", args=[interview.pk]))
    assert len(mail.outbox) == 1  # the candidate has the event already

    client.post(
        reverse("interviews:edit", args=[interview.pk]),
        {"title": "Loop", "minutes": 5, "scheduled_at": "2099-03-02T09:00"},
    )
    assert len(mail.outbox) == 2
    calendar, event = event_of(mail.outbox[1])
    assert str(event["UID"]) == uid and event["SEQUENCE"] == 1
    assert event.decoded("DTSTART") == datetime(2099, 3, 2, 9, 0, tzinfo=UTC)
    assert mail.outbox[1].to == ["new@example.com"] and "New time" in mail.outbox[1].subject

    client.post(
        reverse("interviews:edit", args=[interview.pk]),
        {"title": "Renamed", "minutes": 5, "scheduled_at": "2099-03-02T09:00"},
    )
    assert len(mail.outbox) == 2  # the time did not change: no mail

    client.post(reverse("interviews:cancel", args=[interview.pk]))
    calendar, event = event_of(mail.outbox[2])
    assert calendar["METHOD"] == "CANCEL" and event["STATUS"] == "CANCELLED"
    assert str(event["UID"]) == uid and event["SEQUENCE"] == 2


def test_choosing_an_account_instead_takes_the_event_back_from_the_invitee(alice):
    carol = make_user("carol", "candidates", email="carol@example.com")
    client, interview, _ = invite_by_mail(alice, scheduled_at=AT)
    client.post(
        reverse("interviews:edit", args=[interview.pk]),
        {"title": "Loop", "minutes": 5, "candidate": carol.pk, "scheduled_at": AT},
    )
    calendar, _ = event_of(mail.outbox[1])
    assert mail.outbox[1].to == ["new@example.com"] and calendar["METHOD"] == "CANCEL"
    client.post(reverse("interviews:schedule", args=[interview.pk]))
    assert mail.outbox[2].to == ["carol@example.com"]
    assert Calendar.from_ical(mail.outbox[2].attachments[0][1])["METHOD"] == "REQUEST"


def test_scheduling_a_candidate_with_an_account_mails_the_event(alice):
    carol = make_user("carol", "candidates", email="carol@example.com")
    zones.choose(carol, "Asia/Tokyo")
    interview = make_interview(alice, carol)
    Interview.objects.filter(pk=interview.pk).update(scheduled_at=AT_UTC)
    client_for(alice).post(reverse("interviews:schedule", args=[interview.pk]))
    (message,) = mail.outbox
    assert message.to == ["carol@example.com"]
    assert "2099-03-02 00:30 (Asia/Tokyo)" in message.body  # in the candidate's own zone
    assert reverse("interviews:take", args=[interview.pk]) in message.body
    _, event = event_of(message)
    assert event.decoded("DTSTART") == AT_UTC


def test_a_mail_that_cannot_be_sent_is_reported_not_an_error(alice, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("relay down")

    monkeypatch.setattr("interviews.mail.EmailMessage.send", refuse)
    _, interview, response = invite_by_mail(alice)
    assert response.status_code == 200
    assert "could not be sent. Pass the link on by hand." in response.content.decode()
    invitation = Invitation.objects.get(interview=interview)
    assert invitation.sent_at is None
    assert invitation.get_absolute_url() in response.content.decode()  # still on the page


# --- Mailing it again: the view ----------------------------------------------------------------


def test_send_invitation_again(alice):
    _, interview, _ = invite_by_mail(alice)
    response = client_for(alice).post(
        reverse("interviews:send_invitation", args=[interview.pk]), follow=True
    )
    assert response.status_code == 200 and len(mail.outbox) == 2
    assert "Mail it again" in response.content.decode()


def test_send_invitation_wrong_method_outsider_anonymous(alice, bob, carol):
    _, interview, _ = invite_by_mail(alice)
    url = reverse("interviews:send_invitation", args=[interview.pk])
    assert client_for(alice).get(url).status_code == 405
    assert client_for(bob).post(url).status_code == 404
    assert client_for(carol).post(url).status_code == 403
    response = client_for(None).post(url)
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert len(mail.outbox) == 1


def test_send_invitation_without_one_waiting_says_so(alice, carol):
    interview = make_interview(alice, carol)
    response = client_for(alice).post(
        reverse("interviews:send_invitation", args=[interview.pk]), follow=True
    )
    assert "There is no invitation waiting to be used." in response.content.decode()
    assert mail.outbox == []


# --- One account per link ----------------------------------------------------------------------

SIGN_UP = {"first_name": "New", "password1": "a-Long-pass-2026", "password2": "a-Long-pass-2026"}


@pytest.fixture
def invitation(alice):
    interview = make_interview(alice, None)
    return assembly.invite(interview, email="new@example.com", by=alice)


def test_a_second_sign_up_on_a_used_link_creates_no_account(invitation):
    """SQLite-safe: the second request comes after the first committed (the form was loaded
    by both before either posted)."""
    url = invitation.get_absolute_url()
    first, second = client_for(None), client_for(None)
    first.get(url)
    second.get(url)
    assert first.post(url, {"username": "one", **SIGN_UP}).status_code == 302
    assert second.post(url, {"username": "two", **SIGN_UP}).status_code == 410
    assert list(
        User.objects.filter(email="new@example.com").values_list("username", flat=True)
    ) == ["one"]


def test_a_claim_whose_account_fails_leaves_the_link_unused(invitation):
    def taken():
        raise IntegrityError("username taken meanwhile")

    with pytest.raises(IntegrityError):
        assembly.claim_invitation(invitation, taken)
    invitation.refresh_from_db()
    assert invitation.accepted_at is None and invitation.is_usable


def test_a_claim_on_a_used_link_never_calls_make_user(invitation, carol):
    assembly.accept_invitation(invitation, carol)
    called = []
    with pytest.raises(InvalidTransition):
        assembly.claim_invitation(invitation, lambda: called.append(1))
    assert called == []


def test_an_expired_link_cannot_be_claimed(invitation, carol):
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    with pytest.raises(InvalidTransition):
        assembly.accept_invitation(invitation, carol)


@pytest.fixture
def pg_invitation(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: SQLite has no row locks, so the race cannot be set up; "
            "CI runs this with DATABASE_URL=postgres://..."
        )
    alice = make_user("alice2", "interviewers")
    interview = make_interview(alice, None)
    return assembly.invite(interview, email="race@example.com", by=alice)


def test_two_sign_ups_racing_on_one_link_yield_one_account(pg_invitation):
    """The first sign-up holds its claim (uncommitted) while the second runs: the second waits
    on the row, then finds it used and creates nothing."""
    from django.db import transaction

    from interviews.views.invite import _new_candidate

    class Form:  # what _new_candidate needs of a valid SignUpForm
        def __init__(self, username):
            self.username = username

        def save(self, commit=False):
            return User(username=self.username)

    results = []

    def second():
        try:
            results.append(
                assembly.claim_invitation(
                    pg_invitation, lambda: _new_candidate(Form("b"), pg_invitation)
                )
            )
        except Exception as exc:
            results.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=second)
    with transaction.atomic():
        assembly.claim_invitation(pg_invitation, lambda: _new_candidate(Form("a"), pg_invitation))
        thread.start()
        time.sleep(0.5)
        assert thread.is_alive()  # waiting for the first claim to commit
    thread.join(10)
    assert isinstance(results[0], InvalidTransition)
    assert list(
        User.objects.filter(email="race@example.com").values_list("username", flat=True)
    ) == ["a"]
    pg_invitation.refresh_from_db()
    assert pg_invitation.accepted_by.username == "a"
