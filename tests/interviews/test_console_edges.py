"""The console's views at their edges: where each seat lands before the start and after the
end, the lead's own replies, and the refusals of malformed or too-late posts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from interviews import live, panel
from interviews.models import BonusAward, MemberScore
from questionbank.models import BonusPoint
from tests.conftest import client_for, make_interview, make_panel
from tests.interviews.console_helpers import HTMX

pytestmark = pytest.mark.django_db


def url(name, interview, *args):
    return reverse(f"interviews:{name}", args=[interview.pk, *args])


def current(interview):
    interview.refresh_from_db()
    return interview.questions.get(position=interview.position)


def test_the_leads_move_replies_with_the_leads_console_not_a_followers(alice, carol):
    interview = make_interview(alice, carol, start=True)
    reply = client_for(alice).post(url("goto", interview), {"position": "1"}, headers=HTMX)
    body = reply.content.decode()
    assert reply.status_code == 200 and "第二题是什么" in body
    assert 'id="go-next"' in body and 'id="lead-note"' not in body
    assert 'id="watching-note"' not in body


def test_a_position_that_is_no_number_is_refused(alice, carol):
    interview = make_interview(alice, carol, start=True)
    assert client_for(alice).post(url("goto", interview), {"position": "x"}).status_code == 400
    interview.refresh_from_db()
    assert interview.position == 0


def test_before_the_start_the_lead_goes_to_edit_and_a_member_to_the_interview(alice, bob, carol):
    waiting = make_panel(alice, carol, [bob], start=False)
    assert client_for(alice).get(url("live", waiting)).url == url("edit", waiting)
    assert client_for(bob).get(url("live", waiting)).url == url("detail", waiting)


def test_after_the_end_each_console_goes_where_its_work_is(alice, bob, carol, root):
    room = make_panel(alice, carol, [bob])
    live.finish(room, recommendation="", summary="")
    assert client_for(alice).get(url("live", room)).url == url("report", room)
    assert client_for(bob).get(url("live", room)).url == url("panel_scorecard", room)
    assert client_for(root).get(url("live", room)).url == url("panel_debrief", room)
    solo = make_interview(alice, carol, start=True, title="Solo")
    live.set_score(current(solo), Decimal(3), revision=0, user=alice)
    live.finish(solo, recommendation="", summary="")
    assert client_for(alice).get(url("live", solo)).url == url("report", solo)


def test_after_a_cancel_members_and_watchers_go_to_the_interview(alice, bob, carol, root):
    room = make_panel(alice, carol, [bob])
    live.cancel(room)
    assert client_for(bob).get(url("live", room)).url == url("detail", room)
    assert client_for(root).get(url("live", room)).url == url("detail", room)


def test_a_tick_with_no_index_number_is_refused(alice, carol):
    interview = make_interview(alice, carol, start=True)
    item = current(interview)
    response = client_for(alice).post(url("tick", interview, item.pk), {"index": "one", "on": "1"})
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.ticked == []


def test_notes_with_a_nonsense_revision_are_refused(alice, carol):
    interview = make_interview(alice, carol, start=True)
    item = current(interview)
    data = {"notes": "x", "revision": "many"}
    assert client_for(alice).post(url("notes", interview, item.pk), data).status_code == 400
    item.refresh_from_db()
    assert item.notes == ""


def test_notes_of_a_submitted_scorecard_are_refused(alice, bob, carol):
    room = make_panel(alice, carol, [bob])
    item = current(room)
    seat = room.panel.get(user=bob)
    panel.set_score(seat, item, Decimal(3), revision=0)
    live.finish(room, recommendation="", summary="")
    panel.submit(seat, recommendation="yes", summary="")
    data = {"notes": "afterthought", "revision": "0"}
    response = client_for(bob).post(url("notes", room, item.pk), data)
    assert response.status_code == 400
    assert MemberScore.objects.get(member=seat, item=item).notes == ""


def test_stale_notes_without_javascript_say_they_were_not_saved(alice, carol):
    interview = make_interview(alice, carol, start=True)
    item = current(interview)
    client = client_for(alice)
    first = client.post(
        url("notes", interview, item.pk), {"notes": "first", "revision": "0"}, follow=True
    )
    assert "yours were not saved" not in first.content.decode()
    response = client.post(
        url("notes", interview, item.pk), {"notes": "second", "revision": "0"}, follow=True
    )
    assert "Someone else changed these notes first; yours were not saved." in (
        response.content.decode()
    )
    item.refresh_from_db()
    assert item.notes == "first"


def test_no_award_before_the_start_or_after_the_scorecard_is_submitted(alice, bob, carol):
    waiting = make_panel(alice, carol, [bob], start=False)
    point = BonusPoint.objects.get(category__topic__slug="secrets")
    data = {"bonus_point": point.pk, "evidence": "x"}
    assert client_for(alice).post(url("award", waiting), data).status_code == 400
    live.start(waiting)
    seat = waiting.panel.get(user=bob)
    panel.set_score(seat, current(waiting), Decimal(3), revision=0)
    live.finish(waiting, recommendation="", summary="")
    panel.submit(seat, recommendation="yes", summary="")
    assert client_for(bob).post(url("award", waiting), data).status_code == 400
    assert not BonusAward.objects.exists()


def test_a_members_award_without_javascript_leads_back_to_the_console_or_their_scorecard(
    alice, bob, carol
):
    room = make_panel(alice, carol, [bob])
    point = BonusPoint.objects.get(category__topic__slug="secrets")
    data = {"bonus_point": point.pk, "evidence": ""}
    assert client_for(bob).post(url("award", room), data).url == url("live", room)
    live.finish(room, recommendation="", summary="")
    response = client_for(bob).post(url("award", room), data)
    assert response.url == url("panel_scorecard", room)
    assert BonusAward.objects.filter(member__user=bob).count() == 1


def test_ending_an_interview_that_is_not_running_leads_back_to_it(alice, carol):
    waiting = make_interview(alice, carol)
    response = client_for(alice).post(url("finish", waiting), {"recommendation": "yes"})
    assert response.url == url("detail", waiting)
    waiting.refresh_from_db()
    assert not waiting.is_finished


def test_a_submitted_scorecards_award_cannot_be_taken_back(alice, bob, carol):
    room = make_panel(alice, carol, [bob])
    seat = room.panel.get(user=bob)
    award = panel.award_bonus(
        seat, BonusPoint.objects.get(category__topic__slug="secrets"), evidence="x"
    )
    panel.set_score(seat, current(room), Decimal(3), revision=0)
    live.finish(room, recommendation="", summary="")
    panel.submit(seat, recommendation="yes", summary="")
    assert client_for(bob).post(url("revoke", room, award.pk)).status_code == 400
    assert BonusAward.objects.filter(pk=award.pk).exists()
