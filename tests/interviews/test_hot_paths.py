"""The live interview's frequent requests (issue 12, item 10): the unchanged poll answers from
one plain query and only to whoever follows the interview; a poll while the candidate types
renders the checklist only when what it shows changed; an autosave reads its question once,
under the lock, and refuses a question of another interview."""

from __future__ import annotations

import pytest
from django.urls import reverse

from interviews.models import Answer
from tests.conftest import client_for, make_interview, make_panel
from tests.interviews.console_helpers import HTMX, console_poll, poll_of, state, type_answer

pytestmark = pytest.mark.django_db

UNSURE = "我不太清楚，容器编排大概是自动化部署。"
COVERS = "调度器预选过滤节点，资源不够的节点先排除。"  # the first question's second key point


# --- The unchanged poll -----------------------------------------------------------------------


@pytest.mark.cache
def test_an_unchanged_poll_costs_one_query_for_each_who_follows_it(
    alice, bob, carol, django_assert_num_queries
):
    interview = make_panel(alice, carol, [bob])
    for user in (alice, bob):  # the lead and a co-interviewer follow the console's version
        client = client_for(user)
        shown = console_poll(client, interview)
        with django_assert_num_queries(1):
            assert state(client, interview, shown).status_code == 204
    client = client_for(carol)  # the candidate follows the candidate's version
    shown = {"cv": interview.candidate_version, "item": interview.questions.get(position=0).pk}
    state(client, interview, shown)  # the session is remembered from here on
    with django_assert_num_queries(1):
        assert state(client, interview, shown).status_code == 204


@pytest.mark.parametrize("outsider, fields", [("bob", ["v", "cv"]), ("mallory", ["cv"])])
def test_the_fast_answer_is_never_given_to_an_outsider(running, outsider, fields, request):
    """Bob (another interviewer) sends the current versions of Alice's interview, Mallory
    (another candidate) the candidate's: they get a 404, never "nothing changed"."""
    client = client_for(request.getfixturevalue(outsider))
    versions = {"v": running.version, "cv": running.candidate_version}
    shown = {field: versions[field] for field in fields}
    for _ in range(2):  # the second with the session remembered by the fast path
        assert state(client, running, shown).status_code == 404


def test_a_poll_of_a_deleted_interview_is_a_404(running, alice):
    client = client_for(alice)
    shown = {"v": running.version}
    url = reverse("interviews:state", args=[running.pk])
    assert client.get(url, shown, headers=HTMX).status_code == 204
    running.delete()
    assert client.get(url, shown, headers=HTMX).status_code == 404


# --- The poll while the candidate types -------------------------------------------------------


@pytest.mark.cache
def test_a_typing_poll_renders_the_checklist_only_when_it_changed(
    running, alice, django_assert_num_queries
):
    client = client_for(alice)
    shown = console_poll(client, running)
    type_answer(running, UNSURE, seq=1)
    first = state(client, running, shown).content.decode()
    assert UNSURE in first and 'id="checklist"' not in first  # nothing suggested, as before
    shown = poll_of(first)
    type_answer(running, UNSURE + "还有别的。", seq=2)
    with django_assert_num_queries(4):
        typing = state(client, running, shown)
    body = typing.content.decode()
    assert typing.status_code == 200 and "还有别的" in body
    assert 'id="checklist"' not in body and 'id="bonus-panel"' not in body
    shown = poll_of(body)
    type_answer(running, UNSURE + COVERS, seq=3)  # now the scorer finds a key point
    body = state(client, running, shown).content.decode()
    assert 'id="checklist"' in body and "is-suggested" in body and "suggested</span>" in body
    assert poll_of(body)["ck"] != shown["ck"]


def test_a_tick_records_the_checklist_so_the_next_poll_leaves_it(running, alice):
    client = client_for(alice)
    type_answer(running, COVERS, seq=1)
    shown = console_poll(client, running)
    item = running.questions.get(position=running.position)
    tick = client.post(
        reverse("interviews:tick", args=[running.pk, item.pk]),
        {"index": 0, "on": "1", **shown},
        headers=HTMX,
    ).content.decode()
    recorded = poll_of(tick)
    assert 'aria-checked="true"' in tick and recorded["ck"] != shown["ck"]
    assert state(client, running, recorded).status_code == 204
    type_answer(running, COVERS + "补一句。", seq=2)
    body = state(client, running, recorded).content.decode()
    assert "补一句" in body and 'id="checklist"' not in body
    stale = {**recorded, "ck": shown["ck"]}  # a page that missed the tick gets the checklist
    body = state(client, running, stale).content.decode()
    assert 'id="checklist"' in body and 'aria-checked="true"' in body


