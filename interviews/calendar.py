"""The calendar event mailed with an invitation (RFC 5545 via the icalendar library). Pure: it
takes plain values and returns the .ics bytes; interviews.mail decides when to send which.

A calendar matches updates to the event it holds by UID; a higher SEQUENCE replaces it, and
METHOD:CANCEL with STATUS:CANCELLED removes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event, vCalAddress, vText

PRODID = "-//mockinterview//interviews//EN"


@dataclass(frozen=True)
class InterviewEvent:
    uid: str
    sequence: int
    start: datetime  # aware
    duration: timedelta
    summary: str
    description: str
    url: str
    organizer_email: str
    organizer_name: str
    attendee_email: str


def build_ics(event: InterviewEvent, *, cancel: bool = False, now: datetime | None = None) -> bytes:
    """One VEVENT in a VCALENDAR: METHOD:REQUEST (new or updated), or METHOD:CANCEL."""
    if event.start.tzinfo is None:
        raise ValueError("the start must be an aware datetime")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancel else "REQUEST")
    vevent = Event()
    vevent.add("uid", event.uid)
    vevent.add("sequence", event.sequence)
    vevent.add("dtstamp", (now or datetime.now(UTC)).astimezone(UTC))
    start = event.start.astimezone(UTC)
    vevent.add("dtstart", start)
    vevent.add("dtend", start + event.duration)
    vevent.add("summary", event.summary)
    vevent.add("description", event.description)
    if event.url:
        vevent.add("url", event.url)
    vevent.add("status", "CANCELLED" if cancel else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{event.organizer_email}")
    organizer.params["cn"] = vText(event.organizer_name)
    vevent["organizer"] = organizer
    attendee = vCalAddress(f"mailto:{event.attendee_email}")
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["rsvp"] = vText("FALSE")
    vevent.add("attendee", attendee, encode=0)
    calendar.add_component(vevent)
    return calendar.to_ical()
