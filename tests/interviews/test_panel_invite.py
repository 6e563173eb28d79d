"""The panel on the edit page: inviting co-interviewers by mail, removing them, joining by link."""

from __future__ import annotations

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from interviews import assembly, live, panel
from interviews.models import PanelMember
from tests.conftest import client_for, make_interview, make_panel

pytestmark = pytest.mark.django_db


def add(client, interview, email, **kwargs):
    return client.post(
        reverse("interviews:add_member", args=[interview.pk]), {"email": email}, **kwargs
    )


def seat_for(interview, email) -> PanelMember:
    return interview.panel.get(email=email)


def test_adding_a_co_interviewer_mails_the_join_link_and_lists_the_seat(alice, carol):
    interview = make_interview(alice, carol, title="Loop")
    client = client_for(alice)
    response = add(client, interview, "dan@example.com", follow=True)
    body = response.content.decode()
    seat = seat_for(interview, "dan@example.com")
    (message,) = mail.outbox
    assert message.to == ["dan@example.com"] and "Loop" in message.subject
    assert f"http://testserver{seat.get_invitation_url()}" in message.body
    assert message.attachments == []  # no time set: no calendar event
    assert seat.sent_at is not None and seat.user is None
    assert "The invitation to the panel was mailed to dan@example.com." in body
    assert "dan@example.com" in body and "invited" in body and "lead" in body
    assert f"http://testserver{seat.get_invitation_url()}" in body  # to pass on by hand
    assert interview.panel.get(role=PanelMember.Role.LEAD).user == alice


def test_a_scheduled_interview_sends_the_calendar_event_with_it(alice, carol):
    interview = make_interview(alice, carol, title="Loop")
    interview.scheduled_at = timezone.now() + timedelta(days=2)
    interview.save()
    add(client_for(alice), interview, "dan@example.com")
    (message,) = mail.outbox
    ((name, content, mimetype),) = message.attachments
    assert name == "interview.ics" and "method=REQUEST" in mimetype
    (event,) = Calendar.from_ical(content).walk("VEVENT")
    assert "dan@example.com" in str(event["ATTENDEE"])
    assert event.decoded("DTSTART") == interview.scheduled_at.replace(microsecond=0)


def test_mail_in_chinese_when_the_lead_uses_chinese(alice, carol):
    interview = make_interview(alice, carol, title="Loop")
    client = client_for(alice)
    client.cookies["django_language"] = "zh-hans"
    add(client, interview, "dan@example.com")
    (message,) = mail.outbox
    assert "面试小组" in message.subject and "面试小组" in message.body


