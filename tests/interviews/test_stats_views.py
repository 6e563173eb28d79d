"""The statistics pages (/stats/): who sees what, fixed query counts, the figures on known data."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews import stats
from interviews.models import Interview, InterviewQuestion
from questionbank.models import Question
from tests.conftest import client_for, make_secret_topic


def make_scored(
    owner,
    *,
    interviews: int,
    score=lambda i, q: 3.0,
    suggestion=lambda i, q: 3.0,
    status=Interview.Status.COMPLETED,
    not_asked=(),
):
    """``interviews`` finished live interviews of the secrets topic's three questions, scored by
    ``owner``: ``score(i, q)`` and the scorer's ``suggestion(i, q)`` for interview i, question
    number q; question numbers in ``not_asked`` are marked not asked."""
    questions = list(
        Question.objects.filter(topic__slug="secrets").order_by("number")
        if Question.objects.filter(topic__slug="secrets").exists()
        else make_secret_topic().questions.order_by("number")
    )
    now = timezone.now()
    for i in range(interviews):
        interview = Interview.objects.create(
            owner=owner,
            title=f"Done {i}",
            mode=Interview.Mode.LIVE,
            status=status,
            default_time_limit=300,
            started_at=now,
            ended_at=now,
        )
        InterviewQuestion.objects.bulk_create(
            [
                InterviewQuestion(
                    interview=interview,
                    position=p,
                    question=q,
                    time_limit=300,
                    topic_title=q.topic.title,
                    number=q.number,
                    text=q.text,
                    state="not_asked" if q.number in not_asked else "asked",
                    seconds_spent=0 if q.number in not_asked else 150 + 100 * p,
                    score=None if q.number in not_asked else Decimal(str(score(i, q.number))),
                    score_by=owner,
                    suggestion=None
                    if q.number in not_asked
                    else {"score": suggestion(i, q.number)},
                )
                for p, q in enumerate(questions)
            ]
        )


def ability(i: int) -> float:
    return [1.0, 2.0, 3.0, 4.0, 5.0][i % 5]


# --- Questions page --------------------------------------------------------------------------


@pytest.mark.cache  # pins queries: sessions come from the cache
def test_questions_page_flags_the_question_everybody_aces(alice, cora, django_assert_num_queries):
    make_scored(
        alice,
        interviews=12,
        score=lambda i, q: 5.0 if q == 1 else ability(i),
        not_asked=(),
    )
    client = client_for(cora)
    client.get(reverse("stats:questions"))  # warm the session and roles caches
    with django_assert_num_queries(3):  # user (session cached), the slots, the questions
        response = client.get(reverse("stats:questions"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "everyone aces it" in body
    assert "<svg" in body
    rows = {row.label.number: row.stats for row in stats.question_rows()}
    assert rows[1].flags == ("aces",)
    assert rows[2].discrimination == pytest.approx(1.0)  # 2 and 3 follow the same ability
    assert rows[2].flags == ()


@pytest.mark.cache  # pins queries: sessions come from the cache
def test_questions_page_query_count_does_not_grow_with_the_data(
    alice, bob, cora, django_assert_num_queries
):
    make_scored(alice, interviews=2)
    client = client_for(cora)
    client.get(reverse("stats:questions"))
    with django_assert_num_queries(3):
        assert client.get(reverse("stats:questions")).status_code == 200
    make_scored(bob, interviews=30, not_asked=(3,))
    with django_assert_num_queries(3):
        response = client.get(reverse("stats:questions"))
    assert response.status_code == 200
    assert "Not asked" in response.content.decode()


@pytest.mark.cache  # pins queries: sessions come from the cache
@pytest.mark.parametrize("page", ["stats:interviewers", "stats:interviewer"])
def test_interviewer_pages_query_count_does_not_grow_with_the_data(
    page, alice, bob, cora, django_assert_num_queries
):
    url = reverse(page, args=[alice.pk] if page == "stats:interviewer" else [])
    client = client_for(cora)
    make_scored(alice, interviews=1)
    client.get(url)
    with django_assert_num_queries(4):
        assert client.get(url).status_code == 200
    make_scored(alice, interviews=25, score=lambda i, q: 2.0)
    make_scored(bob, interviews=25)
    with django_assert_num_queries(4):
        response = client.get(url)
    assert response.status_code == 200
    # 75 answers 2.0 against a suggested 3.0, and the first 3 equal to it: -75 / 78
    assert "-0.96" in response.content.decode()


def test_unfinished_and_cancelled_interviews_do_not_count(alice):
    make_scored(alice, interviews=3, status=Interview.Status.LIVE)
    make_scored(alice, interviews=2, status=Interview.Status.CANCELLED)
    assert stats.question_rows() == []
    make_scored(alice, interviews=1, not_asked=(2,))
    rows = {row.label.number: row.stats for row in stats.question_rows()}
    assert rows[1].asked == 1 and rows[2].not_asked == 1


def test_questions_page_is_for_interviewers_and_curators(alice, carol, cora):
    url = reverse("stats:questions")
    assert client_for(alice).get(url).status_code == 200
    assert client_for(cora).get(url).status_code == 200
    assert client_for(carol).get(url).status_code == 403
    response = client_for(None).get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert client_for(cora).post(url).status_code == 405


# --- Interviewers ----------------------------------------------------------------------------


@pytest.mark.cache  # pins queries: sessions come from the cache
def test_an_interviewer_one_point_under_the_scorer_shows_severity_about_minus_one(
    alice, bob, cora, django_assert_num_queries
):
    # 10 interviews x 3 questions = 30 shared answers with the scorer.
    make_scored(
        alice, interviews=10, score=lambda i, q: ability(i) - 1, suggestion=lambda i, q: ability(i)
    )
    make_scored(
        bob, interviews=4, score=lambda i, q: ability(i), suggestion=lambda i, q: ability(i)
    )
    rows = {row.label.name: row.stats for row in stats.interviewer_rows()}
    assert rows["Alice"].vs_scorer.n == 30
    assert rows["Alice"].vs_scorer.mean == pytest.approx(-1)
    assert rows["Bob"].vs_scorer.mean == pytest.approx(0)
    assert rows["Bob"].vs_scorer.n == 12
    assert rows["Alice"].kappa_scorer < 1 and rows["Bob"].kappa_scorer == pytest.approx(1)

    client = client_for(cora)
    client.get(reverse("stats:interviewers"))
    with django_assert_num_queries(4):  # user, the scores, the peer pairs, the names
        response = client.get(reverse("stats:interviewers"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "-1.00" in body and "Alice" in body and "Bob" in body
    assert body.index("Alice") < body.index("Bob")  # the harshest first

    url = reverse("stats:interviewer", args=[alice.pk])
    client.get(url)
    with django_assert_num_queries(4):  # user, the person, the scores, the peer pairs
        response = client.get(url)
    assert response.status_code == 200
    assert "-1.00" in response.content.decode()


def test_too_few_shared_answers_show_no_severity(alice, cora, settings):
    settings.STATS_MIN_SHARED = 10
    make_scored(alice, interviews=2, score=lambda i, q: 2.0, suggestion=lambda i, q: 4.0)
    response = client_for(cora).get(reverse("stats:interviewer", args=[alice.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "6 shared: too few" in body
    assert "-2.00" not in body


def test_peer_pairs_are_empty_without_panels(alice, django_assert_num_queries):
    make_scored(alice, interviews=2)
    with django_assert_num_queries(1):
        assert stats.peer_pairs() == []
    with django_assert_num_queries(1):
        assert stats.peer_pairs(alice.pk) == []


def _panel_scored(lead, member, candidate, *, interviews, lead_score, member_score, submit=True):
    """Panels where every question is asked, each seat scoring on its own and submitting."""
    from interviews import live, panel
    from tests.conftest import make_panel

    for i in range(interviews):
        interview = make_panel(lead, candidate, [member])
        for position in range(1, 3):
            live.goto(interview, position)
        live.finish(interview, recommendation="", summary="")
        seats = {seat.user_id: seat for seat in interview.panel.all()}
        for item in interview.questions.all():
            q = item.position
            panel.set_score(seats[lead.pk], item, Decimal(str(lead_score(i, q))), revision=0)
            panel.set_score(seats[member.pk], item, Decimal(str(member_score(i, q))), revision=0)
        if submit:
            for seat in seats.values():
                panel.submit(seat, recommendation="yes", summary="")


@pytest.mark.cache  # pins queries: sessions come from the cache
def test_an_interviewer_one_point_under_a_peer_shows_severity_about_minus_one(
    alice, bob, carol, cora, django_assert_num_queries
):
    # 10 panels x 3 asked questions = 30 answers both scored.
    _panel_scored(
        alice, bob, carol, interviews=10,
        lead_score=lambda i, q: (i + q) % 4, member_score=lambda i, q: (i + q) % 4 + 1,
    )  # fmt: skip
    with django_assert_num_queries(1):
        pairs = stats.peer_pairs(alice.pk)
    assert len(pairs) == 30 and {p.interviewer for p in pairs} == {alice.pk}
    assert len(stats.peer_pairs()) == 60  # both ways round
    rows = {row.label.name: row.stats for row in stats.interviewer_rows()}
    assert rows["Alice"].vs_peers.n == 30
    assert rows["Alice"].vs_peers.mean == pytest.approx(-1)
    assert rows["Bob"].vs_peers.mean == pytest.approx(1)
    url = reverse("stats:interviewer", args=[alice.pk])
    client = client_for(cora)
    client.get(url)
    with django_assert_num_queries(4):  # user, the person, the scores, the peer pairs
        response = client.get(url)
    assert response.status_code == 200 and "-1.00" in response.content.decode()


def test_peer_pairs_count_submitted_seats_only_and_apply_amendments(alice, bob, dan, carol):
    from interviews import panel
    from interviews.models import MemberScore

    _panel_scored(
        alice, bob, carol, interviews=1, lead_score=lambda i, q: 3, member_score=lambda i, q: 3,
        submit=False,
    )  # fmt: skip
    assert stats.peer_pairs() == []  # blind scores are nobody's business
    for seat in alice.panel_seats.all():
        panel.submit(seat, recommendation="yes", summary="")
    assert stats.peer_pairs() == []  # bob has not submitted
    seat = bob.panel_seats.get()
    panel.submit(seat, recommendation="yes", summary="")
    row = MemberScore.objects.filter(member=seat).first()
    panel.amend(seat, row.item, Decimal(1), reason="harsher on reflection")
    amended = [p for p in stats.peer_pairs(bob.pk) if p.answer == row.item_id]
    assert [(p.score, p.peer_score) for p in amended] == [(1.0, 3.0)]


def test_an_interviewer_sees_their_own_statistics_only(alice, bob, cora, carol, root):
    make_scored(alice, interviews=4)
    mine = reverse("stats:interviewer", args=[alice.pk])
    response = client_for(alice).get(mine)
    assert response.status_code == 200
    assert "My statistics" in response.content.decode()
    assert client_for(bob).get(mine).status_code == 404
    assert client_for(cora).get(mine).status_code == 200
    assert client_for(root).get(mine).status_code == 200
    assert client_for(carol).get(mine).status_code == 403
    assert client_for(alice).get(reverse("stats:interviewers")).status_code == 403
    assert client_for(cora).get(reverse("stats:interviewer", args=[99999])).status_code == 404
    response = client_for(None).get(mine)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert client_for(alice).post(mine).status_code == 405
    assert client_for(cora).post(reverse("stats:interviewers")).status_code == 405


def test_the_menu_links_statistics_for_curators_and_my_statistics_for_interviewers(
    alice, cora, carol
):
    page = reverse("interviews:index")
    body = client_for(alice).get(page).content.decode()
    assert reverse("stats:interviewer", args=[alice.pk]) in body
    body = client_for(cora).get(reverse("questionbank:index")).content.decode()
    assert reverse("stats:questions") in body
    body = client_for(carol).get(reverse("practice:index")).content.decode()
    assert "/stats/" not in body


def test_empty_pages_answer(alice, cora):
    assert client_for(cora).get(reverse("stats:questions")).status_code == 200
    assert client_for(cora).get(reverse("stats:interviewers")).status_code == 200
    response = client_for(alice).get(reverse("stats:interviewer", args=[alice.pk]))
    assert response.status_code == 200
    assert "No scored answer with a suggestion yet." in response.content.decode()


def test_an_interview_run_through_the_console_counts(alice, carol):
    """The real path: scores set live, the interview finished (which keeps the scorer's raw
    suggestion beside each score), then counted."""
    from interviews import live
    from tests.conftest import make_interview

    interview = make_interview(alice, carol, start=True)
    first, second, third = interview.questions.order_by("position")
    live.set_score(first, Decimal("4"), revision=first.score_revision, user=alice)
    live.set_score(second, Decimal("2.5"), revision=second.score_revision, user=alice)
    live.set_not_asked(third, True)
    live.finish(interview, recommendation="yes", summary="ok")

    rows = {row.label.number: row.stats for row in stats.question_rows()}
    assert (rows[1].asked, rows[1].scores, rows[3].not_asked) == (1, [4.0], 1)
    found = stats.interviewer_detail(alice)
    assert found.n == 2
    assert found.vs_scorer.n == 2  # the stored suggestion's score was read back as a number
    suggested = [item.suggestion["score"] for item in interview.questions.order_by("position")[:2]]
    assert found.differences == pytest.approx([4.0 - suggested[0], 2.5 - suggested[1]])
