"""A co-interviewer's calendar follows the interview: a first event when it gets a time, the same
event (UID) with a higher SEQUENCE when the time moves, a cancellation when it is cancelled or
the seat is taken away; mails say so in the seat's zone and point where the seat can go."""

from __future__ import annotations

import smtplib
from datetime import UTC, datetime

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from accounts import zones
from interviews import panel
from interviews.models import PanelMember
from tests.conftest import client_for, make_interview

pytestmark = pytest.mark.django_db

AT, AT_UTC = "2099-03-01T15:30", datetime(2099, 3, 1, 15, 30, tzinfo=UTC)
LATER, LATER_UTC = "2099-03-02T09:00", datetime(2099, 3, 2, 9, 0, tzinfo=UTC)


def event_of(message):
    ((name, content, mimetype),) = message.attachments
    assert name == "interview.ics" and mimetype.startswith("text/calendar")
    calendar = Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def edit(client, interview, **data):
    return client.post(
        reverse("interviews:edit", args=[interview.pk]),
        {"title": interview.title, "candidate": interview.candidate_id, "minutes": 5, **data},
        follow=True,
    )


def to(address):
    return [message for message in mail.outbox if message.to == [address]]


@pytest.fixture
def lead(alice):
    zones.choose(alice, "UTC")
    return client_for(alice)


def test_a_new_time_updates_the_event_the_seat_holds(alice, carol, lead):
    interview = make_interview(alice, carol)
    edit(lead, interview, scheduled_at=AT)
    lead.post(reverse("interviews:add_member", args=[interview.pk]), {"email": "dan@example.com"})
    _, first = event_of(to("dan@example.com")[0])
    assert first["SEQUENCE"] == 0 and first.decoded("DTSTART") == AT_UTC

    response = edit(lead, interview, scheduled_at=LATER)
    _, moved = to("dan@example.com")
    calendar, event = event_of(moved)
    assert calendar["METHOD"] == "REQUEST" and "New time" in moved.subject
    assert str(event["UID"]) == str(first["UID"]) and event["SEQUENCE"] == 1
    assert event.decoded("DTSTART") == LATER_UTC
    assert "2099-03-02 09:00 (UTC)" in moved.body
    seat = interview.panel.get(email="dan@example.com")
    assert f"http://testserver{seat.get_invitation_url()}" in moved.body  # not joined yet
    assert "The co-interviewers were mailed the new time." in response.content.decode()

    edit(lead, interview, scheduled_at=LATER)  # the same time: nothing to tell
    assert len(to("dan@example.com")) == 2


def test_a_seat_invited_before_there_was_a_time_gets_its_first_event_with_it(alice, carol, lead):
    interview = make_interview(alice, carol)
    lead.post(reverse("interviews:add_member", args=[interview.pk]), {"email": "dan@example.com"})
    assert to("dan@example.com")[0].attachments == []  # no time: no event

    edit(lead, interview, scheduled_at=AT)
    _, first = to("dan@example.com")
    calendar, event = event_of(first)
    assert calendar["METHOD"] == "REQUEST" and event["SEQUENCE"] == 0
    assert event.decoded("DTSTART") == AT_UTC and "Panel:" in first.subject
    assert interview.panel.get(email="dan@example.com").calendar_sequence == 0

    lead.post(reverse("interviews:schedule", args=[interview.pk]))
    interview.refresh_from_db()
    assert interview.status == interview.Status.SCHEDULED
    assert len(to("dan@example.com")) == 2  # scheduling the same time sends no second event


