"""The live console on a panel: every seat follows the lead's question, answer and clock, and
scores, ticks, notes and awards on its own scorecard, blind to the others'; only the lead moves,
pauses, skips and ends."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from interviews import live, panel
from interviews.answers import save_answer
from interviews.models import BonusAward, Interview, InterviewQuestion, MemberScore
from questionbank.models import BonusPoint
from tests.conftest import client_for, make_panel
from tests.interviews.console_helpers import HTMX, poll_of

pytestmark = pytest.mark.django_db

ALICE_NOTE = "ALICE-PRIVATE-NOTE"
ALICE_EVIDENCE = "ALICE-EVIDENCE"
BOB_NOTE = "BOB-PRIVATE-NOTE"


@pytest.fixture
def room(alice, bob, carol):
    """Alice leads, Bob sits on the panel, Carol is the candidate: the interview is running."""
    return make_panel(alice, carol, [bob])


def seat(interview, user):
    return interview.panel.get(user=user)


def current(interview):
    interview.refresh_from_db()
    return interview.questions.get(position=interview.position)


def url(name, interview, *args):
    return reverse(f"interviews:{name}", args=[interview.pk, *args])


def pressed(html: str) -> list[str]:
    """The score buttons shown as chosen."""
    return re.findall(r'data-score="([\d.]+)" class="[^"]*is-current', html)


def page(client, interview) -> str:
    response = client.get(url("live", interview))
    assert response.status_code == 200
    return response.content.decode()


def alice_scores_everything(interview, alice_seat):
    """Alice's scorecard on the current question: a 5, a tick, a note, an award."""
    item = current(interview)
    panel.set_score(alice_seat, item, 5, revision=0)
    panel.tick(alice_seat, item, 1, on=True)
    panel.save_notes(alice_seat, item, ALICE_NOTE, revision=0)
    point = BonusPoint.objects.get(category__topic__slug="secrets")
    return panel.award_bonus(alice_seat, point, evidence=ALICE_EVIDENCE)


# --- Every seat has the console --------------------------------------------------------------


def test_a_co_interviewer_follows_the_same_question_answer_and_clock(room, bob):
    item = current(room)
    item.interview = room
    save_answer(item, text="候选人的回答", base=0, client="t", seq=1, force=True)
    html = page(client_for(bob), room)
    assert "第一题是什么" in html and "候选人的回答" in html
    assert "data-countdown" in html and 'hx-get="' + url("state", room) in html
    assert "Alice leads this interview" in html
    for control in ('id="go-next"', 'id="go-previous"', 'id="pause-resume"', 'id="not-asked"'):
        assert control not in html
    assert url("finish", room) not in html and url("goto", room) not in html
    assert url("score", room, item.pk) in html and url("tick", room, item.pk) in html


def test_the_lead_keeps_every_control(room, alice):
    html = page(client_for(alice), room)
    for control in ('id="go-next"', 'id="pause-resume"', 'id="not-asked"', url("finish", room)):
        assert control in html
    assert "leads this interview" not in html


def test_a_co_interviewer_sees_the_lead_move_on_at_the_next_poll(room, alice, bob):
    client = client_for(bob)
    shown = poll_of(page(client, room))
    live.goto(room, 1)
    update = client.get(url("state", room), shown, headers=HTMX)
    body = update.content.decode()
    assert update.status_code == 200 and "第二题是什么" in body
    assert 'id="go-next"' not in body and "Alice leads this interview" in body
    assert client.get(url("state", room), poll_of(body), headers=HTMX).status_code == 204


