"""The suggestion learns from the interviewers' final scores: calibrated per bank question once
enough of them are in, shown as such on the console, reset by a curator."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import TestCase, override_settings
from django.urls import reverse

from accounts.roles import CANDIDATES, CURATORS, INTERVIEWERS
from interviews import calibration, live, practice
from interviews.answers import save_answer
from interviews.models import InterviewQuestion, ScoringCalibration
from questionbank.models import Question
from scoring.adapter import suggest_for_item
from tests.conftest import client_for, make_interview, make_secret_topic, make_user

pytestmark = pytest.mark.django_db

ANSWER = "调度器会先预选过滤节点，因为资源不够的节点不能用。"


def end(interview) -> None:
    """Alice ends the interview; the refit that follows the commit runs."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        live.finish(interview, recommendation="yes", summary="")


def scored_interview(alice, carol, *, score: str, answer: str = ANSWER, finish: bool = True):
    """A one-question live interview where Carol answered and Alice gave ``score``."""
    interview = make_interview(alice, carol, questions=1, start=True)
    item = interview.questions.get()
    item.interview = interview
    save_answer(item, text=answer, base=0, client="t", seq=1)
    assert live.set_score(item, Decimal(score), revision=0, user=alice).ok
    if finish:
        end(interview)
    return interview


def first_question() -> Question:
    return Question.objects.get(topic__slug="secrets", number=1)


def raw_score(interview) -> float:
    item = interview.questions.get()
    return suggest_for_item(item, item.answer.text).score


def test_final_scores_keep_the_raw_suggestion_and_count_toward_the_question(alice, carol):
    interview = scored_interview(alice, carol, score="5")
    item = interview.questions.get()
    assert item.suggestion["score"] == raw_score(interview)
    row = ScoringCalibration.objects.get(question=first_question())
    assert row.count == 1 and row.fitted is None  # below the minimum: no calibration yet


def test_after_eight_scores_the_console_shows_a_calibrated_suggestion(alice, carol):
    for _ in range(8):
        scored_interview(alice, carol, score="5")
    row = ScoringCalibration.objects.get(question=first_question())
    assert row.count == 8 and row.fitted["method"] == "isotonic"

    running = scored_interview(alice, carol, score="5", finish=False)
    raw = raw_score(running)
    assert raw < 4, "the scenario needs interviewers more generous than the scorer"
    body = client_for(alice).get(reverse("interviews:live", args=[running.pk])).content.decode()
    assert "Calibrated on 8 interviewer scores" in body
    # 8 scores against a prior of 8: halfway from the raw suggestion to the interviewers' 5.
    halfway = round((raw + 5) / 2 * 2) / 2
    assert (
        f'Suggested score: <span title="From the key points alone: {raw:g}">{halfway:g}</span>'
        in body
    )


def test_the_console_says_it_in_chinese_too(alice, carol):
    for _ in range(8):
        scored_interview(alice, carol, score="5")
    running = scored_interview(alice, carol, score="5", finish=False)
    client = client_for(alice)
    client.cookies["django_language"] = "zh-hans"
    body = client.get(reverse("interviews:live", args=[running.pk])).content.decode()
    assert "已按 8 个面试官评分校准" in body and f"仅按要点：{raw_score(running):g}" in body
    assert "根据要点和团队以往评分给出的建议" in body


def test_below_the_minimum_the_suggestion_stays_raw(alice, carol):
    for _ in range(7):
        scored_interview(alice, carol, score="5")
    running = scored_interview(alice, carol, score="5", finish=False)
    body = client_for(alice).get(reverse("interviews:live", args=[running.pk])).content.decode()
    assert "Calibrated on" not in body
    assert f"Suggested score: {raw_score(running):g} / 5" in body


@override_settings(SCORING_CALIBRATION_MIN_SCORES=2)
def test_the_minimum_is_a_setting(alice, carol):
    for _ in range(2):
        scored_interview(alice, carol, score="5")
    running = scored_interview(alice, carol, score="5", finish=False)
    body = client_for(alice).get(reverse("interviews:live", args=[running.pk])).content.decode()
    assert "Calibrated on 2 interviewer scores" in body


