"""Sample 2011's misses (bench/mutation_sample.py): the latest amendment is the score a seat's
scorecard shows, a solo scorecard awaits no panel, a seat's own score does not come back to it
as news at its next poll."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from interviews import live, panel
from tests.conftest import client_for, make_interview, make_panel
from tests.interviews.console_helpers import HTMX, console_poll, poll_of, state
from tests.interviews.test_panel_review import ended, scored

pytestmark = pytest.mark.django_db

AWAITING = "The panel has not decided yet"


def test_a_scorecard_shows_the_latest_of_two_amendments(alice, bob, carol):
    interview = ended(alice, carol, [bob])
    seat = scored(interview, "bob", 3)
    item = interview.questions.get(position=0)
    panel.amend(seat, item, Decimal(1), reason="first thoughts")
    panel.amend(seat, item, Decimal("4.5"), reason="second thoughts")
    body = client_for(bob).get(reverse("interviews:panel_scorecard", args=[interview.pk]))
    values = body.content.decode().split('class="score-value">')[1:]
    assert values and values[0].startswith("4.5")


def test_a_solo_scorecard_awaits_no_panel(alice, carol):
    interview = make_interview(alice, carol, start=True)
    item = interview.questions.get(position=0)
    item.interview = interview
    live.set_score(item, Decimal(3), revision=0, user=alice)
    live.finish(interview, recommendation="yes", summary="fine")
    body = client_for(alice).get(reverse("interviews:report", args=[interview.pk]))
    assert body.status_code == 200 and AWAITING not in body.content.decode()


def test_an_undecided_panel_scorecard_says_it_awaits_the_decision(alice, bob, carol):
    interview = ended(alice, carol, [bob])
    body = client_for(alice).get(reverse("interviews:report", args=[interview.pk]))
    assert AWAITING in body.content.decode()


def test_a_seats_own_score_is_no_news_to_it_at_the_next_poll(alice, bob, carol):
    room = make_panel(alice, carol, [bob])
    item = room.questions.get(position=room.position)
    client = client_for(bob)
    shown = console_poll(client, room)
    url = reverse("interviews:score", args=[room.pk, item.pk])
    reply = client.post(url, {"score": "3", "revision": "0", **shown}, headers=HTMX)
    assert reply.status_code == 200
    after = {**shown, **poll_of(reply.content.decode())}
    assert state(client, room, after).status_code == 204
