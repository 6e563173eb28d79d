"""The .ics builder (pure): what a calendar needs to add, update and remove the event."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from icalendar import Calendar

from interviews.calendar import InterviewEvent, build_ics

EVENT = InterviewEvent(
    uid="interview-7-1700000000@mockinterview",
    sequence=0,
    start=datetime(2026, 12, 6, 15, 30, tzinfo=timezone(timedelta(hours=8))),
    duration=timedelta(minutes=45),
    summary="Kubernetes 一面, 第二轮; “quoted”",
    description="Your interview page: https://example.com/interviews/invite/abc/",
    url="https://example.com/interviews/invite/abc/",
    organizer_email="alice@example.com",
    organizer_name="Alice",
    attendee_email="new@example.com",
)


def parsed(ics: bytes):
    calendar = Calendar.from_ical(ics)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def test_an_invitation_is_a_request_in_utc_with_uid_and_sequence():
    now = datetime(2026, 12, 5, 7, 0, tzinfo=UTC)
    calendar, event = parsed(build_ics(EVENT, now=now))
    assert calendar["METHOD"] == "REQUEST" and calendar["VERSION"] == "2.0"
    assert event["UID"] == EVENT.uid and event["SEQUENCE"] == 0
    assert event.decoded("DTSTART") == datetime(2026, 12, 6, 7, 30, tzinfo=UTC)
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=45)
    assert str(event["SUMMARY"]) == EVENT.summary  # commas, semicolons, CJK survive escaping
    assert str(event["ATTENDEE"]) == "mailto:new@example.com"
    assert str(event["ORGANIZER"]) == "mailto:alice@example.com"
    assert event["STATUS"] == "CONFIRMED"
    assert b"DTSTART:20261206T073000Z" in build_ics(EVENT, now=now)


def test_an_update_keeps_the_uid_and_raises_the_sequence():
    moved = InterviewEvent(
        **{**EVENT.__dict__, "sequence": 1, "start": EVENT.start + timedelta(days=1)}
    )
    _, event = parsed(build_ics(moved))
    assert event["UID"] == EVENT.uid and event["SEQUENCE"] == 1


def test_a_cancellation_is_method_cancel_status_cancelled():
    calendar, event = parsed(
        build_ics(InterviewEvent(**{**EVENT.__dict__, "sequence": 2}), cancel=True)
    )
    assert calendar["METHOD"] == "CANCEL" and event["STATUS"] == "CANCELLED"
    assert event["UID"] == EVENT.uid and event["SEQUENCE"] == 2


def test_lines_are_folded_at_75_octets():
    long = InterviewEvent(**{**EVENT.__dict__, "description": "调度" * 200})
    assert all(len(line) <= 75 for line in build_ics(long).split(b"\r\n"))


def test_a_naive_start_is_refused():
    with pytest.raises(ValueError):
        build_ics(InterviewEvent(**{**EVENT.__dict__, "start": datetime(2026, 12, 6, 15, 30)}))