def test_cancelled_interviews_and_unfinished_scores_do_not_count(alice, carol):
    cancelled = scored_interview(alice, carol, score="5", finish=False)
    live.cancel(cancelled)
    scored_interview(alice, carol, score="5", finish=False)  # still running
    calibration.refit([first_question().pk])
    assert ScoringCalibration.objects.get(question=first_question()).count == 0


def test_practice_scores_never_count_as_interviewers_scores(carol):
    question = first_question_of_a_practice(carol)
    calibration.refit([question.pk])
    assert ScoringCalibration.objects.get(question=question).count == 0


def practise(carol) -> InterviewQuestion:
    """Carol practises the first question alone; its item once the mock is scored."""
    question = Question.objects.filter(topic__slug="secrets", number=1).first()
    if question is None:
        make_secret_topic()
        question = first_question()
    mock = practice.start_practice(carol, [question], seconds_per_question=300, title="mock")
    item = mock.questions.get()
    item.interview = mock
    save_answer(item, text=ANSWER, base=0, client="t", seq=1)
    practice.finish_early(mock)
    item.refresh_from_db()
    return item


def first_question_of_a_practice(carol) -> Question:
    return practise(carol).question


def test_a_reset_starts_the_count_again_from_scores_given_after_it(alice, carol, cora):
    for _ in range(8):
        scored_interview(alice, carol, score="5")
    question = first_question()
    calibration.reset([question.pk], user=cora)
    row = ScoringCalibration.objects.get(question=question)
    assert (row.count, row.fitted, row.reset_by) == (0, None, cora)

    running = scored_interview(alice, carol, score="5", finish=False)
    body = client_for(alice).get(reverse("interviews:live", args=[running.pk])).content.decode()
    assert "Calibrated on" not in body  # the cached calibration was forgotten at once
    end(running)
    assert ScoringCalibration.objects.get(question=question).count == 1


@pytest.mark.parametrize(
    "answer",
    [
        "",
        "  ",
        "第一题是什么？",
        "调度器这块我没用过，不太了解。",
        "Scheduler? I have not worked with it.",
    ],
)
def test_a_blank_or_echoed_answer_stays_zero_whatever_the_interviewers_do(alice, carol, answer):
    for _ in range(8):
        scored_interview(alice, carol, score="5")
    item = make_interview(alice, carol, questions=1, start=True).questions.get()
    suggestion, calibrated = calibration.suggest_calibrated(item, answer)
    assert suggestion.score == 0 and calibrated is None
    assert calibration.suggest_calibrated(item, ANSWER)[1] is not None  # a real answer moves


def test_practice_scores_are_never_calibrated(alice, carol, mallory):
    """A calibration refitted after Carol's own interview would let her read her interviewer's
    score off a mock of the same answer; mocks keep the scorer's own score."""
    raw = float(practise(mallory).score)  # before any interviewer scored the question
    for _ in range(8):
        scored_interview(alice, carol, score="5")
    assert ScoringCalibration.objects.get().fitted is not None
    item = practise(carol)
    assert float(item.score) == raw and "calibrated_from" not in item.suggestion
    body = client_for(carol).get(reverse("practice:review", args=[item.interview.pk])).content
    assert b"Adjusted to how interviewers score" not in body


def test_a_poll_with_new_text_costs_no_query_for_the_calibration(alice, carol):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def poll_queries(interview) -> tuple[int, str]:
        client = client_for(alice)
        client.get(reverse("interviews:live", args=[interview.pk]))  # warms the caches
        item = interview.questions.get()
        item.interview = interview
        save_answer(item, text=ANSWER + "又写了一句。", base=1, client="t", seq=2)
        interview.refresh_from_db()
        shown = {"v": interview.version - 1, "item": item.pk, "cv": interview.candidate_version}
        with CaptureQueriesContext(connection) as queries:
            response = client.get(
                reverse("interviews:state", args=[interview.pk]),
                {**shown, "sr": item.score_revision, "ba": 0},
                headers={"HX-Request": "true"},
            )
        assert response.status_code == 200
        return len(queries), response.content.decode()

    uncalibrated, body = poll_queries(scored_interview(alice, carol, score="5", finish=False))
    assert "又写了一句" in body and "Calibrated on" not in body
    for _ in range(8):
        scored_interview(alice, carol, score="5")
    running = scored_interview(alice, carol, score="5", finish=False)
    calibrated, body = poll_queries(running)
    assert "又写了一句" in body and "Calibrated on 8 interviewer scores" in body
    assert calibrated == uncalibrated


