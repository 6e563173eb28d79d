"""A co-interviewer's console after the lead ends the interview: what the seat does then (its
scorecard is still open) must not hide the end from its next poll (sample 2016's miss:
bench/mutation_sample.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from interviews import live
from questionbank.models import BonusPoint
from tests.conftest import client_for, make_panel
from tests.interviews.console_helpers import HTMX, console_poll, poll_of, state

pytestmark = pytest.mark.django_db


def test_a_bonus_awarded_after_the_end_still_lets_the_next_poll_see_the_end(alice, bob, carol):
    room = make_panel(alice, carol, [bob])
    client = client_for(bob)
    shown = console_poll(client, room)
    live.finish(room, recommendation="", summary="")  # the lead ends it; Bob has not polled yet
    point = BonusPoint.objects.get(category__topic__slug="secrets")
    reply = client.post(
        reverse("interviews:award", args=[room.pk]),
        {"bonus_point": point.pk, "evidence": "源码", **shown},
        headers=HTMX,
    )
    assert reply.status_code == 200 and 'id="bonus-panel"' in reply.content.decode()
    after = {**shown, **poll_of(reply.content.decode())}
    update = state(client, room, after)
    # Bob's console moves on to his own scorecard, as it would have without the award.
    assert update.status_code == 200
    assert update.headers["HX-Redirect"] == reverse("interviews:panel_scorecard", args=[room.pk])
