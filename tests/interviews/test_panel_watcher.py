"""A superuser without a seat on a panel interview watches it (interviews.access.watches): the
console as a co-interviewer sees it, without any control and without anyone's scorecard; the
debrief read-only once it opens; no mark, move, close or decision. On a solo interview a
superuser still runs it as its owner would."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from interviews import live, panel
from interviews.models import BonusAward, InterviewQuestion, MemberScore
from questionbank.models import BonusPoint
from tests.conftest import client_for, make_interview, make_panel
from tests.interviews.console_helpers import HTMX, console_poll, poll_of, state, type_answer
from tests.interviews.test_panel_review import ended, scored

pytestmark = pytest.mark.django_db

BOB_NOTE = "BOB-PRIVATE-NOTE"


def url(name, interview, *args):
    return reverse(f"interviews:{name}", args=[interview.pk, *args])


@pytest.fixture
def room(alice, bob, carol):
    """Alice leads, Bob sits on the panel, the interview runs; Bob has scored and noted."""
    interview = make_panel(alice, carol, [bob])
    item = interview.questions.get(position=0)
    seat = interview.panel.get(user=bob)
    panel.set_score(seat, item, Decimal(4), revision=0)
    panel.save_notes(seat, item, BOB_NOTE, revision=0)
    panel.tick(seat, item, 0, on=True)
    return interview


def test_a_watching_superuser_sees_the_console_without_controls_or_scorecards(room, root):
    type_answer(room, "候选人的回答")
    page = client_for(root).get(url("live", room))
    body = page.content.decode()
    assert page.status_code == 200
    assert "候选人的回答" in body and 'id="live-question"' in body and 'id="watching-note"' in body
    assert "Alice leads this interview" in body
    for control in ('id="score-form"', 'id="notes-form"', 'id="tick-0"', 'id="award-',
                    'id="go-next"', 'id="pause-resume"', 'id="not-asked"', "End…"):  # fmt: skip
        assert control not in body, control
    assert BOB_NOTE not in body and "is-ticked" not in body  # Bob's scorecard stays blind


def test_a_watching_superusers_marks_are_refused_and_nothing_is_written(room, root):
    client = client_for(root)
    item = room.questions.get(position=0)
    point = BonusPoint.objects.filter(category__topic__slug="secrets").first()
    awarded = live.award_bonus(room, point, evidence="", user=room.owner)  # the final card's
    before = MemberScore.objects.count(), BonusAward.objects.count()
    writes = [
        ("score", [item.pk], {"score": "1", "revision": "0"}),
        ("tick", [item.pk], {"index": "1", "on": "1"}),
        ("notes", [item.pk], {"notes": "root", "revision": "0"}),
        ("award", [], {"bonus_point": point.pk}),
        ("revoke", [awarded.pk], {}),
    ]
    for name, args, data in writes:
        for headers in ({}, HTMX):
            response = client.post(url(name, room, *args), data, headers=headers)
            assert response.status_code == 403, name
    item.refresh_from_db()
    assert (item.score, item.ticked, item.notes) == (None, [], "")
    assert (MemberScore.objects.count(), BonusAward.objects.count()) == before


def test_a_watching_superuser_neither_moves_nor_ends_the_interview(room, root):
    client = client_for(root)
    item = room.questions.get(position=0)
    moves = [
        ("goto", [], {"position": "1"}),
        ("pause", [], {}),
        ("resume", [], {}),
        ("not_asked", [item.pk], {"not_asked": "1"}),
        ("finish", [], {"recommendation": "yes", "summary": "ok"}),
    ]
    for name, args, data in moves:
        assert client.post(url(name, room, *args), data).status_code == 403, name
    assert client.get(url("finish", room)).status_code == 403
    room.refresh_from_db()
    item.refresh_from_db()
    assert room.position == 0 and room.is_live and not room.is_paused
    assert item.state != InterviewQuestion.State.NOT_ASKED


def test_a_watching_superusers_poll_follows_the_interview_read_only(room, alice, root):
    client = client_for(root)
    shown = console_poll(client, room)
    type_answer(room, "新的回答")
    typing = state(client, room, shown)
    assert typing.status_code == 200 and "新的回答" in typing.content.decode()
    live.goto(room, 1)  # the lead moves: the whole console again, still read-only
    moved = state(client, room, poll_of(typing.content.decode())).content.decode()
    assert 'id="live-question"' in moved and 'id="watching-note"' in moved
    assert 'id="score-form"' not in moved and 'id="go-next"' not in moved
    live.finish(room, recommendation="", summary="")
    done = state(client, room, poll_of(moved))
    assert done["HX-Redirect"] == url("panel_debrief", room)


def test_a_watching_superuser_is_sent_to_the_interview_when_it_is_cancelled(room, root):
    # No debrief for a cancelled panel: the poll sends the watcher where it can be read.
    client = client_for(root)
    shown = console_poll(client, room)
    live.cancel(room)
    sent = state(client, room, shown)["HX-Redirect"]
    assert sent == url("detail", room)
    assert client.get(sent, follow=True).status_code == 200


@pytest.mark.cache  # the pin counts on the session being in the cache
def test_a_watching_superusers_unchanged_poll_costs_one_query(
    room, root, django_assert_num_queries
):
    client = client_for(root)
    shown = console_poll(client, room)
    state(client, room, shown)  # the session's user is remembered by the fast path
    with django_assert_num_queries(3):  # the poll's row, the session, the user: no panel check
        assert state(client, room, shown).status_code == 204


def test_the_lead_and_seats_are_unchanged(room, alice, bob):
    """The lead still moves and ends; a seat still scores its own card."""
    item = room.questions.get(position=0)
    assert client_for(alice).post(url("goto", room), {"position": "1"}).status_code == 302
    scored = client_for(bob).post(url("score", room, item.pk), {"score": "2", "revision": "1"})
    assert scored.status_code == 302
    assert MemberScore.objects.get(member__user=bob, item=item).score == 2


def test_a_superuser_still_runs_a_solo_interview_as_its_owner(alice, carol, root):
    interview = make_interview(alice, carol, start=True)
    item = interview.questions.get(position=0)
    client = client_for(root)
    page = client.get(url("live", interview)).content.decode()
    assert 'id="score-form"' in page and 'id="go-next"' in page
    assert (
        client.post(url("score", interview, item.pk), {"score": "3", "revision": "0"}).status_code
        == 302
    )
    item.refresh_from_db()
    assert item.score == 3


def test_a_watching_superuser_reads_the_debrief_once_it_opens_and_decides_nothing(
    alice, bob, carol, root
):
    interview = ended(alice, carol, [bob])
    client = client_for(root)
    scorecard = client.get(url("panel_scorecard", interview))
    assert scorecard.status_code == 302 and scorecard["Location"] == url("panel_debrief", interview)
    scored(interview, "alice", 4)
    scored(interview, "bob", 1, notes=BOB_NOTE, submit=False)
    waiting = client.get(url("panel_debrief", interview)).content.decode()
    assert "The debrief opens once every seat has submitted" in waiting
    assert 'id="watching-note"' in waiting and "alice says yes" not in waiting
    assert "Close the round" not in waiting  # the lead's
    panel.submit(interview.panel.get(user=bob), recommendation="no", summary="bob says no")
    page = client.get(url("panel_debrief", interview))
    body = page.content.decode()
    assert page.status_code == 200 and "is-disagreement" in body
    assert "alice says yes" in body and "bob says no" in body
    assert 'id="decision-form"' not in body
    assert client.post(url("panel_close", interview)).status_code == 403
    decide = client.post(
        url("panel_decide", interview),
        {"recommendation": "yes", "summary": "root", **{
            f"final-{item.pk}": "5" for item in interview.questions.all()}},
    )  # fmt: skip
    assert decide.status_code == 403
    interview.refresh_from_db()
    assert interview.decided_at is None and interview.round_closed_at is None


def test_the_watchers_pages_wrong_method_outsider_anonymous(room, alice, dan, root):
    live.finish(room, recommendation="", summary="")
    client = client_for(root)
    assert client.post(url("panel_debrief", room)).status_code == 405
    assert client.post(url("panel_scorecard", room)).status_code == 405
    assert client_for(dan).get(url("panel_debrief", room)).status_code == 404
    anonymous = client_for(None).get(url("panel_debrief", room))
    assert anonymous.status_code == 302 and reverse("login") in anonymous["Location"]


def test_a_watching_superuser_can_neither_cancel_nor_share_nor_change_the_panel(room, root):
    # Every write through the interview lookups is refused to a watcher (403), not only the
    # console's: cancelling, sharing the scorecard, editing, adding or removing a seat.
    client = client_for(root)
    seat = room.panel.get(user__username="bob")
    seats = room.panel.count()
    writes = [
        ("cancel", [], {}),
        ("start", [], {}),
        ("edit", [], {"title": "root's"}),
        ("add_member", [], {"email": "dave@example.com"}),
        ("remove_member", [seat.pk], {}),
    ]
    for name, args, data in writes:
        assert client.post(url(name, room, *args), data).status_code == 403, name
    room.refresh_from_db()
    assert room.status == room.Status.LIVE and room.title != "root's"
    assert room.panel.count() == seats
    assert client.get(url("cancel", room)).status_code == 200  # reading is watching


def test_a_watching_superuser_cannot_share_an_ended_panels_scorecard(alice, bob, carol, root):
    interview = ended(alice, carol, [bob])
    response = client_for(root).post(url("share", interview), {})
    assert response.status_code == 403
    interview.refresh_from_db()
    assert not interview.share_token


@pytest.mark.cache  # compared with Bob's: the roles come from the cache once read
@pytest.mark.parametrize("page", ["panel_debrief", "panel_scorecard"])
def test_a_superuser_with_a_seat_is_that_seat_found_by_one_lookup(alice, bob, carol, root, page):
    """A seat makes a superuser a co-interviewer, not a watcher: their own scorecard, the
    debrief as any seat sees it; the interview is looked up once, as for any seat."""
    interview = ended(alice, carol, [bob, root])
    for name in ("alice", "bob", "root"):
        scored(interview, name, 3)

    def opened(user) -> tuple[str, list[str]]:
        client = client_for(user)
        client.get(url(page, interview))  # the session and roles read once
        with CaptureQueriesContext(connection) as read:
            response = client.get(url(page, interview))
        assert response.status_code == 200
        return response.content.decode(), [q["sql"] for q in read.captured_queries]

    body, queries = opened(root)
    assert "watching-note" not in body and "root says yes" in body
    assert sum('FROM "interviews_interview" ' in q for q in queries) == 1
    assert len(queries) == len(opened(bob)[1])