def test_a_broken_stored_calibration_falls_back_to_the_raw_suggestion(alice, carol):
    make_secret_topic()
    ScoringCalibration.objects.create(question=first_question(), count=9, fitted={"method": "?"})
    running = scored_interview(alice, carol, score="5", finish=False)
    body = client_for(alice).get(reverse("interviews:live", args=[running.pk])).content.decode()
    assert "Calibrated on" not in body and f"Suggested score: {raw_score(running):g}" in body


def test_the_calibrate_command_refits_from_answers_scored_before_it_existed(alice, carol):
    from django.core.management import call_command

    for _ in range(8):
        scored_interview(alice, carol, score="5")
    InterviewQuestion.objects.update(suggestion=None)
    ScoringCalibration.objects.all().delete()
    call_command("calibrate", "--rescore", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert ScoringCalibration.objects.get(question=first_question()).count == 8
    assert all(item.suggestion for item in InterviewQuestion.objects.all())


# --- A curator resets a question's calibration in the admin ----------------------------------

CHANGELIST = reverse("admin:questionbank_question_changelist")


def reset_post(question, **extra) -> dict:
    return {"action": "reset_scoring_calibration", "_selected_action": [question.pk], **extra}


def calibrated_question(alice, carol) -> Question:
    for _ in range(8):
        scored_interview(alice, carol, score="5")
    question = first_question()
    assert ScoringCalibration.objects.get(question=question).fitted is not None
    return question


def test_a_curator_resets_a_calibration_after_a_confirmation_page(alice, carol, cora):
    question = calibrated_question(alice, carol)
    client = client_for(cora)
    listing = client.get(CHANGELIST).content.decode()
    assert "Reset scoring calibration" in listing and "8 scores" in listing

    confirm = client.post(CHANGELIST, reset_post(question))
    assert confirm.status_code == 200
    body = confirm.content.decode()
    assert "calibrated on 8 interviewer scores" in body and "Yes, reset" in body
    assert ScoringCalibration.objects.get(question=question).fitted is not None  # not yet

    done = client.post(CHANGELIST, reset_post(question, confirmed="yes"))
    assert done.status_code == 302
    row = ScoringCalibration.objects.get(question=question)
    assert (row.count, row.fitted, row.reset_by) == (0, None, cora)
    message = str(next(iter(client.get(done["Location"]).context["messages"])))
    assert "The scoring calibration of 1 question was reset." in message


def test_a_get_never_resets(alice, carol, cora):
    question = calibrated_question(alice, carol)
    response = client_for(cora).get(CHANGELIST, reset_post(question, confirmed="yes"))
    assert response.status_code in (200, 302)  # the list, or the list without unknown filters
    assert ScoringCalibration.objects.get(question=question).fitted is not None


def test_staff_without_the_change_permission_cannot_reset(alice, carol):
    from django.contrib.auth.models import Permission

    question = calibrated_question(alice, carol)
    viewer = User.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_question"))
    client = client_for(viewer)
    assert "Reset scoring calibration" not in client.get(CHANGELIST).content.decode()
    response = client.post(CHANGELIST, reset_post(question, confirmed="yes"))
    assert response.status_code in (200, 302)
    assert ScoringCalibration.objects.get(question=question).fitted is not None


@pytest.mark.parametrize("who", ["anonymous", "interviewer"])
def test_outsiders_are_sent_to_the_admin_login(alice, carol, who):
    question = calibrated_question(alice, carol)
    client = client_for(None if who == "anonymous" else alice)
    response = client.post(CHANGELIST, reset_post(question, confirmed="yes"))
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert ScoringCalibration.objects.get(question=question).fitted is not None


def test_a_refit_after_a_reset_keeps_the_reset_and_its_author(alice, carol, cora):
    for _ in range(3):
        scored_interview(alice, carol, score="5")
    question = first_question()
    calibration.reset([question.pk], user=cora)
    calibration.refit([question.pk])  # e.g. a refit queued by an interview that ended before
    row = ScoringCalibration.objects.get(question=question)
    assert (row.count, row.fitted, row.reset_by) == (0, None, cora)
    assert row.reset_at is not None and row.fitted_at is not None
    calibration.refit([question.pk])  # and a second refit changes nothing
    assert ScoringCalibration.objects.get(question=question).count == 0


def test_a_refit_creates_the_row_of_a_question_never_calibrated(alice, carol):
    scored_interview(alice, carol, score="5")
    ScoringCalibration.objects.all().delete()
    calibration.refit([first_question().pk])
    assert ScoringCalibration.objects.get(question=first_question()).count == 1


@pytest.fixture
def race(transactional_db):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: SQLite has no row locks, so the race cannot be set up; "
            "CI runs this with DATABASE_URL=postgres://..."
        )
    alice = make_user("alice2", INTERVIEWERS)
    carol = make_user("carol2", CANDIDATES)
    cora = make_user("cora2", CURATORS, is_staff=True)
    for _ in range(3):
        scored_interview(alice, carol, score="5")
    assert ScoringCalibration.objects.get(question=first_question()).count == 3
    return cora