def test_a_co_interviewer_waits_for_the_start_and_leaves_at_the_end(alice, bob, carol):
    waiting = make_panel(alice, carol, [bob], start=False)
    client = client_for(bob)
    assert client.get(url("live", waiting)).url == reverse("interviews:detail", args=[waiting.pk])
    live.start(waiting)
    shown = poll_of(page(client, waiting))
    live.finish(waiting, recommendation="", summary="")
    scorecard = reverse("interviews:panel_scorecard", args=[waiting.pk])
    assert client.get(url("live", waiting)).url == scorecard  # to complete and submit it
    ended = client.get(url("state", waiting), shown, headers=HTMX)
    assert ended.headers["HX-Redirect"] == scorecard
    assert client.get(reverse("interviews:detail", args=[waiting.pk])).url == scorecard


# --- A seat's own scorecard ------------------------------------------------------------------


def test_a_co_interviewer_scores_ticks_notes_and_awards_on_their_own_scorecard(room, alice, bob):
    client = client_for(bob)
    item = current(room)
    bob_seat = seat(room, bob)
    shown = poll_of(page(client, room))

    scored = client.post(url("score", room, item.pk), {"score": "3.5", "revision": "0", **shown},
                         headers=HTMX)  # fmt: skip
    assert scored.status_code == 200 and pressed(scored.content.decode()) == ["3.5"]
    assert "is-scored" in scored.content.decode()  # the nav marks Bob's own score
    ticked = client.post(url("tick", room, item.pk), {"index": "0", "on": "1"}, headers=HTMX)
    assert ticked.status_code == 200 and 'aria-checked="true"' in ticked.content.decode()
    noted = client.post(url("notes", room, item.pk), {"notes": BOB_NOTE, "revision": "0"},
                        headers=HTMX)  # fmt: skip
    assert noted.status_code == 200 and "Notes saved." in noted.content.decode()
    point = BonusPoint.objects.get(category__topic__slug="secrets")
    awarded = client.post(url("award", room), {"bonus_point": point.pk, "evidence": "源码"},
                          headers=HTMX)  # fmt: skip
    assert awarded.status_code == 200 and "源码" in awarded.content.decode()

    row = MemberScore.objects.get(member=bob_seat, item=item)
    assert (row.score, row.ticked, row.notes) == (3.5, [0], BOB_NOTE)
    award = BonusAward.objects.get(member=bob_seat)
    assert award.evidence == "源码" and award.awarded_by == bob
    item.refresh_from_db()
    assert item.score is None and item.ticked == [] and item.notes == ""  # the interview's own
    assert not MemberScore.objects.filter(member=seat(room, alice)).exists()
    assert not BonusAward.objects.filter(member=None).exists()

    html = page(client, room)  # the console shows what Bob saved, and only that
    assert pressed(html) == ["3.5"] and BOB_NOTE in html and 'aria-checked="true"' in html
    assert f'id="revoke-{award.pk}"' in html

    revoked = client.post(url("revoke", room, award.pk), headers=HTMX)
    assert revoked.status_code == 200 and not BonusAward.objects.filter(pk=award.pk).exists()


def test_a_stale_score_from_another_tab_is_refused_with_the_seats_own_current_one(room, bob):
    client = client_for(bob)
    item = current(room)
    panel.set_score(seat(room, bob), item, 2, revision=0)
    stale = client.post(url("score", room, item.pk), {"score": "4", "revision": "0"},
                        headers=HTMX)  # fmt: skip
    assert stale.status_code == 409 and pressed(stale.content.decode()) == ["2"]
    stale_notes = client.post(url("notes", room, item.pk), {"notes": "x", "revision": "7"},
                              headers=HTMX)  # fmt: skip
    assert stale_notes.status_code == 409
    assert MemberScore.objects.get(member=seat(room, bob), item=item).score == 2


def test_bad_input_gets_a_clear_refusal(room, bob):
    client = client_for(bob)
    item = current(room)
    assert (
        client.post(url("score", room, item.pk), {"score": "7", "revision": "0"}).status_code == 400
    )
    assert client.post(url("tick", room, item.pk), {"index": "9", "on": "1"}).status_code == 400
    assert client.post(url("award", room), {"bonus_point": "x"}).status_code == 400
    assert not MemberScore.objects.filter(score__isnull=False).exists()


