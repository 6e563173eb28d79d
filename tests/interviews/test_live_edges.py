"""interviews.live's moves at their edges, called directly as every view calls them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from interviews import live
from interviews.live import InvalidTransition
from interviews.models import BonusAward, Interview
from questionbank.models import BonusPoint
from tests.conftest import make_interview

pytestmark = pytest.mark.django_db


def current(interview):
    interview.refresh_from_db()
    item = interview.questions.get(position=interview.position)
    item.interview = interview
    return item


def test_going_to_a_position_with_no_question_moves_nothing(alice, carol):
    interview = make_interview(alice, carol, start=True)
    with pytest.raises(InvalidTransition):
        live.goto(interview, 7)
    assert current(interview).position == 0


def test_a_pause_moves_the_whole_interview_deadline_by_its_length(alice, carol):
    interview = make_interview(alice, carol)
    Interview.objects.filter(pk=interview.pk).update(
        time_mode=Interview.TimeMode.TOTAL, total_time_limit=1800
    )
    now = timezone.now()
    live.start(interview, now=now)
    interview.refresh_from_db()
    assert interview.deadline == now + timedelta(seconds=1800)
    live.pause(interview, now=now + timedelta(minutes=1))
    live.resume(interview, now=now + timedelta(minutes=11))
    interview.refresh_from_db()
    assert interview.deadline == now + timedelta(seconds=1800, minutes=10)
    assert current(interview).deadline == interview.current_deadline


def test_an_ended_interview_cannot_be_cancelled(alice, carol):
    interview = make_interview(alice, carol, start=True)
    live.cancel(interview)
    with pytest.raises(InvalidTransition):
        live.cancel(interview)
    interview.refresh_from_db()
    assert interview.status == Interview.Status.CANCELLED


def test_a_tick_taken_back_is_gone(alice, carol):
    interview = make_interview(alice, carol, start=True)
    item = current(interview)
    live.tick(item, 0, on=True)
    live.tick(item, 1, on=True)
    assert live.tick(item, 0, on=False).ticked == [1]
    assert live.tick(item, 0, on=False).ticked == [1]


def test_awarding_again_updates_the_evidence_and_blank_evidence_keeps_it(alice, carol):
    interview = make_interview(alice, carol, start=True)
    point = BonusPoint.objects.get(category__topic__slug="secrets")
    live.award_bonus(interview, point, evidence="first", user=alice)
    live.award_bonus(interview, point, evidence="read the source", user=alice)
    assert BonusAward.objects.get().evidence == "read the source"
    live.award_bonus(interview, point, evidence="", user=alice)
    assert BonusAward.objects.get().evidence == "read the source"