def test_a_refit_waits_for_a_reset_under_way_and_then_counts_nothing_before_it(race):
    import time

    from django.db import transaction

    from tests.interviews.test_practice import _in_thread

    question = first_question()
    with transaction.atomic():
        calibration.reset([question.pk], user=race)  # holds the row until the commit
        thread, results = _in_thread(lambda: calibration.refit([question.pk]))
        time.sleep(0.5)
        assert thread.is_alive()  # the refit waits for the reset's row lock
    thread.join(10)
    assert results == [None]
    row = ScoringCalibration.objects.get(question=question)
    assert (row.count, row.fitted, row.reset_by_id) == (0, None, race.pk)


def test_a_reset_waits_for_a_refit_under_way_and_wins(race):
    import time

    from django.db import transaction

    from tests.interviews.test_practice import _in_thread

    question = first_question()
    with transaction.atomic():
        calibration.refit([question.pk])
        thread, results = _in_thread(lambda: calibration.reset([question.pk], user=race))
        time.sleep(0.5)
        assert thread.is_alive()  # the reset waits for the refit's row lock
    thread.join(10)
    assert results == [None]
    assert ScoringCalibration.objects.get(question=question).count == 0


def test_two_interviews_ending_together_leave_every_score_in_the_fit(race, settings, monkeypatch):
    """A refit that read the scores before another interview's end was committed must not write
    its older fit last: the other interview's refit waits for it, then counts both."""
    import threading

    from tests.interviews.test_practice import _in_thread

    settings.SCORING_CALIBRATION_MIN_SCORES = 1  # so that the refit fits (and pauses in fit)
    alice, carol = User.objects.get(username="alice2"), User.objects.get(username="carol2")
    question = first_question()
    real_fit, main, other = calibration.fit, threading.current_thread(), []

    def fit_while_another_interview_ends(pairs):
        if threading.current_thread() is main and not other:
            # This refit has read its 3 scores: a fourth interview ends and refits meanwhile.
            other.extend(_in_thread(lambda: scored_interview(alice, carol, score="1")))
            other[0].join(1.0)
        return real_fit(pairs)

    monkeypatch.setattr(calibration, "fit", fit_while_another_interview_ends)
    calibration.refit([question.pk])
    other[0].join(10)
    assert not isinstance(other[1][0], Exception), other[1]
    assert ScoringCalibration.objects.get(question=question).count == 4
