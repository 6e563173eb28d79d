"""A seat's scorecard and the lead's debrief at their edges: malformed and too-long posts, a
second tab's notes, a score or decision that cannot be taken, a superuser on a cancelled panel."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from interviews import live
from interviews.models import Amendment, Interview, MemberScore
from tests.conftest import client_for, make_panel
from tests.interviews.console_helpers import HTMX
from tests.interviews.test_panel_review import ended, scored, seats

pytestmark = pytest.mark.django_db


def url(name, interview, *args):
    return reverse(f"interviews:{name}", args=[interview.pk, *args])


def asked(interview):
    return interview.questions.get(position=0)


def test_notes_with_a_nonsense_revision_or_too_long_are_refused(alice, bob, carol):
    interview = ended(alice, carol, [bob])
    item, client = asked(interview), client_for(bob)
    bad = client.post(
        url("panel_notes", interview, item.pk), {"notes": "x", "revision": "new"}, headers=HTMX
    )
    assert bad.status_code == 400 and "reload it" in bad.content.decode()
    data = {"notes": "长" * 10_001, "revision": "0"}
    long = client.post(url("panel_notes", interview, item.pk), data, headers=HTMX)
    assert long.status_code == 400 and "at most 10,000" in long.content.decode()
    data = {"notes": "长" * 10_000, "revision": "0"}
    assert (
        client.post(url("panel_notes", interview, item.pk), data, headers=HTMX).status_code == 200
    )
    assert len(MemberScore.objects.get(member__user=bob, item=item).notes) == 10_000


def test_notes_from_a_tab_behind_another_are_a_409_showing_the_newer_notes(alice, bob, carol):
    interview = ended(alice, carol, [bob])
    item, client = asked(interview), client_for(bob)
    data = {"notes": "FIRST-TAB", "revision": "0"}
    assert (
        client.post(url("panel_notes", interview, item.pk), data, headers=HTMX).status_code == 200
    )
    data = {"notes": "SECOND-TAB", "revision": "0"}
    stale = client.post(url("panel_notes", interview, item.pk), data, headers=HTMX)
    body = stale.content.decode()
    assert stale.status_code == 409 and "changed in another tab first" in body
    assert "FIRST-TAB" in body
    assert MemberScore.objects.get(member__user=bob, item=item).notes == "FIRST-TAB"


def test_an_amendment_needs_a_score_in_steps_and_a_short_reason(alice, bob, carol):
    interview = ended(alice, carol, [bob])
    scored(interview, "bob", 3)
    item, client = asked(interview), client_for(bob)
    for score in ("7", "2.3", "x", ""):
        response = client.post(
            url("panel_amend", interview, item.pk), {"score": score, "reason": "r"}, follow=True
        )
        assert "A score is 0 to 5 in steps of 0.5." in response.content.decode(), score
    data = {"score": "2", "reason": "r" * 2001}
    long = client.post(url("panel_amend", interview, item.pk), data)
    assert long.status_code == 400 and "at most 2,000" in long.content.decode()
    assert not Amendment.objects.exists()
    data = {"score": "2", "reason": "r" * 2000}
    client.post(url("panel_amend", interview, item.pk), data)
    assert Amendment.objects.get().score == Decimal(2)


def test_submitting_with_an_unscored_question_says_why_and_freezes_nothing(alice, bob, carol):
    interview = ended(alice, carol, [bob])
    data = {"recommendation": "yes", "summary": "ok", "confirmed": "1"}
    response = client_for(bob).post(url("panel_submit", interview), data, follow=True)
    assert "score every asked question before submitting" in response.content.decode()
    assert not seats(interview)["bob"].is_submitted


def test_a_decision_the_panel_cannot_take_yet_says_why_and_records_nothing(alice, bob, carol):
    interview = ended(alice, carol, [bob])
    scored(interview, "alice", 4)  # bob has not submitted, the round is open: no debrief yet
    data = {f"final-{asked(interview).pk}": "4", "recommendation": "yes", "summary": "good"}
    response = client_for(alice).post(url("panel_decide", interview), data, follow=True)
    assert response.redirect_chain[-1][0] == url("panel_debrief", interview)
    assert "the debrief has not opened" in response.content.decode()
    interview.refresh_from_db()
    assert interview.decided_at is None


def test_a_superuser_finds_no_debrief_of_a_cancelled_panel(alice, bob, carol, root):
    interview = make_panel(alice, carol, [bob])
    live.cancel(interview)
    assert Interview.objects.get(pk=interview.pk).status == Interview.Status.CANCELLED
    assert client_for(root).get(url("panel_debrief", interview)).status_code == 404