def test_a_mail_that_cannot_be_sent_leaves_the_link_on_the_page(alice, carol, monkeypatch):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPException("down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    interview = make_interview(alice, carol)
    body = add(client_for(alice), interview, "dan@example.com", follow=True).content.decode()
    seat = seat_for(interview, "dan@example.com")
    assert seat.sent_at is None and "could not be sent" in body
    assert seat.get_invitation_url() in body and "Not mailed yet." in body
    monkeypatch.undo()
    body = add(client_for(alice), interview, "dan@example.com", follow=True).content.decode()
    assert "Mail it again" in body and len(mail.outbox) == 1  # the button posts the same address
    seat.refresh_from_db()
    assert seat.sent_at is not None and interview.panel.count() == 2


@pytest.mark.parametrize("email", ["", "not-an-address", "dan@", "a" * 300 + "@example.com"])
def test_an_invalid_email_is_refused_and_nothing_is_written(alice, carol, email):
    interview = make_interview(alice, carol)
    body = add(client_for(alice), interview, email, follow=True).content.decode()
    assert "Give the co-interviewer&#x27;s email address" in body
    assert not interview.panel.exists() and not mail.outbox


def test_the_leads_own_address_is_refused(alice, carol):
    alice.email = "alice@example.com"
    alice.save()
    interview = make_interview(alice, carol)
    body = add(client_for(alice), interview, alice.email.upper(), follow=True).content.decode()
    assert "That is your own address" in body and not interview.panel.exists()


def test_the_candidates_address_is_refused(alice, carol):
    carol.email = "carol@example.com"
    carol.save()
    interview = make_interview(alice, carol)
    body = add(client_for(alice), interview, "Carol@example.com", follow=True).content.decode()
    assert "That is the candidate&#x27;s address" in body and not interview.panel.exists()
    invited = make_interview(alice, None)
    assembly.invite(invited, email="new@example.com", by=alice)
    body = add(client_for(alice), invited, "new@example.com", follow=True).content.decode()
    assert "That is the candidate&#x27;s address" in body and not invited.panel.exists()


def test_no_co_interviewer_once_the_interview_has_started(alice, carol):
    interview = make_interview(alice, carol, start=True)
    response = add(client_for(alice), interview, "dan@example.com")
    assert response["Location"] == reverse("interviews:detail", args=[interview.pk])
    assert not interview.panel.exists() and not mail.outbox


def test_inviting_the_same_address_twice_keeps_one_seat(alice, carol):
    interview = make_interview(alice, carol)
    client = client_for(alice)
    add(client, interview, "dan@example.com")
    add(client, interview, "DAN@example.com")
    assert interview.panel.filter(role=PanelMember.Role.MEMBER).count() == 1
    assert len(mail.outbox) == 2  # mailed again


def test_removing_asks_first_then_the_link_stops_working(alice, carol, dan):
    interview = make_interview(alice, carol)
    seat = panel.add_member(interview, email="dan@example.com", by=alice)
    url = reverse("interviews:remove_member", args=[interview.pk, seat.pk])
    client = client_for(alice)
    page = client.get(url).content.decode()
    assert "Remove dan@example.com from the panel?" in page and interview.panel.count() == 2
    response = client.post(url)
    assert response["Location"].endswith(reverse("interviews:edit", args=[interview.pk]) + "#panel")
    assert not interview.panel.exists()  # the last co-interviewer gone: solo again
    assert client_for(dan).get(seat.get_invitation_url()).status_code == 404


def test_the_lead_seat_cannot_be_removed_and_nobody_else_removes(alice, bob, carol, dan):
    interview = make_panel(alice, carol, [dan], start=False)
    lead = interview.panel.get(role=PanelMember.Role.LEAD)
    member = interview.panel.get(user=dan)
    lead_url = reverse("interviews:remove_member", args=[interview.pk, lead.pk])
    assert client_for(alice).post(lead_url).status_code == 404
    url = reverse("interviews:remove_member", args=[interview.pk, member.pk])
    assert client_for(dan).post(url).status_code == 404  # a seat does not manage the panel
    assert client_for(bob).post(url).status_code == 404
    assert client_for(carol).post(url).status_code == 403
    assert interview.panel.count() == 2


def test_the_panel_is_fixed_once_started(alice, carol, dan):
    interview = make_panel(alice, carol, [dan])
    member = interview.panel.get(user=dan)
    url = reverse("interviews:remove_member", args=[interview.pk, member.pk])
    response = client_for(alice).post(url, follow=True)
    assert "The panel is fixed once the interview starts." in response.content.decode()
    assert interview.panel.count() == 2


def test_co_interviewer_joins_and_lands_on_the_interview(alice, carol, dan):
    interview = make_interview(alice, carol, title="Loop")
    seat = panel.add_member(interview, email="dan@example.com", by=alice)
    client = client_for(dan)
    page = client.get(seat.get_invitation_url()).content.decode()
    assert "Join the panel as dan" in page and "Loop" in page
    response = client.post(seat.get_invitation_url())
    assert response["Location"] == reverse("interviews:detail", args=[interview.pk])
    seat.refresh_from_db()
    assert seat.user == dan and seat.joined_at is not None
    body = client.get(response["Location"], follow=True).content.decode()
    assert "You are on the panel of “Loop”." in body
    assert "Alice" in body and "(you)" in body and "joined" in body
    # Opening the link again leads to the interview, not to an error.
    assert client.get(seat.get_invitation_url())["Location"] == response["Location"]


def test_anonymous_is_sent_to_sign_in_and_back(alice, carol):
    interview = make_interview(alice, carol)
    seat = panel.add_member(interview, email="dan@example.com", by=alice)
    response = client_for(None).get(seat.get_invitation_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert response["Location"].endswith("?next=" + seat.get_invitation_url())


def test_a_non_interviewer_is_told_they_need_an_interviewer_account(alice, carol, mallory):
    interview = make_interview(alice, carol)
    seat = panel.add_member(interview, email="dan@example.com", by=alice)
    for user in (mallory, carol):
        client = client_for(user)
        response = client.get(seat.get_invitation_url())
        assert response.status_code == 403
        assert "Co-interviewers need an interviewer account" in response.content.decode()
        assert client.post(seat.get_invitation_url()).status_code == 403
    seat.refresh_from_db()
    assert seat.user is None


def test_the_owner_and_an_interviewer_candidate_are_refused(alice, bob):
    interview = make_interview(alice, bob)  # bob interviews, and is this one's candidate
    seat = panel.add_member(interview, email="x@example.com", by=alice)
    owner = client_for(alice).post(seat.get_invitation_url())
    assert owner.status_code == 403 and "You lead this interview" in owner.content.decode()
    candidate = client_for(bob).post(seat.get_invitation_url())
    assert candidate.status_code == 403
    assert "a candidate cannot sit on its panel" in candidate.content.decode()
    seat.refresh_from_db()
    assert seat.user is None


def test_one_seat_per_user(alice, carol, dan):
    interview = make_panel(alice, carol, [dan], start=False)
    second = panel.add_member(interview, email="other@example.com", by=alice)
    response = client_for(dan).post(second.get_invitation_url())
    assert response.status_code == 403
    assert "You are on this panel already" in response.content.decode()


def test_unknown_and_lead_tokens_are_404(alice, carol, dan):
    interview = make_panel(alice, carol, [dan], start=False)
    lead = interview.panel.get(role=PanelMember.Role.LEAD)
    client = client_for(dan)
    assert client.get(reverse("interviews:panel_invitation", args=["nope"])).status_code == 404
    assert client.get(lead.get_invitation_url()).status_code == 404


def test_two_interviewers_on_one_link_one_seat(alice, bob, carol, dan):
    """Both open the page, both press Join: the first wins, the second is told the link is used."""
    interview = make_interview(alice, carol)
    seat = panel.add_member(interview, email="team@example.com", by=alice)
    first, second = client_for(dan), client_for(bob)
    assert first.get(seat.get_invitation_url()).status_code == 200
    assert second.get(seat.get_invitation_url()).status_code == 200
    assert first.post(seat.get_invitation_url()).status_code == 302
    late = second.post(seat.get_invitation_url())
    assert late.status_code == 410 and "This link no longer works" in late.content.decode()
    assert list(interview.panel.exclude(user=None).values_list("user__username", flat=True)) == [
        "alice",
        "dan",
    ]


def test_the_join_itself_refuses_a_seat_taken_meanwhile(alice, bob, carol, dan):
    """The page checked before the seat was taken: the conditional update still refuses."""
    interview = make_interview(alice, carol)
    seat = panel.add_member(interview, email="team@example.com", by=alice)
    stale = PanelMember.objects.get(pk=seat.pk)
    panel.join(seat, dan)
    with pytest.raises(live.InvalidTransition):
        panel.join(stale, bob)
    stale.refresh_from_db()
    assert stale.user == dan


def test_an_ended_interview_cannot_be_joined(alice, carol, dan):
    interview = make_interview(alice, carol)
    seat = panel.add_member(interview, email="dan@example.com", by=alice)
    live.start(interview)
    live.cancel(interview)
    response = client_for(dan).post(seat.get_invitation_url())
    assert response.status_code == 410 and "This interview has ended" in response.content.decode()


def test_the_seat_sees_the_panel_but_edits_nothing(alice, bob, carol, dan):
    interview = make_panel(alice, carol, [dan], start=False, title="Loop")
    panel.add_member(interview, email="erin@example.com", by=alice)
    client = client_for(dan)
    response = client.get(reverse("interviews:detail", args=[interview.pk]))
    body = response.content.decode()
    assert response.status_code == 200 and "Loop" in body
    assert "Alice" in body and "erin@example.com" in body and "lead" in body
    erin = interview.panel.get(email="erin@example.com")
    assert erin.get_invitation_url() not in body  # only the lead passes links on
    assert "/remove/" not in body  # no remove buttons
    for name in ("interviews:edit", "interviews:schedule", "interviews:start"):
        method = client.get if name == "interviews:edit" else client.post
        assert method(reverse(name, args=[interview.pk])).status_code == 404, name
    assert add(client, interview, "x@example.com").status_code == 404
    # An interviewer outside the panel sees nothing of it.
    assert client_for(bob).get(reverse("interviews:detail", args=[interview.pk])).status_code == 404


def test_a_seat_is_led_to_the_console_once_it_runs(alice, carol, dan):
    interview = make_panel(alice, carol, [dan])
    response = client_for(dan).get(reverse("interviews:detail", args=[interview.pk]))
    assert response["Location"] == reverse("interviews:live", args=[interview.pk])


def test_the_index_lists_panels_i_sit_on(alice, bob, carol, dan):
    make_panel(alice, carol, [dan], start=False, title="Alice loop")
    make_interview(alice, carol, title="Alice solo")
    make_interview(dan, carol, title="Dan own")
    body = client_for(dan).get(reverse("interviews:index")).content.decode()
    assert "On a panel" in body and "Alice loop" in body and "led by Alice" in body
    assert "Dan own" in body and "Alice solo" not in body
    assert body.index("On a panel") < body.index("Alice loop") < body.index("Drafts")
    assert body.index("Dan own") > body.index("Drafts")
    lead = client_for(alice).get(reverse("interviews:index")).content.decode()
    assert "On a panel" not in lead and "Alice loop" in lead
    assert "On a panel" not in client_for(bob).get(reverse("interviews:index")).content.decode()


@pytest.mark.cache
@pytest.mark.parametrize("size", [1, 6])
def test_index_and_edit_query_counts_do_not_grow_with_panels(
    alice, carol, dan, size, django_assert_num_queries
):
    from tests.conftest import make_user

    for n in range(size):
        lead = make_user(f"lead{n}", "interviewers")
        make_panel(lead, carol, [dan], start=n % 2 == 0, title=f"Panel {n}")
    mine = make_interview(dan, carol, title="Mine")
    for n in range(size):
        panel.add_member(mine, email=f"m{n}@example.com", by=dan)
    client = client_for(dan)
    client.get(reverse("interviews:index"))
    with django_assert_num_queries(3):
        index = client.get(reverse("interviews:index"))
    assert index.status_code == 200 and f"Panel {size - 1}" in index.content.decode()
    client.get(reverse("interviews:edit", args=[mine.pk]))
    with django_assert_num_queries(7):
        edit = client.get(reverse("interviews:edit", args=[mine.pk]))
    assert edit.status_code == 200 and f"m{size - 1}@example.com" in edit.content.decode()


@pytest.mark.parametrize("name", ["add_member", "panel_invitation"])
def test_wrong_methods_are_405(alice, carol, name):
    interview = make_interview(alice, carol)
    seat = panel.add_member(interview, email="dan@example.com", by=alice)
    args = [seat.token] if name == "panel_invitation" else [interview.pk]
    client = client_for(alice)
    url = reverse(f"interviews:{name}", args=args)
    assert client.put(url).status_code == 405
    if name == "add_member":
        assert client.get(url).status_code == 405
    remove = reverse("interviews:remove_member", args=[interview.pk, seat.pk])
    assert client.delete(remove).status_code == 405


def test_a_seat_of_another_interview_or_none_at_all_is_404_and_nothing_is_removed(alice, carol):
    mine = make_interview(alice, carol)
    other = make_interview(alice, carol, title="Other loop")
    theirs = panel.add_member(other, email="dan@example.com", by=alice)
    client = client_for(alice)
    for seat_pk in (theirs.pk, theirs.pk + 1000):  # the wrong interview's seat, no seat
        url = reverse("interviews:remove_member", args=[mine.pk, seat_pk])
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    assert other.panel.filter(pk=theirs.pk).exists()


def test_once_started_the_remove_link_leads_back_to_the_interview_asking_nothing(alice, carol, dan):
    interview = make_panel(alice, carol, [dan])
    member = interview.panel.get(user=dan)
    url = reverse("interviews:remove_member", args=[interview.pk, member.pk])
    response = client_for(alice).get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("interviews:detail", args=[interview.pk])
