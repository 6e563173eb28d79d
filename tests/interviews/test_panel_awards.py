"""The decided scorecard's bonus points, as the seats gave them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from interviews import live, panel
from interviews.models import BonusAward
from questionbank.models import BonusPoint
from tests.conftest import make_panel

pytestmark = pytest.mark.django_db


def test_evidence_two_seats_wrote_alike_is_carried_once(alice, bob, carol):
    interview = make_panel(alice, carol, [bob])
    item = interview.questions.get(position=0)
    point = BonusPoint.objects.get(category__topic__slug="secrets")
    seats = {s.user.username: s for s in interview.panel.select_related("user")}
    panel.award_bonus(seats["alice"], point, evidence="operator")
    panel.award_bonus(seats["bob"], point, evidence="operator")
    live.finish(interview, recommendation="", summary="")
    for name in ("alice", "bob"):
        panel.set_score(seats[name], item, Decimal(3), revision=0)
        panel.submit(seats[name], recommendation="yes", summary="")
    panel.decide(interview, final={item.pk: Decimal(3)}, recommendation="yes", summary="")
    assert BonusAward.objects.get(interview=interview, member=None).evidence == "operator"