def test_a_submitted_scorecard_is_not_changed_from_the_console(room, alice, bob):
    item = current(room)
    panel.set_score(seat(room, bob), item, 3, revision=0)
    live.goto(room, 1)
    live.set_not_asked(current(room), True)
    live.goto(room, 2)
    live.set_not_asked(current(room), True)
    live.finish(room, recommendation="", summary="")
    panel.submit(seat(room, bob), recommendation="hire", summary="ok")
    refused = client_for(bob).post(url("score", room, item.pk), {"score": "1", "revision": "1"})
    assert refused.status_code == 400
    assert MemberScore.objects.get(member=seat(room, bob), item=item).score == 3


# --- Blind --------------------------------------------------------------------------------------


def test_a_seat_never_sees_another_seats_scorecard(room, alice, bob):
    client = client_for(bob)
    before = poll_of(page(client, room))  # Bob's console as it stood
    award = alice_scores_everything(room, seat(room, alice))
    item = current(room)

    def blind(html: str):
        assert ALICE_NOTE not in html and ALICE_EVIDENCE not in html
        assert f"revoke-{award.pk}" not in html
        assert "5" not in pressed(html)
        assert 'aria-checked="true"' not in html  # Alice ticked key point 2; Bob nothing

    html = page(client, room)
    blind(html)
    assert 'class="nav-dot is-current"' in html  # no score mark from Alice's 5
    update = client.get(url("state", room), before, headers=HTMX)
    assert update.status_code == 200
    blind(update.content.decode())
    shown = poll_of(update.content.decode())
    for reply in (
        client.post(url("notes", room, item.pk), {"notes": BOB_NOTE, "revision": "0", **shown},
                    headers=HTMX),
        client.post(url("award", room), {"bonus_point": award.bonus_point_id, **shown},
                    headers=HTMX),
    ):  # fmt: skip
        assert reply.status_code == 200
        blind(reply.content.decode())
    ticked = client.post(url("tick", room, item.pk), {"index": "0", "on": "1"}, headers=HTMX)
    assert ALICE_NOTE not in ticked.content.decode()
    assert ticked.content.decode().count('aria-checked="true"') == 1  # Bob's own tick only
    scored = client.post(url("score", room, item.pk), {"score": "1", "revision": "0"},
                         headers=HTMX)  # fmt: skip
    assert pressed(scored.content.decode()) == ["1"]
    assert ALICE_NOTE not in scored.content.decode()
    # Bob's own award of the same point sits beside Alice's, which he cannot revoke
    assert client.post(url("revoke", room, award.pk), headers=HTMX).status_code == 200
    assert BonusAward.objects.filter(pk=award.pk).exists()
    # and the lead sees nothing of Bob's
    lead = page(client_for(alice), room)
    assert BOB_NOTE not in lead and pressed(lead) == ["5"]


# --- Only the lead moves ---------------------------------------------------------------------


def test_a_co_interviewer_cannot_move_pause_skip_or_end(room, bob):
    client = client_for(bob)
    item = current(room)
    for name, args, data in (
        ("goto", [], {"position": "1"}),
        ("pause", [], {}),
        ("resume", [], {}),
        ("not_asked", [item.pk], {"not_asked": "1"}),
        ("finish", [], {}),
    ):
        assert client.post(url(name, room, *args), data).status_code == 404, name
    assert client.get(url("finish", room)).status_code == 404
    room.refresh_from_db()
    item.refresh_from_db()
    assert room.position == 0 and room.is_live and not room.is_paused
    assert item.state != InterviewQuestion.State.NOT_ASKED


def test_the_lead_ends_a_panel_without_scores_or_a_recommendation(room, alice):
    client = client_for(alice)
    form = client.get(url("finish", room))
    html = form.content.decode()
    assert form.status_code == 200 and 'name="recommendation"' not in html
    assert "each interviewer then completes and submits their own scorecard" in html
    ended = client.post(url("finish", room))
    assert ended.url == url("report", room)
    room.refresh_from_db()
    assert room.status == Interview.Status.COMPLETED and room.recommendation == ""


