"""interviews.panel: seats, blind scorecards, submission, amendments, the lead's decision."""

from __future__ import annotations

from decimal import Decimal

import pytest

from interviews import live, panel
from interviews.live import InvalidTransition
from interviews.models import BonusAward, Interview, InterviewQuestion, MemberScore, PanelMember
from questionbank.models import BonusPoint
from tests.conftest import make_interview, make_panel

pytestmark = pytest.mark.django_db


def seats(interview):
    return {seat.user.username: seat for seat in interview.panel.select_related("user")}


def test_first_co_interviewer_gives_the_owner_the_lead_seat(alice, bob, carol):
    interview = make_interview(alice, carol)
    seat = panel.add_member(interview, email="bob@example.com", by=alice)
    assert seat.user is None and seat.role == PanelMember.Role.MEMBER
    lead = interview.panel.get(role=PanelMember.Role.LEAD)
    assert lead.user == alice and lead.joined_at is not None
    assert panel.add_member(interview, email="BOB@example.com", by=alice).pk == seat.pk


def test_joining_is_once_and_never_for_the_owner_or_candidate(alice, bob, dan, carol):
    interview = make_interview(alice, carol)
    seat = panel.add_member(interview, email="x@example.com", by=alice)
    with pytest.raises(InvalidTransition):
        panel.join(seat, alice)
    with pytest.raises(InvalidTransition):
        panel.join(seat, carol)
    panel.join(seat, bob)
    with pytest.raises(InvalidTransition):
        panel.join(seat, dan)  # used
    other = panel.add_member(interview, email="y@example.com", by=alice)
    with pytest.raises(InvalidTransition):
        panel.join(other, bob)  # one seat per person
    assert PanelMember.objects.get(pk=seat.pk).user == bob


def test_members_are_added_and_removed_only_before_the_start(alice, bob, carol):
    interview = make_interview(alice, carol)
    seat = panel.add_member(interview, email="bob@example.com", by=alice)
    panel.remove_member(seat)
    assert not interview.panel.exists()  # solo again: the lead's seat went too
    running = make_panel(alice, carol, [bob])
    with pytest.raises(InvalidTransition):
        panel.add_member(running, email="z@example.com", by=alice)
    with pytest.raises(InvalidTransition):
        panel.remove_member(seats(running)["bob"])


def test_each_seat_scores_on_its_own_row_and_the_interview_keeps_none(alice, bob, carol):
    interview = make_panel(alice, carol, [bob])
    item = interview.questions.get(position=0)
    lead, member = seats(interview)["alice"], seats(interview)["bob"]
    assert panel.set_score(lead, item, Decimal(4), revision=0).ok
    assert panel.set_score(member, item, Decimal(2), revision=0).ok
    assert not panel.set_score(member, item, Decimal(3), revision=0).ok  # stale tab
    panel.tick(member, item, 0, on=True)
    panel.save_notes(member, item, "bob's note", revision=0)
    item.refresh_from_db()
    assert item.score is None and item.ticked == [] and item.notes == ""
    assert item.state == InterviewQuestion.State.ASKED
    rows = {
        row.member.user.username: row for row in MemberScore.objects.select_related("member__user")
    }
    assert rows["alice"].score == 4 and rows["alice"].ticked == []
    assert (
        rows["bob"].score == 2 and rows["bob"].ticked == [0] and rows["bob"].notes == "bob's note"
    )
    with pytest.raises(InvalidTransition):
        panel.tick(member, item, 99, on=True)


def test_blind_until_both_have_submitted(alice, bob, carol):
    interview = make_panel(alice, carol, [bob])
    lead, member = seats(interview)["alice"], seats(interview)["bob"]
    assert panel.can_see(member, member) and not panel.can_see(member, lead)
    lead.submitted_at = member.created_at
    assert not panel.can_see(member, lead)  # bob has not submitted: he sees nothing of alice
    assert not panel.can_see(lead, member)  # alice submitted, bob did not: nothing of bob
    member.submitted_at = member.created_at
    assert panel.can_see(member, lead) and panel.can_see(lead, member)
    assert not panel.can_see(None, lead)


def test_ending_a_panel_interview_asks_no_score_and_submission_freezes(alice, bob, carol):
    interview = make_panel(alice, carol, [bob])
    item = interview.questions.get(position=0)
    member = seats(interview)["bob"]
    panel.set_score(member, item, Decimal(3), revision=0)
    with pytest.raises(InvalidTransition):
        panel.submit(member, recommendation="yes", summary="")  # still running
    live.finish(interview, recommendation="yes", summary="ignored")
    interview.refresh_from_db()
    assert interview.status == Interview.Status.COMPLETED and interview.recommendation == ""
    panel.set_score(member, item, Decimal("3.5"), revision=1)  # still open after the end
    panel.submit(member, recommendation="no", summary="weak on scheduling")
    with pytest.raises(InvalidTransition):
        panel.set_score(member, item, Decimal(5), revision=2)
    amendment = panel.amend(member, item, Decimal(2), reason="misread the answer")
    assert MemberScore.objects.get(member=member, item=item).score == Decimal("3.5")
    assert panel.effective_scores(member)[item.pk] == Decimal(2) == amendment.score
    with pytest.raises(InvalidTransition):
        panel.amend(member, item, Decimal(1), reason="  ")