def test_scheduling_sends_the_event_to_a_joined_seat_in_their_zone_linking_the_interview(
    alice, bob, carol, lead
):
    zones.choose(bob, "Asia/Shanghai")
    interview = make_interview(alice, carol)
    seat = panel.add_member(interview, email="bob@example.com", by=alice)
    panel.join(seat, bob)
    interview.scheduled_at = AT_UTC
    interview.save()

    response = lead.post(reverse("interviews:schedule", args=[interview.pk]), follow=True)
    (message,) = to("bob@example.com")
    _, event = event_of(message)
    assert event.decoded("DTSTART") == AT_UTC
    assert "2099-03-01 23:30 (Asia/Shanghai)" in message.body
    detail = reverse("interviews:detail", args=[interview.pk])
    assert f"http://testserver{detail}" in message.body
    assert seat.get_invitation_url() not in message.body  # the used link is no use to them
    body = response.content.decode()
    assert "The co-interviewers were mailed a calendar event for it." in body


def test_cancelling_takes_the_event_back_from_seats_that_hold_one(alice, carol, lead):
    interview = make_interview(alice, carol)
    edit(lead, interview, scheduled_at=AT)
    for email in ("dan@example.com", "erin@example.com"):
        lead.post(reverse("interviews:add_member", args=[interview.pk]), {"email": email})
    PanelMember.objects.filter(email="erin@example.com").update(calendar_sequence=None)
    mail.outbox.clear()

    response = lead.post(reverse("interviews:cancel", args=[interview.pk]), follow=True)
    (message,) = mail.outbox  # erin holds no event: nothing to take back
    calendar, event = event_of(message)
    assert message.to == ["dan@example.com"] and "Cancelled" in message.subject
    assert calendar["METHOD"] == "CANCEL" and event["SEQUENCE"] == 1
    assert "The co-interviewers were mailed the cancellation." in response.content.decode()


def test_a_seat_taken_away_is_told_and_its_event_cancelled(alice, carol, lead):
    interview = make_interview(alice, carol)
    edit(lead, interview, scheduled_at=AT)
    lead.post(reverse("interviews:add_member", args=[interview.pk]), {"email": "dan@example.com"})
    lead.post(reverse("interviews:add_member", args=[interview.pk]), {"email": "erin@example.com"})
    seat = interview.panel.get(email="dan@example.com")
    _, invited = event_of(to("dan@example.com")[0])

    lead.post(reverse("interviews:remove_member", args=[interview.pk, seat.pk]))
    _, removed = to("dan@example.com")
    calendar, event = event_of(removed)
    assert "Off the panel" in removed.subject and "took you off the panel" in removed.body
    assert calendar["METHOD"] == "CANCEL"
    assert str(event["UID"]) == str(invited["UID"]) and event["SEQUENCE"] == 1
    assert len(to("erin@example.com")) == 1  # the others are not told


def test_a_mail_that_cannot_be_sent_is_reported_and_the_time_still_saved(
    alice, carol, lead, monkeypatch
):
    interview = make_interview(alice, carol)
    edit(lead, interview, scheduled_at=AT)
    lead.post(reverse("interviews:add_member", args=[interview.pk]), {"email": "dan@example.com"})

    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPException("down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    response = edit(lead, interview, scheduled_at=LATER)
    body = response.content.decode()
    assert "1 mail to a co-interviewer could not be sent." in body
    interview.refresh_from_db()
    assert interview.scheduled_at == LATER_UTC
    assert interview.panel.get(email="dan@example.com").calendar_sequence == 0  # still held


def test_the_mails_read_in_chinese(alice, carol, lead):
    """Invited in Chinese from the lead's English pages: the seat's later mails stay Chinese."""
    interview = make_interview(alice, carol, title="K8s 面试")
    edit(lead, interview, scheduled_at=AT)
    lead.post(
        reverse("interviews:add_member", args=[interview.pk]),
        {"email": "dan@example.com", "language": "zh-hans"},
    )
    edit(lead, interview, scheduled_at=LATER)
    lead.post(reverse("interviews:cancel", args=[interview.pk]))
    _, moved, cancelled = to("dan@example.com")
    assert moved.subject == "时间已更改：K8s 面试" and "改到了新的时间" in moved.body
    assert "用此链接加入面试官小组" in moved.body
    assert "取消了面试“K8s 面试”" in cancelled.body and "从你的日历中移除" in cancelled.body