# --- Who gets in -----------------------------------------------------------------------------


def test_an_interviewer_off_the_panel_gets_404_everywhere(room, alice, dan):
    client = client_for(dan)
    item = current(room)
    award = alice_scores_everything(room, seat(room, alice))
    assert client.get(url("live", room)).status_code == 404
    assert client.get(url("state", room), {"v": "0"}, headers=HTMX).status_code == 404
    for name, args, data in (
        ("score", [item.pk], {"score": "1", "revision": "0"}),
        ("tick", [item.pk], {"index": "0", "on": "1"}),
        ("notes", [item.pk], {"notes": "x", "revision": "0"}),
        ("award", [], {"bonus_point": award.bonus_point_id}),
        ("revoke", [award.pk], {}),
    ):
        assert client.post(url(name, room, *args), data).status_code == 404, name
    assert BonusAward.objects.filter(pk=award.pk).exists()


def test_the_candidate_and_anonymous_visitors_get_no_console(room, carol, bob):
    item = current(room)
    candidate = client_for(carol)
    assert candidate.get(url("live", room)).status_code == 403
    assert (
        candidate.post(url("score", room, item.pk), {"score": "1", "revision": "0"}).status_code
        == 403
    )
    assert candidate.get(url("state", room), {"v": "0"}, headers=HTMX).status_code == 403
    anonymous = client_for(None)
    assert anonymous.get(url("live", room)).url.startswith(reverse("login"))
    assert anonymous.post(url("tick", room, item.pk), {"index": "0", "on": "1"}).url.startswith(
        reverse("login")
    )
    assert not MemberScore.objects.exists()


def test_wrong_methods_get_405(room, bob):
    client = client_for(bob)
    item = current(room)
    assert client.post(url("live", room)).status_code == 405
    for name, args in (
        ("score", [item.pk]),
        ("tick", [item.pk]),
        ("notes", [item.pk]),
        ("award", []),
        ("revoke", [1]),
    ):
        assert client.get(url(name, room, *args)).status_code == 405, name
    assert client.post(url("state", room)).status_code == 405


# --- Cost ------------------------------------------------------------------------------------


@pytest.mark.cache
def test_a_seats_console_runs_a_fixed_number_of_queries(room, bob, django_assert_num_queries):
    client = client_for(bob)
    item = current(room)
    page(client, room)  # the session and caches warm
    with django_assert_num_queries(8):  # a solo console's 7 + its scorecard (the seat: joined)
        html = page(client, room)
    assert "Alice leads this interview" in html
    shown = poll_of(html)
    with django_assert_num_queries(1):  # unchanged: the fast path knows Bob's seat
        assert client.get(url("state", room), shown, headers=HTMX).status_code == 204
    with django_assert_num_queries(17):  # the seat's guarded write, the nav
        scored = client.post(url("score", room, item.pk), {"score": "3", "revision": "0", **shown},
                             headers=HTMX)  # fmt: skip
    assert scored.status_code == 200 and pressed(scored.content.decode()) == ["3"]


def test_a_reloaded_console_holds_the_seats_own_notes_revision_so_the_next_edit_saves(room, bob):
    client = client_for(bob)
    item = current(room)
    panel.save_notes(seat(room, bob), item, BOB_NOTE, revision=0)  # the lead's notes: none
    html = page(client, room)
    revision = re.search(r'id="notes-revision" name="revision" value="(\d+)"', html).group(1)
    assert revision == "1"
    again = client.post(url("notes", room, item.pk), {"notes": f"{BOB_NOTE} more",
                        "revision": revision}, headers=HTMX)  # fmt: skip
    assert again.status_code == 200 and "Notes saved." in again.content.decode()
    assert MemberScore.objects.get(member=seat(room, bob), item=item).notes == f"{BOB_NOTE} more"