def test_submitting_needs_every_asked_question_scored(alice, bob, carol):
    interview = make_panel(alice, carol, [bob])
    live.goto(interview, 1)  # questions 0 and 1 asked
    live.finish(interview, recommendation="", summary="")
    member = seats(interview)["bob"]
    panel.set_score(member, interview.questions.get(position=0), Decimal(3), revision=0)
    assert [item.position for item in panel.unscored(member)] == [1]
    with pytest.raises(InvalidTransition):
        panel.submit(member, recommendation="yes", summary="")


def test_awards_are_per_seat(alice, bob, carol):
    interview = make_panel(alice, carol, [bob])
    point = BonusPoint.objects.get(category__topic__slug="secrets")
    lead, member = seats(interview)["alice"], seats(interview)["bob"]
    panel.award_bonus(lead, point, evidence="")
    award = panel.award_bonus(member, point, evidence="operator")
    assert BonusAward.objects.filter(interview=interview).count() == 2
    with pytest.raises(InvalidTransition):
        panel.revoke_bonus(lead, award)
    panel.revoke_bonus(member, award)
    assert list(BonusAward.objects.values_list("member__user__username", flat=True)) == ["alice"]


def test_decision_writes_final_scores_once_the_debrief_opens(alice, bob, dan, carol):
    interview = make_panel(alice, carol, [bob, dan])
    item = interview.questions.get(position=0)
    live.finish(interview, recommendation="", summary="")
    by_name = seats(interview)
    for name, score in (("alice", 4), ("bob", 2)):
        panel.set_score(by_name[name], item, Decimal(score), revision=0)
        panel.submit(by_name[name], recommendation="yes", summary="")
    interview.refresh_from_db()
    assert not panel.debrief_open(interview, list(interview.panel.all()))  # dan has not
    with pytest.raises(InvalidTransition):
        panel.decide(interview, final={item.pk: Decimal(3)}, recommendation="yes", summary="")
    interview = panel.close_round(interview)
    assert panel.debrief_open(interview, list(interview.panel.all()))
    with pytest.raises(InvalidTransition):
        panel.decide(interview, final={}, recommendation="yes", summary="")
    panel.decide(interview, final={item.pk: Decimal(3)}, recommendation="yes", summary="ok")
    item.refresh_from_db()
    interview.refresh_from_db()
    assert item.score == 3 and interview.recommendation == "yes" and interview.decided_at
    with pytest.raises(InvalidTransition):
        panel.set_score(by_name["dan"], item, Decimal(1), revision=0)  # decided: closed


def test_solo_interviews_still_need_every_asked_score_to_end(alice, carol):
    interview = make_interview(alice, carol, start=True)
    live.goto(interview, 1)
    first, second = interview.questions.order_by("position")[:2]
    live.set_score(first, Decimal(4), revision=0, user=alice)
    with pytest.raises(InvalidTransition):
        live.finish(interview, recommendation="yes", summary="")
    live.set_score(second, Decimal(2), revision=0, user=alice)
    live.finish(interview, recommendation="yes", summary="fine")
    interview.refresh_from_db()
    assert interview.recommendation == "yes" and not interview.panel.exists()


def test_the_decision_carries_submitted_seats_awards_once(alice, bob, dan, carol):
    interview = make_panel(alice, carol, [bob, dan])
    item = interview.questions.get(position=0)
    point = BonusPoint.objects.get(category__topic__slug="secrets")
    by_name = seats(interview)
    panel.award_bonus(by_name["alice"], point, evidence="operator")
    panel.award_bonus(by_name["bob"], point, evidence="CRD")
    panel.award_bonus(by_name["dan"], point, evidence="never submitted")
    live.finish(interview, recommendation="", summary="")
    for name in ("alice", "bob"):
        panel.set_score(by_name[name], item, Decimal(3), revision=0)
        panel.submit(by_name[name], recommendation="yes", summary="")
    panel.decide(panel.close_round(interview), final={item.pk: Decimal(3)},
                 recommendation="yes", summary="")  # fmt: skip
    final = BonusAward.objects.get(interview=interview, member=None)
    assert final.bonus_point == point and final.awarded_by == alice
    assert final.evidence == "operator\nCRD"  # dan's scorecard was never submitted


def test_the_leads_seat_is_never_removed_on_its_own(alice, bob, carol):
    interview = make_panel(alice, carol, [bob], start=False)
    lead = interview.panel.get(role=PanelMember.Role.LEAD)
    with pytest.raises(InvalidTransition):
        panel.remove_member(lead)
    assert interview.panel.count() == 2
