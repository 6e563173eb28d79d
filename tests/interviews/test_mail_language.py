"""Mails in the recipient's language, whatever the language of the page that sends them: a
registered user's own (accounts.languages); for an address without an account (a candidate's
invitation, a seat nobody joined) the one chosen on the form that sent it, kept for the
invitation's or seat's later mails. Subjects, bodies and the .ics DESCRIPTION alike."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from accounts import zones
from accounts.languages import language_of
from accounts.models import Profile
from interviews import panel
from interviews.mail import SCHEDULED, send_panel_calendar
from interviews.models import Invitation, PanelMember
from tests.conftest import client_for, make_interview, make_user

pytestmark = pytest.mark.django_db

AT, LATER = "2099-03-01T15:30", "2099-03-02T09:00"


def lead_in(alice, language: str) -> Client:
    """Alice's pages, in ``language``."""
    zones.choose(alice, "UTC")
    client = client_for(alice)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def description(message) -> str:
    ((_name, content, _type),) = message.attachments
    (event,) = Calendar.from_ical(content).walk("VEVENT")
    return str(event["DESCRIPTION"])


def edit(client, interview, **data):
    return client.post(
        reverse("interviews:edit", args=[interview.pk]),
        {"title": "K8s 面试", "minutes": 5, **data},
    )


# --- A candidate without an account: the language chosen on the form ---------------------------


INVITATION_MAILS = {  # each mail's subject, a line of its body, the start of its event's text
    "zh-hans": [
        ("面试：K8s 面试", "邀请你参加面试“K8s 面试”", "你的面试页面："),
        ("时间已更改：K8s 面试", "改到了新的时间", "你的面试页面："),
        ("已取消：K8s 面试", "取消了面试", None),
    ],
    "en": [
        ("Interview: K8s 面试", "invited you", "Your interview page:"),
        ("New time: K8s 面试", "to a new time", "Your interview page:"),
        ("Cancelled: K8s 面试", "cancelled the interview", None),
    ],
}


@pytest.mark.parametrize("page, chosen", [("en", "zh-hans"), ("zh-hans", "en")])
def test_an_invitation_stays_in_the_language_chosen_for_it_not_the_pages(alice, page, chosen):
    """Invited, moved and cancelled from pages in one language: all three in the chosen one."""
    client = lead_in(alice, page)
    interview = make_interview(alice, None)
    response = edit(
        client,
        interview,
        candidate_email="new@example.com",
        invitation_language=chosen,
        scheduled_at=AT,
    )
    assert response.status_code == 302
    assert Invitation.objects.get(interview=interview).language == chosen
    edit(client, interview, scheduled_at=LATER)  # still from the same pages
    client.post(reverse("interviews:cancel", args=[interview.pk]))
    assert len(mail.outbox) == 3
    for message, (subject, says, event) in zip(mail.outbox, INVITATION_MAILS[chosen], strict=True):
        assert message.subject == subject and says in message.body
        if event is not None:
            assert description(message).startswith(event)


def test_the_invitation_form_offers_the_senders_language_first(alice):
    client = lead_in(alice, "zh-hans")
    interview = make_interview(alice, None)
    page = client.get(reverse("interviews:edit", args=[interview.pk])).content.decode()
    assert '<option value="zh-hans" selected>' in page and "邀请的语言" in page
    edit(client, interview, candidate_email="new@example.com")  # the field left out
    (invited,) = mail.outbox
    assert invited.subject == "面试：K8s 面试"
    assert Invitation.objects.get(interview=interview).language == "zh-hans"


def test_signing_up_on_a_chinese_page_makes_chinese_the_candidates_language(alice):
    interview = make_interview(alice, None)
    edit(lead_in(alice, "en"), interview, candidate_email="new@example.com")
    invitation = Invitation.objects.get(interview=interview)
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-Hans")
    password = "a-much-longer-secret-9"
    response = client.post(
        invitation.get_absolute_url(),
        {"username": "newbie", "first_name": "新人", "password1": password, "password2": password},
    )
    assert response.status_code == 302
    interview.refresh_from_db()
    assert language_of(interview.candidate) == "zh-hans"


# --- A registered candidate: their own language ---------------------------------------------