# --- The autosave -----------------------------------------------------------------------------


def test_an_autosave_for_a_question_of_another_interview_is_a_404(running, alice, carol):
    other = make_interview(alice, carol, start=True, title="Other")
    foreign = other.questions.get(position=0)
    url = reverse("interviews:answer", args=[running.pk])
    client = client_for(carol)
    for item in (foreign.pk, "x", ""):
        response = client.post(
            url, {"item": item, "text": "答", "base": 0, "client": "t", "seq": 1}
        )
        assert response.status_code == 404
    assert not Answer.objects.filter(interview_question=foreign).exclude(text="").exists()
    mine = running.questions.get(position=0)
    saved = client.post(url, {"item": mine.pk, "text": "答", "base": 0, "client": "t", "seq": 2})
    assert saved.status_code == 200 and saved.json()["status"] == "saved"
    assert Answer.objects.get(interview_question=mine).text == "答"


def test_an_autosave_is_wrong_method_and_anonymous_safe(running, carol):
    url = reverse("interviews:answer", args=[running.pk])
    assert client_for(carol).get(url).status_code == 405
    anonymous = client_for(None).post(url, {"item": 1, "text": "x"})
    assert anonymous.status_code in (302, 404)
    assert not Answer.objects.filter(text="x").exists()


# --- A poll that finds a change reads the interview once ------------------------------------


@pytest.mark.cache
def test_a_seats_typing_poll_reads_the_interview_and_seat_once(
    alice, bob, carol, django_assert_num_queries
):
    """The poll's one query already read the interview and Bob's seat: the changed poll renders
    from them (user, questions, Bob's scorecard, bonus points with his awards: 5 in all)."""
    room = make_panel(alice, carol, [bob])
    client = client_for(bob)
    shown = console_poll(client, room)
    type_answer(room, UNSURE, seq=1)
    shown = poll_of(state(client, room, shown).content.decode())
    type_answer(room, UNSURE + "还有别的。", seq=2)
    with django_assert_num_queries(5):
        typing = state(client, room, shown)
    body = typing.content.decode()
    assert typing.status_code == 200 and "还有别的" in body and 'id="checklist"' not in body
    assert 'id="lead-note"' not in body  # a follower's status bar: not rendered while typing
    recorded = poll_of(body)
    room.refresh_from_db()
    assert recorded["v"] == str(room.version) and recorded["ck"] == shown["ck"]
    assert state(client, room, recorded).status_code == 204


@pytest.mark.cache
def test_a_changed_poll_counts_the_awards_of_points_gone_from_the_bank(alice, carol, running):
    """The bonus points and the award count come from one query; an award whose point was
    deleted from the bank still counts, as the bonus panel counts it, so the poll does not
    render the panel again and again."""
    from interviews import live
    from questionbank.models import BonusPoint

    client = client_for(alice)
    point = BonusPoint.objects.filter(category__topic__slug="secrets").first()
    live.award_bonus(running, point, evidence="", user=alice)
    point.delete()  # the award stays, its point gone (SET_NULL)
    type_answer(running, UNSURE, seq=1)
    shown = console_poll(client, running)
    assert shown["ba"] == "1"
    type_answer(running, UNSURE + "还有。", seq=2)
    body = state(client, running, shown).content.decode()
    assert "还有" in body and 'id="bonus-panel"' not in body
    assert poll_of(body)["ba"] == "1"


