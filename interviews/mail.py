"""Mails to the candidate: the invitation (with its sign-up link), and the calendar event of a
scheduled interview (interviews.calendar), updated when its time changes or it is cancelled.
Mails to a co-interviewer: the invitation to join the panel (``send_panel_invitation``), with the
event when the interview has a time, then that event kept with the interview (a first event when
it gets a time, a new time, a cancellation, the seat taken away).

Each mail is written in its recipient's language (``accounts.languages``): a registered user's
own; for an address without an account (a candidate's invitation, a seat nobody joined yet) the
language chosen on the form that sent it, kept with the invitation or seat for its later mails.

Sent through Django's mail framework (the console without EMAIL_HOST in DEBUG, SMTP otherwise);
a mail that cannot be sent is reported to the interviewer, never an error page: the link is on
the page to pass on by hand.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import replace
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F, Sum
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.languages import current, supported, zone_and_language_of
from interviews.calendar import InterviewEvent, build_ics
from interviews.models import Interview, Invitation, PanelMember

log = logging.getLogger(__name__)

INVITE, SCHEDULED, UPDATE, CANCEL = "invite", "scheduled", "update", "cancel"
REMOVED = "removed"  # a co-interviewer taken off the panel


def _duration(interview: Interview) -> timedelta:
    total = interview.questions.aggregate(total=Sum("time_limit"))["total"] or 0
    return timedelta(seconds=max(30 * 60, total))


def _event(interview: Interview, *, to: str, url: str) -> InterviewEvent:
    owner = interview.owner
    return InterviewEvent(
        uid=f"interview-{interview.pk}-{int(interview.created_at.timestamp())}@mockinterview",
        sequence=interview.calendar_sequence,
        start=interview.scheduled_at,
        duration=_duration(interview),
        summary=interview.title,
        description=_("Your interview page: %(url)s") % {"url": url},
        url=url,
        organizer_email=owner.email or settings.DEFAULT_FROM_EMAIL,
        organizer_name=owner.get_full_name() or owner.get_username(),
        attendee_email=to,
    )


def _send(interview: Interview, *, kind: str, to: str, url: str, zone: str, language: str) -> bool:
    """Render and send one mail, with the .ics when the interview has a time."""
    with timezone.override(zone), translation.override(language):
        context = {"interview": interview, "kind": kind, "url": url, "zone": zone}
        subject = render_to_string("interviews/mail/subject.txt", context).strip()
        body = render_to_string("interviews/mail/body.txt", context)
        message = EmailMessage(subject, body, to=[to])
        if interview.scheduled_at is not None:
            ics = build_ics(_event(interview, to=to, url=url), cancel=kind == CANCEL)
            method = "CANCEL" if kind == CANCEL else "REQUEST"
            message.attach("interview.ics", ics, f"text/calendar; charset=utf-8; method={method}")
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        log.warning("could not mail interview %s to the candidate", interview.pk, exc_info=True)
        return False
    return True


def _recipient(interview: Interview) -> tuple[str, str, str]:
    """Where the candidate's mails go, the zone they read times in and their language: the
    pending invitation's address, else the candidate account's (``""`` when it has none)."""
    invitation = interview.invitations.filter(accepted_at=None).order_by("-created_at").first()
    if invitation is not None:
        return invitation.email, *_reader(None, invitation)
    candidate = interview.candidate
    if candidate is not None and candidate.email:
        return candidate.email, *_reader(candidate, None)
    return "", "", ""


def _reader(user, invited: Invitation | PanelMember | None) -> tuple[str, str]:
    """The zone and language a mail is written in: a registered user's own (one query); for an
    address without an account, the sender's zone and the language chosen for the invitation
    or seat (``invited``; none found: the sender's)."""
    if user is not None:
        return zone_and_language_of(user)
    zone = timezone.get_current_timezone_name()
    return zone, current() if invited is None else _language(invited)


def _language(invited: Invitation | PanelMember) -> str:
    """An invitation's or unjoined seat's language: as chosen when it was sent (from before
    that was kept: the sender's, as then)."""
    return supported(invited.language) or current()


def send_invitation(invitation: Invitation, *, link: str) -> bool:
    """The sign-up link, and the event if the interview has a time. In the interviewer's zone:
    the candidate has no account, so no zone of their own yet (the .ics carries the instant)."""
    interview = invitation.interview
    zone, language = _reader(None, invitation)
    sent = _send(
        interview, kind=INVITE, to=invitation.email, url=link, zone=zone, language=language
    )
    if sent:
        Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
        if interview.scheduled_at is not None:
            _sent_calendar(interview, invitation.email)
    return sent


def _sent_calendar(interview: Interview, to: str) -> None:
    interview.calendar_sent_to = to
    Interview.objects.filter(pk=interview.pk).update(calendar_sent_to=to)


def send_scheduled(interview: Interview, *, link: str) -> bool | None:
    """When an interview is scheduled: the event to the candidate, unless they have it already
    (then an update if the time changed). ``None``: nobody to send to."""
    to, zone, language = _recipient(interview)
    if not to:
        return None
    if interview.calendar_sent_to == to:
        return None  # the invitation carried it; a change of time sends its own update
    sent = _send(interview, kind=SCHEDULED, to=to, url=link, zone=zone, language=language)
    if sent:
        _sent_calendar(interview, to)
    return sent


def send_time_changed(interview: Interview, *, link: str) -> bool | None:
    """The same event (UID) with SEQUENCE + 1 and the new time, to where the first one went."""
    return _send_again(interview, kind=UPDATE, link=link)


def send_cancelled(interview: Interview, *, link: str) -> bool | None:
    """METHOD:CANCEL for the event the candidate has, so their calendar drops it."""
    return _send_again(interview, kind=CANCEL, link=link)


def _send_again(interview: Interview, *, kind: str, link: str) -> bool | None:
    to = interview.calendar_sent_to
    if not to or interview.scheduled_at is None:
        return None
    Interview.objects.filter(pk=interview.pk).update(calendar_sequence=F("calendar_sequence") + 1)
    interview.calendar_sequence += 1
    candidate = interview.candidate
    invitation = None
    if candidate is None:  # sent to an invitation's address: the language chosen for it
        invitation = interview.invitations.filter(email__iexact=to).order_by("-created_at").first()
    zone, language = _reader(candidate, invitation)
    return _send(interview, kind=kind, to=to, url=link, zone=zone, language=language)


def forget_calendar(interview: Interview) -> None:
    """The event no longer goes to the address it went to (the candidate changed): the next
    scheduling sends a new one to the new candidate."""
    interview.calendar_sent_to = ""
    Interview.objects.filter(pk=interview.pk).update(calendar_sent_to="")


def _panel_event(member: PanelMember, *, link: str, sequence: int) -> InterviewEvent:
    """A seat's own event (its own UID: the candidate's event is another attendee's)."""
    return replace(
        _event(member.interview, to=member.email, url=link),
        uid=f"interview-{member.interview_id}-panel-{member.pk}@mockinterview",
        sequence=sequence,
        description=_("Join the panel: %(url)s") % {"url": link}
        if member.user_id is None
        else _("The interview's page: %(url)s") % {"url": link},
    )


def _send_panel(member: PanelMember, *, kind: str, link: str) -> bool:
    """One mail to a seat (the invitation, a first event, a new time, a cancellation or the seat
    taken away), in the seat's zone once they joined; the event's SEQUENCE is recorded."""
    interview = member.interview
    zone, language = _reader(member.user if member.user_id else None, member)
    with timezone.override(zone), translation.override(language):
        context = {
            "interview": interview,
            "kind": kind,
            "url": link,
            "zone": zone,
            "joined": member.user_id is not None,
        }
        subject = render_to_string("interviews/mail/panel_subject.txt", context).strip()
        body = render_to_string("interviews/mail/panel_body.txt", context)
        message = EmailMessage(subject, body, to=[member.email])
        sequence = member.calendar_sequence
        if interview.scheduled_at is not None:
            if kind == INVITE:  # sent again: the same event as before, or the first one
                sequence = 0 if sequence is None else sequence
            else:  # a change to the event the seat holds, or the first one
                sequence = 0 if sequence is None else sequence + 1
            cancel = kind in (CANCEL, REMOVED)
            ics = build_ics(_panel_event(member, link=link, sequence=sequence), cancel=cancel)
            method = "CANCEL" if cancel else "REQUEST"
            message.attach("interview.ics", ics, f"text/calendar; charset=utf-8; method={method}")
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        log.warning("could not mail interview %s to a co-interviewer", interview.pk, exc_info=True)
        return False
    changes = {"calendar_sequence": sequence}
    if kind == INVITE:
        changes["sent_at"] = timezone.now()
    for field, value in changes.items():
        setattr(member, field, value)
    PanelMember.objects.filter(pk=member.pk).update(**changes)
    return True


def send_panel_invitation(member: PanelMember, *, link: str) -> bool:
    """Invite a co-interviewer to the panel: the join link, and the event if the interview has a
    time. Sets ``sent_at``."""
    return _send_panel(member, kind=INVITE, link=link)


def send_panel_calendar(interview: Interview, *, kind: str, link_for) -> tuple[int, int]:
    """Keep the co-interviewers' calendars with the interview: ``SCHEDULED`` sends the event to
    seats that hold none yet; ``UPDATE`` (a new time) updates the seats' events, or sends the
    first; ``CANCEL`` takes them back. ``link_for(member)`` is the address in the mail. Returns
    (mails sent, mails that failed)."""
    seats = interview.panel.filter(role=PanelMember.Role.MEMBER).exclude(email="")
    if kind == CANCEL:
        seats = seats.exclude(calendar_sequence=None)
    elif interview.scheduled_at is None:
        return 0, 0
    elif kind == SCHEDULED:
        seats = seats.filter(calendar_sequence=None)
    sent = failed = 0
    for member in seats.select_related("user"):
        member.interview = interview
        first = kind != CANCEL and member.calendar_sequence is None
        if _send_panel(member, kind=SCHEDULED if first else kind, link=link_for(member)):
            sent += 1
        else:
            failed += 1
    return sent, failed


def send_panel_removed(member: PanelMember, *, link: str) -> bool | None:
    """The seat was taken away: say so, and take its event back (``None``: it held none and
    had no link mailed, so there is nobody to tell)."""
    if member.calendar_sequence is None and member.sent_at is None:
        return None
    return _send_panel(member, kind=REMOVED, link=link)