@pytest.mark.parametrize(
    "page, theirs, subject, says",
    [
        ("en", "zh-hans", "面试：K8s 面试", "安排了面试"),
        ("zh-hans", "en", "Interview: K8s 面试", "scheduled the interview"),
    ],
)
def test_a_registered_candidate_gets_the_event_in_their_language(
    alice, page, theirs, subject, says
):
    carol = make_user("carol", "candidates", email="carol@example.com")
    Profile.objects.create(user=carol, language=theirs)
    client = lead_in(alice, page)
    interview = make_interview(alice, carol, title="K8s 面试")
    edit(client, interview, candidate=carol.pk, scheduled_at=AT)
    client.post(reverse("interviews:schedule", args=[interview.pk]))
    (message,) = [m for m in mail.outbox if m.to == ["carol@example.com"]]
    assert message.subject == subject and says in message.body
    edit(client, interview, candidate=carol.pk, scheduled_at=LATER)
    moved = mail.outbox[-1]
    assert moved.to == ["carol@example.com"]
    assert ("改到了新的时间" if theirs == "zh-hans" else "to a new time") in moved.body


# --- Co-interviewers: a seat's chosen language until they join, then theirs -------------------


def test_a_joined_seat_gets_mails_in_their_own_language_not_the_leads(alice, carol):
    dan = make_user("dan", "interviewers", email="dan@example.com")
    Profile.objects.create(user=dan, language="zh-hans")
    client = lead_in(alice, "en")
    interview = make_interview(alice, carol, title="K8s 面试")
    seat = panel.add_member(interview, email="dan@example.com", by=alice, language="en")
    panel.join(seat, dan)
    edit(client, interview, candidate=carol.pk, scheduled_at=AT)
    (first,) = [m for m in mail.outbox if m.to == ["dan@example.com"]]
    assert first.subject == "面试官小组：K8s 面试" and description(first).startswith("面试页面：")


def test_a_seat_invited_in_english_from_chinese_pages_is_told_in_english(alice, carol):
    client = lead_in(alice, "zh-hans")
    interview = make_interview(alice, carol, title="K8s 面试")
    edit(client, interview, candidate=carol.pk, scheduled_at=AT)
    client.post(
        reverse("interviews:add_member", args=[interview.pk]),
        {"email": "erin@example.com", "language": "en"},
    )
    seat = PanelMember.objects.get(email="erin@example.com")
    assert seat.language == "en"
    client.post(  # "Mail it again" sends no language: the seat's stays
        reverse("interviews:add_member", args=[interview.pk]), {"email": "erin@example.com"}
    )
    client.post(reverse("interviews:remove_member", args=[interview.pk, seat.pk]))
    invited, again, removed = [m for m in mail.outbox if m.to == ["erin@example.com"]]
    assert invited.subject == again.subject == "Join the panel: K8s 面试"
    assert description(invited).startswith("Join the panel:")
    assert removed.subject == "Off the panel: K8s 面试"


def test_the_seat_language_field_refuses_what_is_not_a_language(alice, carol):
    client = lead_in(alice, "en")
    interview = make_interview(alice, carol)
    client.post(
        reverse("interviews:add_member", args=[interview.pk]),
        {"email": "erin@example.com", "language": "klingon"},
    )
    assert not PanelMember.objects.filter(email="erin@example.com").exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    "page, label", [("en", "Language of the invitation"), ("zh-hans", "邀请的语言")]
)
def test_the_seat_language_field_offers_the_senders_language_first(alice, carol, page, label):
    interview = make_interview(alice, carol)
    html = lead_in(alice, page).get(reverse("interviews:edit", args=[interview.pk])).content
    field = html.decode().split('id="panel"', 1)[1]
    assert f'<label for="id_member_language">{label}</label>' in field
    select = field[field.index("<select") : field.index("</select>")]
    assert (
        'name="language"' in select and 'aria-describedby="id_member_language_helptext"' in select
    )
    assert f'<option value="{page}" selected>' in select


@pytest.mark.parametrize("seats", [1, 3])
def test_each_joined_seat_costs_one_profile_query(alice, carol, seats, django_assert_num_queries):
    """A time set on a panel's interview: each seat's zone and language are read once (one
    Profile row), its mail is in them; the queries grow by 3 a seat (its profile, the
    interview's length for its event, the sequence written back), whatever the seat count."""
    interview = make_interview(alice, carol, title="K8s 面试")
    interview.scheduled_at = datetime(2099, 3, 1, 15, 30, tzinfo=UTC)
    interview.save()
    for n in range(seats):
        user = make_user(f"dan{n}", "interviewers", email=f"dan{n}@example.com")
        Profile.objects.create(user=user, language="zh-hans", time_zone="Europe/Paris")
        panel.join(panel.add_member(interview, email=user.email, by=alice, language="en"), user)
    with django_assert_num_queries(1 + 3 * seats):
        sent = send_panel_calendar(interview, kind=SCHEDULED, link_for=lambda seat: "http://x/")
    assert sent == (seats, 0)
    for message in mail.outbox:
        assert message.subject == "面试官小组：K8s 面试"
        assert "时间：2099-03-01 16:30（Europe/Paris）" in message.body