def test_rows_read_for_another_user_are_looked_up_again(rf, alice, bob, carol):
    """``get_interview_for_panel(read=...)`` trusts rows only if read for the signed-in user:
    Alice (the lead) with rows read for Bob still gets her own lead seat, never none; Dan
    (outside the panel) with Alice's rows still gets a 404."""
    from django.http import Http404

    from interviews.access import get_interview_for_panel
    from interviews.models import Interview
    from tests.conftest import make_user

    room = make_panel(alice, carol, [bob])
    interview = Interview.objects.get(pk=room.pk)
    request = rf.get("/")
    request.user = alice
    found, seat = get_interview_for_panel(request, room.pk, read=(bob.pk, interview, None))
    assert found.pk == room.pk and seat is not None and seat.is_lead and seat.user_id == alice.pk
    found, seat = get_interview_for_panel(request, room.pk, read=(alice.pk, interview, None))
    assert seat is None  # trusted as read: no seat was found for her on this row
    request.user = make_user("dan", "interviewers")
    with pytest.raises(Http404):
        get_interview_for_panel(request, room.pk, read=(alice.pk, interview, None))
    other = make_interview(alice, carol, start=True, title="Other")
    request.user = alice
    with pytest.raises(Http404):  # the rows of another interview are not this one
        get_interview_for_panel(request, room.pk + 999, read=(alice.pk, other, None))


# --- The replies: their part, out-of-band pieces, the poll state, pinned queries ---------------


def _post(client, name, interview, shown, *args, **data):
    url = reverse(f"interviews:{name}", args=[interview.pk, *args])
    return client.post(url, {**data, **shown}, headers=HTMX)


@pytest.mark.cache
@pytest.mark.parametrize("who", ["alice", "bob"])
def test_each_reply_sends_its_part_and_records_the_poll_state_in_fixed_queries(
    alice, bob, carol, who, django_assert_num_queries
):
    """Score, tick, notes and award on a panel, by the lead and by a co-interviewer: each reply
    holds the part its form targets, its out-of-band pieces and the new poll state (the next
    poll is 204), and costs a fixed number of queries."""
    from questionbank.models import BonusPoint

    room = make_panel(alice, carol, [bob])
    user = {"alice": alice, "bob": bob}[who]
    client = client_for(user)
    type_answer(room, "我读过调度器源码", seq=1)
    shown = console_poll(client, room)
    item = room.questions.get(position=0)

    with django_assert_num_queries(15):
        tick = _post(client, "tick", room, shown, item.pk, index=0, on="1")
    body = tick.content.decode()
    assert tick.status_code == 200 and 'aria-checked="true"' in body
    assert '<section id="checklist"' in body and 'id="answer-panel"' not in body
    shown = poll_of(body)
    assert state(client, room, shown).status_code == 204

    with django_assert_num_queries(14):
        score = _post(client, "score", room, shown, item.pk, score="3", revision="0")
    body = score.content.decode()
    assert score.status_code == 200 and '<form id="score-form"' in body
    assert 'id="question-nav"' in body and 'id="checklist"' not in body
    shown = poll_of(body)
    assert shown["sr"] == "1" and state(client, room, shown).status_code == 204

    with django_assert_num_queries(11):
        notes = _post(client, "notes", room, shown, item.pk, notes="记一笔", revision="0")
    body = notes.content.decode()
    assert notes.status_code == 200 and "Notes saved" in body and 'id="notes-revision"' in body
    shown = poll_of(body)
    assert state(client, room, shown).status_code == 204

    point = BonusPoint.objects.filter(category__topic__slug="secrets").first()
    with django_assert_num_queries(18):
        award = _post(client, "award", room, shown, bonus_point=point.pk, evidence="源码")
    body = award.content.decode()
    assert award.status_code == 200 and 'id="bonus-panel"' in body and "源码" in body
    shown = poll_of(body)
    assert shown["ba"] == "1" and state(client, room, shown).status_code == 204


@pytest.mark.cache
def test_a_solo_notes_reply_records_the_poll_state_in_fixed_queries(
    running, alice, django_assert_num_queries
):
    client = client_for(alice)
    shown = console_poll(client, running)
    item = running.questions.get(position=0)
    with django_assert_num_queries(9):
        notes = _post(client, "notes", running, shown, item.pk, notes="记一笔", revision="0")
    body = notes.content.decode()
    assert notes.status_code == 200 and "Notes saved" in body and 'id="notes-revision"' in body
    assert 'id="checklist"' not in body and 'id="answer-panel"' not in body
    recorded = poll_of(body)
    running.refresh_from_db()
    assert recorded["v"] == str(running.version)
    assert state(client, running, recorded).status_code == 204
