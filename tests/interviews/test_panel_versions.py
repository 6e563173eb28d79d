"""Every write to a seat's scorecard while the interview runs reaches the seat's other tabs at
their next poll (the interview's version counts it); after the end, nothing polls."""

from __future__ import annotations

import pytest

from interviews import panel
from interviews.models import BonusAward
from questionbank.models import BonusPoint
from tests.conftest import client_for, make_panel
from tests.interviews.console_helpers import console_poll, state

pytestmark = pytest.mark.django_db


def _score(seat, item):
    panel.set_score(seat, item, 4, revision=0)


def _notes(seat, item):
    panel.save_notes(seat, item, "a note from the other tab", revision=0)


def _tick(seat, item):
    panel.tick(seat, item, 0, on=True)


def _award(seat, item):
    panel.award_bonus(seat, BonusPoint.objects.get(category__topic__slug="secrets"), evidence="x")


def _revoke(seat, item):
    panel.revoke_bonus(seat, BonusAward.objects.get(member=seat))


@pytest.mark.parametrize("write", [_score, _notes, _tick, _award, _revoke])
def test_a_seats_write_reaches_its_other_tab_at_the_next_poll(alice, bob, carol, write):
    room = make_panel(alice, carol, [bob])
    seat = room.panel.get(user=bob)
    item = room.questions.get(position=room.position)
    if write is _revoke:
        _award(seat, item)
    client = client_for(bob)
    shown = console_poll(client, room)  # the other tab, as it stands
    assert state(client, room, shown).status_code == 204  # nothing new yet
    seat = room.panel.select_related("interview").get(user=bob)
    before = seat.interview.version
    write(seat, item)
    assert seat.interview.version == before + 1  # the writer's reply carries the new version
    assert state(client, room, shown).status_code == 200


def test_a_write_after_the_end_changes_no_version(alice, bob, carol):
    from interviews import live

    room = make_panel(alice, carol, [bob])
    live.finish(room, recommendation="", summary="")
    room.refresh_from_db()
    version = room.version
    seat = room.panel.get(user=bob)
    item = room.questions.get(position=room.position)
    panel.tick(seat, item, 0, on=True)
    _award(seat, item)
    room.refresh_from_db()
    assert room.version == version
