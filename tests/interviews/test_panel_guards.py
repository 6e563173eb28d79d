"""interviews.panel's refusals and second calls, each on its own: what a seat cannot do yet or
any more, and what doing a thing twice leaves."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from interviews import live, panel
from interviews.live import InvalidTransition
from interviews.models import BonusAward, MemberScore, PanelMember
from questionbank.models import BonusPoint
from tests.conftest import make_interview, make_panel

pytestmark = pytest.mark.django_db


def seat(interview, user):
    return interview.panel.get(user=user)


def first_item(interview):
    return interview.questions.get(position=0)


def test_a_visitor_signed_out_has_no_seat_a_member_has_theirs(alice, bob, carol, dan):
    room = make_panel(alice, carol, [bob])
    assert panel.seat_of(room, AnonymousUser()) is None
    assert panel.seat_of(room, bob) == seat(room, bob)
    assert panel.seat_of(room, dan) is None


def test_inviting_an_address_again_changes_its_mail_language_only_when_asked(alice, carol):
    interview = make_interview(alice, carol)
    invited = panel.add_member(interview, email="bob@example.com", by=alice, language="en")
    again = panel.add_member(interview, email="bob@example.com", by=alice, language="zh-hans")
    assert again.pk == invited.pk
    assert PanelMember.objects.get(pk=invited.pk).language == "zh-hans"
    panel.add_member(interview, email="bob@example.com", by=alice)  # no language: unchanged
    assert PanelMember.objects.get(pk=invited.pk).language == "zh-hans"


def test_an_invitation_to_an_interview_that_ended_cannot_be_taken(alice, bob, carol):
    interview = make_interview(alice, carol)
    invited = panel.add_member(interview, email="bob@example.com", by=alice)
    live.start(interview)
    live.finish(interview, recommendation="", summary="")
    with pytest.raises(InvalidTransition):
        panel.join(invited, bob)
    assert PanelMember.objects.get(pk=invited.pk).user is None


def test_nothing_is_scored_before_the_start_or_after_a_cancel(alice, bob, carol):
    waiting = make_panel(alice, carol, [bob], start=False)
    item = first_item(waiting)
    with pytest.raises(InvalidTransition):
        panel.tick(seat(waiting, bob), item, 0, on=True)
    live.start(waiting)
    live.cancel(waiting)
    with pytest.raises(InvalidTransition):
        panel.set_score(seat(waiting, bob), item, Decimal(3), revision=0)
    assert not MemberScore.objects.filter(score__isnull=False).exists()


def test_a_tick_taken_back_is_gone_and_taking_back_twice_is_harmless(alice, bob, carol):
    room = make_panel(alice, carol, [bob])
    item, bobs = first_item(room), seat(room, bob)
    panel.tick(bobs, item, 0, on=True)
    panel.tick(bobs, item, 1, on=True)
    assert panel.tick(bobs, item, 0, on=False).ticked == [1]
    assert panel.tick(bobs, item, 0, on=False).ticked == [1]
    assert MemberScore.objects.get(member=bobs, item=item).ticked == [1]


def test_awarding_again_updates_the_evidence_and_blank_evidence_keeps_it(alice, bob, carol):
    room = make_panel(alice, carol, [bob])
    point = BonusPoint.objects.get(category__topic__slug="secrets")
    bobs = seat(room, bob)
    panel.award_bonus(bobs, point, evidence="first")
    panel.award_bonus(bobs, point, evidence="read the scheduler's source")
    assert BonusAward.objects.get(member=bobs).evidence == "read the scheduler's source"
    panel.award_bonus(bobs, point, evidence="")
    assert BonusAward.objects.get(member=bobs).evidence == "read the scheduler's source"
    assert BonusAward.objects.filter(member=bobs).count() == 1


def test_only_a_submitted_score_of_this_interview_is_amended(alice, bob, carol):
    room = make_panel(alice, carol, [bob])
    other = make_interview(alice, carol, title="Another")
    item, bobs = first_item(room), seat(room, bob)
    panel.set_score(bobs, item, Decimal(3), revision=0)
    live.finish(room, recommendation="", summary="")
    with pytest.raises(InvalidTransition):
        panel.amend(bobs, item, Decimal(2), reason="not submitted yet")
    panel.submit(bobs, recommendation="yes", summary="")
    with pytest.raises(InvalidTransition):
        panel.amend(bobs, first_item(other), Decimal(2), reason="wrong interview")
    assert not bobs.amendments.exists()
    assert panel.effective_scores(bobs) == {item.pk: Decimal(3)}


def test_the_round_is_closed_and_decided_only_after_the_end(alice, bob, carol):
    room = make_panel(alice, carol, [bob])
    item = first_item(room)
    with pytest.raises(InvalidTransition):
        panel.close_round(room)
    with pytest.raises(InvalidTransition):
        panel.decide(room, final={item.pk: Decimal(3)}, recommendation="yes", summary="")
    room.refresh_from_db()
    assert room.round_closed_at is None and room.decided_at is None
    live.finish(room, recommendation="", summary="")
    closed = panel.close_round(room)
    assert closed.round_closed_at is not None
    assert panel.close_round(room).round_closed_at == closed.round_closed_at  # once
