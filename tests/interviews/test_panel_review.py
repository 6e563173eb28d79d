"""After a panel interview: my scorecard, submission, amendments, the debrief (blind until
submitted), the lead's close and decision, and the report/CSV/share page showing panel data."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from interviews import live, panel
from interviews.answers import save_answer
from interviews.models import Amendment, InterviewQuestion, MemberScore
from tests.conftest import client_for, make_panel

pytestmark = pytest.mark.django_db


def seats(interview):
    return {seat.user.username: seat for seat in interview.panel.select_related("user")}


def ended(lead, candidate, members, *, asked: int = 1):
    """A panel interview that ran ``asked`` questions and ended; the candidate answered each."""
    interview = make_panel(lead, candidate, members)
    for position in range(asked):
        if position:
            live.goto(interview, position)
        item = interview.questions.get(position=position)
        save_answer(item, text=f"candidate answer {position}", base=0, client="t", seq=1)
    live.finish(interview, recommendation="", summary="")
    interview.refresh_from_db()
    return interview


def scored(interview, name, score, *, ticks=(), notes="", submit=True):
    seat = seats(interview)[name]
    for item in interview.questions.filter(state=InterviewQuestion.State.ASKED):
        row = panel.set_score(seat, item, Decimal(score), revision=0).score
        for index in ticks:
            panel.tick(seat, item, index, on=True)
        if notes:
            panel.save_notes(seat, item, notes, revision=row.notes_revision)
    if submit:
        panel.submit(seat, recommendation="yes", summary=f"{name} says yes")
    seat.refresh_from_db()
    return seat


def url(name, interview, *args):
    return reverse(f"interviews:{name}", args=[interview.pk, *args])


# --- My scorecard -------------------------------------------------------------------------------


def test_my_scorecard_scores_ticks_notes_and_guards_a_stale_revision(alice, bob, carol):
    interview = ended(alice, carol, [bob])
    item = interview.questions.get(position=0)
    client = client_for(bob)
    page = client.get(url("panel_scorecard", interview))
    assert page.status_code == 200 and "candidate answer 0" in page.text
    assert (
        client.post(
            url("panel_score", interview, item.pk), {"score": "3.5", "revision": "0"}
        ).status_code
        == 302
    )
    stale = client.post(
        url("panel_score", interview, item.pk), {"score": "1", "revision": "0"}, follow=True
    )
    assert "another tab" in stale.text
    client.post(url("panel_tick", interview, item.pk), {"index": "1", "on": "1"})
    client.post(url("panel_notes", interview, item.pk), {"notes": "bob thinks", "revision": "0"})
    mine = MemberScore.objects.get(member__user=bob, item=item)
    assert mine.score == Decimal("3.5") and mine.ticked == [1] and mine.notes == "bob thinks"
    assert (
        client.post(
            url("panel_score", interview, item.pk), {"score": "3.3", "revision": "1"}
        ).status_code
        == 400
    )
    assert (
        client.post(
            url("panel_score", interview, item.pk), {"score": "9", "revision": "1"}
        ).status_code
        == 400
    )
    assert client.post(url("panel_tick", interview, item.pk), {"index": "x"}).status_code == 400
    page = client.get(url("panel_scorecard", interview))
    assert "bob thinks" in page.text and 'aria-pressed="true"' in page.text


def test_notes_saved_from_the_scorecard_page_save_again_from_the_page_it_returns(alice, bob, carol):
    # The notes form carries the seat's notes revision: each save from the page as it is shown
    # is taken, none refused as stale or malformed.
    interview = ended(alice, carol, [bob])
    item = interview.questions.get(position=0)
    client = client_for(bob)
    notes_url = url("panel_notes", interview, item.pk)
    form = re.compile(rf'action="{re.escape(notes_url)}".*?name="revision" value="([^"]*)"', re.S)
    for text in ("first thought", "second thought"):
        revision = form.search(client.get(url("panel_scorecard", interview)).text).group(1)
        saved = client.post(notes_url, {"notes": text, "revision": revision})
        assert saved.status_code == 302, (text, revision)
        assert MemberScore.objects.get(member__user=bob, item=item).notes == text


def test_submitting_asks_first_then_freezes_and_amendments_show(alice, bob, carol):
    interview = ended(alice, carol, [bob])
    item = interview.questions.get(position=0)
    client = client_for(bob)
    data = {"recommendation": "no", "summary": "weak"}
    unscored = client.post(url("panel_submit", interview), data)  # asks first
    assert unscored.status_code == 200 and "Submit and freeze" in unscored.text
    refused = client.post(url("panel_submit", interview), {**data, "confirmed": "1"}, follow=True)
    assert "score every asked question" in refused.text
    client.post(url("panel_score", interview, item.pk), {"score": "2", "revision": "0"})
    assert client.post(url("panel_submit", interview), {"summary": "x"}).status_code == 400
    done = client.post(url("panel_submit", interview), {**data, "confirmed": "1"})
    assert done.status_code == 302
    seat = seats(interview)["bob"]
    assert seat.is_submitted and seat.recommendation == "no"
    frozen = client.post(
        url("panel_score", interview, item.pk), {"score": "5", "revision": "1"}, follow=True
    )
    assert "amend it instead" in frozen.text
    assert MemberScore.objects.get(member=seat, item=item).score == 2
    client.post(url("panel_amend", interview, item.pk), {"score": "4", "reason": ""})
    assert not Amendment.objects.exists()  # a reason is required
    client.post(url("panel_amend", interview, item.pk), {"score": "4", "reason": "misread it"})
    page = client.get(url("panel_scorecard", interview))
    assert "misread it" in page.text and "Save score" not in page.text


def test_scorecard_of_a_running_interview_goes_to_the_console(alice, bob, carol):
    interview = make_panel(alice, carol, [bob])
    response = client_for(bob).get(url("panel_scorecard", interview))
    assert response.status_code == 302 and response.url == url("live", interview)


# --- Debrief ------------------------------------------------------------------------------------


def test_a_seat_that_has_not_submitted_sees_nothing_of_the_others(alice, bob, carol):
    interview = ended(alice, carol, [bob])
    scored(interview, "alice", 5, notes="ALICE-PRIVATE")
    scored(interview, "bob", 1, submit=False)
    client = client_for(bob)
    debrief = client.get(url("panel_debrief", interview))
    assert debrief.status_code == 302 and debrief.url == url("panel_scorecard", interview)
    page = client.get(url("panel_scorecard", interview))
    assert "ALICE-PRIVATE" not in page.text and "alice says yes" not in page.text


def test_debrief_waits_then_shows_seats_side_by_side_with_disagreements(alice, bob, dan, carol):
    interview = ended(alice, carol, [bob, dan])
    scored(interview, "alice", 5, ticks=[0])
    scored(interview, "bob", 2, ticks=[0, 1], notes="BOB-NOTE")
    waiting = client_for(alice).get(url("panel_debrief", interview))
    assert waiting.status_code == 200 and "opens once every seat" in waiting.text
    assert "Dan" in waiting.text and "Close the round" in waiting.text  # dan pending
    assert "BOB-NOTE" not in waiting.text and "bob says yes" not in waiting.text
    # bob's debrief: no close button (he does not lead).
    assert "Close the round" not in client_for(bob).get(url("panel_debrief", interview)).text
    scored(interview, "dan", 3, notes="DAN-NOTE")
    page = client_for(bob).get(url("panel_debrief", interview))
    assert page.status_code == 200
    assert "candidate answer 0" in page.text and "is-disagreement" in page.text
    assert "3 points apart" in page.text and "key points split" in page.text
    assert "Record the decision" not in page.text  # bob is no lead
    assert "Dan" in page.text and "dan says yes" in page.text


def test_debrief_shows_amendments(alice, bob, carol):
    interview = ended(alice, carol, [bob])
    scored(interview, "alice", 4)
    seat = scored(interview, "bob", 4)
    panel.amend(seat, interview.questions.get(position=0), Decimal(1), reason="BOB-CHANGED-MIND")
    page = client_for(alice).get(url("panel_debrief", interview))
    assert "BOB-CHANGED-MIND" in page.text and "is-disagreement" in page.text


def test_lead_closes_the_round_with_confirmation_and_decides(alice, bob, dan, carol):
    interview = ended(alice, carol, [bob, dan])
    scored(interview, "alice", 4)
    scored(interview, "bob", "2.5")
    client = client_for(alice)
    confirm = client.get(url("panel_close", interview))
    assert confirm.status_code == 200 and "Close the round" in confirm.text
    assert client.post(url("panel_close", interview)).status_code == 302
    interview.refresh_from_db()
    assert interview.round_closed_at is not None
    page = client.get(url("panel_debrief", interview))
    item = interview.questions.get(position=0)
    # Prefilled with the median of 4 and 2.5 on the half-point grid.
    assert '<option value="3.5" selected' in page.text and "Record the decision" in page.text
    bad = client.post(
        url("panel_decide", interview), {"recommendation": "yes", "summary": "s"}, follow=True
    )
    assert "final score" in bad.text.lower()
    interview.refresh_from_db()
    assert interview.decided_at is None
    done = client.post(
        url("panel_decide", interview),
        {f"final-{item.pk}": "3.5", "recommendation": "yes", "summary": "hire"},
    )
    assert done.status_code == 302 and done.url == url("report", interview)
    interview.refresh_from_db()
    item.refresh_from_db()
    assert interview.decided_at is not None and item.score == Decimal("3.5")
    assert interview.recommendation == "yes"


def test_co_interviewer_cannot_close_or_decide(alice, bob, carol):
    interview = ended(alice, carol, [bob])
    scored(interview, "alice", 4)
    scored(interview, "bob", 4)
    item = interview.questions.get(position=0)
    client = client_for(bob)
    assert client.post(url("panel_close", interview)).status_code == 404
    data = {f"final-{item.pk}": "4", "recommendation": "yes", "summary": "s"}
    assert client.post(url("panel_decide", interview), data).status_code == 404
    interview.refresh_from_db()
    assert interview.decided_at is None and interview.round_closed_at is None


# --- Who gets in ----------------------------------------------------------------------------------

VIEWS = [
    ("panel_scorecard", "get", False),
    ("panel_debrief", "get", False),
    ("panel_close", "post", False),
    ("panel_decide", "post", False),
    ("panel_submit", "post", False),
    ("panel_score", "post", True),
    ("panel_tick", "post", True),
    ("panel_notes", "post", True),
    ("panel_amend", "post", True),
]


@pytest.mark.parametrize(("name", "method", "per_item"), VIEWS)
def test_outsiders_candidates_and_anonymous_are_refused(
    name, method, per_item, alice, bob, dan, carol
):
    interview = ended(alice, carol, [bob])
    args = [interview.questions.get(position=0).pk] if per_item else []
    target = url(name, interview, *args)
    assert getattr(client_for(dan), method)(target).status_code == 404
    assert getattr(client_for(carol), method)(target).status_code in (403, 404)
    anonymous = getattr(client_for(None), method)(target)
    assert anonymous.status_code == 302 and "/login" in anonymous.url


@pytest.mark.parametrize(("name", "method", "per_item"), VIEWS)
def test_wrong_method_is_405(name, method, per_item, alice, bob, carol):
    interview = ended(alice, carol, [bob])
    args = [interview.questions.get(position=0).pk] if per_item else []
    target = url(name, interview, *args)
    wrong = client_for(alice).delete(target) if name == "panel_close" else None
    if wrong is None:
        wrong = getattr(client_for(alice), "post" if method == "get" else "get")(target)
    assert wrong.status_code == 405


def test_the_owner_of_a_solo_interview_has_no_panel_pages(alice, carol):
    from tests.conftest import make_interview

    solo = make_interview(alice, carol, start=True)
    for item in solo.questions.all():
        live.set_not_asked(item, True)
    live.finish(solo, recommendation="yes", summary="ok")
    assert client_for(alice).get(url("panel_scorecard", solo)).status_code == 404
    assert client_for(alice).post(url("panel_close", solo)).status_code == 404


# --- Query counts -------------------------------------------------------------------------------


@pytest.mark.cache  # the pin counts on the session being in the cache
def test_scorecard_page_queries_do_not_grow_with_questions(
    alice, bob, carol, django_assert_num_queries
):
    interview = ended(alice, carol, [bob], asked=3)
    scored(interview, "bob", 3, ticks=[0], notes="n")
    client = client_for(bob)
    client.get(url("panel_scorecard", interview))  # warm caches (calibrations)
    with django_assert_num_queries(7):
        page = client.get(url("panel_scorecard", interview))
    assert page.status_code == 200 and "candidate answer 2" in page.text


@pytest.mark.cache  # the pin counts on the session being in the cache
def test_debrief_page_queries_do_not_grow_with_seats(
    alice, bob, dan, carol, django_assert_num_queries
):
    small = ended(alice, carol, [bob], asked=1)
    large = ended(alice, carol, [bob, dan], asked=3)
    for interview, names in ((small, ("alice", "bob")), (large, ("alice", "bob", "dan"))):
        for name in names:
            scored(interview, name, 3)
    client = client_for(alice)
    for interview in (small, large):
        client.get(url("panel_debrief", interview))
        with django_assert_num_queries(8):
            page = client.get(url("panel_debrief", interview))
        assert page.status_code == 200 and "Record the decision" in page.text


# --- The report, its CSV and the shared page after the decision ----------------------------------


def decided(alice, bob, carol):
    interview = ended(alice, carol, [bob])
    scored(interview, "alice", 4)
    seat = scored(interview, "bob", 2)
    item = interview.questions.get(position=0)
    panel.amend(seat, item, Decimal("1.5"), reason="r")
    interview.refresh_from_db()
    panel.decide(interview, final={item.pk: Decimal(3)}, recommendation="yes", summary="hire")
    interview.refresh_from_db()
    return interview


def test_report_shows_final_scores_and_the_panel_section(alice, bob, carol):
    interview = decided(alice, bob, carol)
    page = client_for(alice).get(url("report", interview))
    assert page.status_code == 200 and "has not decided yet" not in page.text
    assert 'class="score-value">3' in page.text
    assert "panel-section" in page.text and "bob says yes" in page.text
    assert "4 · 1.5*" in page.text  # alice's, then bob's amended score


def test_csv_has_a_column_per_seat_neutralised(alice, bob, carol):
    bob.first_name = "=HYPERLINK(1)"
    bob.save()
    interview = decided(alice, bob, carol)
    body = client_for(alice).get(url("report_csv", interview)).content.decode()
    assert "panel: Alice" in body and "'panel: =HYPERLINK" not in body
    assert "panel: =HYPERLINK(1)" in body  # a header cell that does not start with "="
    assert "1.5 (amended)" in body
    assert "\npanel,'=HYPERLINK(1),member,Yes" in body.replace("\r\n", "\n")


def test_shared_page_shows_members_scores_only_with_the_panel_part(alice, bob, carol):
    interview = decided(alice, bob, carol)
    client = client_for(alice)
    client.post(url("share", interview), {"parts": ["scores"]})
    interview.refresh_from_db()
    shared = reverse("interviews:shared", args=[interview.share_token])
    page = client_for(None).get(shared)
    assert page.status_code == 200 and "panel-section" not in page.text and "1.5*" not in page.text
    client.post(url("share", interview), {"parts": ["scores", "panel"]})
    page = client_for(None).get(shared)
    assert "panel-section" in page.text and "4 · 1.5*" in page.text


def test_report_of_an_undecided_panel_shows_no_seat_scores(alice, bob, carol):
    interview = ended(alice, carol, [bob])
    scored(interview, "alice", 4)
    scored(interview, "bob", 2)
    page = client_for(alice).get(url("report", interview))
    assert page.status_code == 200 and "panel-section" not in page.text
    assert "bob says yes" not in page.text
    assert "has not decided yet" in page.text and url("panel_debrief", interview) in page.text


def test_after_the_round_closes_a_pending_seat_is_listed_but_shows_nothing(alice, bob, dan, carol):
    interview = ended(alice, carol, [bob, dan])
    scored(interview, "alice", 4)
    scored(interview, "bob", 4)
    scored(interview, "dan", 0, ticks=[1], submit=False)
    panel.close_round(interview)
    page = client_for(bob).get(url("panel_debrief", interview))
    assert page.status_code == 200 and "Not submitted yet" in page.text
    assert '<th scope="col">Alice' in page.text and '<th scope="col">Dan' not in page.text
    assert "is-disagreement" not in page.text  # dan's 0 and ticks do not count
    # dan can still submit, and then sees the debrief too.
    client_for(dan).post(
        url("panel_submit", interview), {"recommendation": "no", "summary": "x", "confirmed": "1"}
    )
    page = client_for(dan).get(url("panel_debrief", interview))
    assert page.status_code == 200 and '<th scope="col">Dan' in page.text


def test_htmx_writes_answer_the_row_and_a_stale_tab_gets_409(alice, bob, carol):
    interview = ended(alice, carol, [bob])
    item = interview.questions.get(position=0)
    client = client_for(bob)
    hx = {"HX-Request": "true"}
    saved = client.post(
        url("panel_score", interview, item.pk), {"score": "4", "revision": "0"}, headers=hx
    )
    assert saved.status_code == 200 and f'id="q-{item.pk}"' in saved.text
    assert '<option value="4" selected' in saved.text and "<html" not in saved.text
    stale = client.post(
        url("panel_score", interview, item.pk), {"score": "1", "revision": "0"}, headers=hx
    )
    assert stale.status_code == 409 and "another tab" in stale.text
    assert '<option value="4" selected' in stale.text  # what is saved, shown
    ticked = client.post(
        url("panel_tick", interview, item.pk), {"index": "0", "on": "1"}, headers=hx
    )
    assert ticked.status_code == 200 and 'aria-pressed="true"' in ticked.text


def test_a_question_never_asked_has_no_scorecard_row(alice, bob, carol):
    interview = ended(alice, carol, [bob])
    never = interview.questions.get(position=2)
    response = client_for(bob).post(
        url("panel_score", interview, never.pk), {"score": "4", "revision": "0"}
    )
    assert response.status_code == 404 and not MemberScore.objects.filter(item=never).exists()
