"""Time spent per question leaves out pauses: moving on while the interview is paused adds
nothing for the paused minutes, to the question left or to the one reached, and the clock of
the one reached starts when the interview resumes (interviews/live.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from interviews import live
from interviews.models import Interview
from tests.conftest import make_interview

pytestmark = pytest.mark.django_db


def _spent(interview) -> dict[int, int]:
    return dict(interview.questions.values_list("position", "seconds_spent"))


def test_moving_on_while_paused_counts_no_paused_time(alice, carol):
    t0 = timezone.now()
    interview = make_interview(alice, carol)
    live.start(interview, now=t0)
    live.pause(interview, now=t0 + timedelta(seconds=60))  # 60 s on the first question
    live.goto(interview, 1, now=t0 + timedelta(minutes=11))  # ten paused minutes later
    assert _spent(interview) == {0: 60, 1: 0, 2: 0}
    interview = Interview.objects.get(pk=interview.pk)
    assert interview.position == 1 and interview.paused_at is not None

    live.resume(interview, now=t0 + timedelta(minutes=12))
    live.goto(interview, 2, now=t0 + timedelta(minutes=12, seconds=45))
    assert _spent(interview) == {0: 60, 1: 45, 2: 0}


def test_a_pause_alone_counts_the_time_before_it_once(alice, carol):
    t0 = timezone.now()
    interview = make_interview(alice, carol)
    live.start(interview, now=t0)
    live.pause(interview, now=t0 + timedelta(seconds=30))
    live.resume(interview, now=t0 + timedelta(minutes=5))
    live.goto(interview, 1, now=t0 + timedelta(minutes=5, seconds=20))
    assert _spent(interview)[0] == 50
