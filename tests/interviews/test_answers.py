"""The autosave protocol: late saves never overwrite newer text, and no tab loses text silently."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews import live
from interviews.answers import MAX_ANSWER_CHARS, save_answer
from interviews.models import Answer, Interview
from tests.conftest import client_for, make_interview

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(alice, carol):
    interview = make_interview(alice, carol, start=True)
    question = interview.questions.get(position=0)
    question.interview = interview
    return question


def stored(item) -> Answer:
    return Answer.objects.get(interview_question=item)


def test_a_save_from_an_up_to_date_tab_is_stored_and_counted(item):
    result = save_answer(item, text="第一版", base=0, client="tab-a", seq=1)
    assert result.status == "saved" and result.answer.revision == 1
    result = save_answer(item, text="第二版", base=1, client="tab-a", seq=2)
    assert result.status == "saved" and stored(item).text == "第二版"


def test_a_late_arriving_older_save_from_the_same_tab_is_ignored(item):
    save_answer(item, text="newer", base=0, client="tab-a", seq=2)
    late = save_answer(item, text="older", base=0, client="tab-a", seq=1)
    assert late.status == "stale"
    assert stored(item).text == "newer"


def test_the_same_tab_may_save_again_before_hearing_back(item):
    save_answer(item, text="one", base=0, client="tab-a", seq=1)
    result = save_answer(item, text="one two", base=0, client="tab-a", seq=2)
    assert result.status == "saved" and stored(item).text == "one two"


def test_a_second_tab_behind_the_first_is_told_and_overwrites_nothing(item):
    save_answer(item, text="from tab A", base=0, client="tab-a", seq=1)
    behind = save_answer(item, text="from tab B", base=0, client="tab-b", seq=1)
    assert behind.status == "conflict"
    assert behind.answer.text == "from tab A"
    assert stored(item).text == "from tab A"


def test_a_behind_tab_that_only_adds_to_the_stored_text_is_accepted(item):
    # A reloaded tab replays its draft while its last save is still on the way: the draft
    # extends what the server holds, so taking it loses nothing and asks nothing.
    save_answer(item, text="Pods share", base=0, client="tab-a", seq=1)
    result = save_answer(item, text="Pods share a network namespace", base=0, client="tab-b", seq=1)
    assert result.status == "saved" and stored(item).text == "Pods share a network namespace"


def test_a_behind_tab_with_the_same_text_changes_nothing(item):
    save_answer(item, text="same", base=0, client="tab-a", seq=1)
    result = save_answer(item, text="same", base=0, client="tab-b", seq=1)
    assert result.status == "saved" and result.answer.revision == 1


def test_the_tab_that_is_behind_may_overwrite_on_purpose(item):
    save_answer(item, text="from tab A", base=0, client="tab-a", seq=1)
    forced = save_answer(item, text="mine", base=0, client="tab-b", seq=2, force=True)
    assert forced.status == "saved" and stored(item).text == "mine"
    # ... and now tab A is the one behind.
    assert save_answer(item, text="A again", base=1, client="tab-a", seq=2).status == "conflict"


def test_text_sent_after_the_interview_ended_is_kept_as_late(item, alice):
    save_answer(item, text="on time", base=0, client="tab-a", seq=1)
    Interview.objects.filter(pk=item.interview.pk).update(status=Interview.Status.COMPLETED)
    item.interview.refresh_from_db()
    result = save_answer(item, text="on time plus more", base=1, client="tab-a", seq=2)
    assert result.status == "late"
    answer = stored(item)
    assert (answer.text, answer.late_text) == ("on time", "on time plus more")


def set_deadline(item, seconds_ago: int) -> None:
    Interview.objects.filter(pk=item.interview_id).update(hard_deadlines=True)
    type(item).objects.filter(pk=item.pk).update(
        deadline=timezone.now() - timedelta(seconds=seconds_ago)
    )


def test_text_after_a_hard_deadline_is_kept_late_not_scored(item, settings):
    settings.PRACTICE_GRACE_SECONDS = 5
    set_deadline(item, 6)
    save = save_answer(item, text="too late", base=0, client="tab-a", seq=1)
    assert (
        save.status == "late" and stored(item).text == "" and stored(item).late_text == "too late"
    )
    set_deadline(item, 3)  # within the grace
    assert save_answer(item, text="just in time", base=0, client="tab-a", seq=2).status == "saved"


def test_with_hard_deadlines_a_question_left_behind_locks_after_the_grace(item, settings):
    settings.PRACTICE_GRACE_SECONDS = 5
    set_deadline(item, -600)  # ten minutes still to go...
    type(item).objects.filter(pk=item.pk).update(ended_at=timezone.now() - timedelta(seconds=2))
    assert save_answer(item, text="sent while moving on", base=0, client="a", seq=1).status == (
        "saved"
    )
    # ... but the mock moved on from it a while ago: no going back to improve it.
    type(item).objects.filter(pk=item.pk).update(ended_at=timezone.now() - timedelta(seconds=6))
    assert save_answer(item, text="improved later", base=1, client="a", seq=2).status == "late"
    assert stored(item).text == "sent while moving on"


def test_questions_not_reached_yet_refuse_answers(item):
    later = item.interview.questions.get(position=2)
    later.interview = item.interview
    assert save_answer(later, text="early", base=0, client="tab-a", seq=1).status == "not_started"


def test_each_save_bumps_only_the_interviewers_version(item):
    interview = item.interview
    before = (interview.version, interview.candidate_version)
    save_answer(item, text="typing", base=0, client="tab-a", seq=1)
    interview.refresh_from_db()
    assert interview.version == before[0] + 1
    assert interview.candidate_version == before[1]  # the candidate's page does not re-render


def test_moving_on_keeps_the_previous_answer_writable_in_live_mode(item):
    live.goto(item.interview, 1)
    assert (
        save_answer(item, text="finishing my thought", base=0, client="t", seq=1).status == "saved"
    )


def test_an_answer_over_the_limit_is_refused_whole_never_cut(alice, carol):
    interview = make_interview(alice, carol, start=True)
    item = interview.questions.get(position=0)
    url = reverse("interviews:answer", args=[interview.pk])
    data = {"item": item.pk, "base": 0, "client": "tab", "seq": 1}
    client = client_for(carol)
    assert client.post(url, {**data, "text": "短"}).json()["status"] == "saved"
    long = "长" * (MAX_ANSWER_CHARS + 1)
    response = client.post(url, {**data, "seq": 2, "base": 1, "text": long})
    assert response.status_code == 413 and response.json()["status"] == "too_long"
    assert Answer.objects.get(interview_question=item).text == "短"  # nothing half-written
    exact = "长" * MAX_ANSWER_CHARS
    assert (
        client.post(url, {**data, "seq": 3, "base": 1, "text": exact}).json()["status"] == "saved"
    )
    assert len(Answer.objects.get(interview_question=item).text) == MAX_ANSWER_CHARS
    # Without the script (a plain form post), a readable 400.
    plain = client.post(url, {"item": item.pk, "text": long})
    assert plain.status_code == 400 and "at most" in plain.content.decode()
    page = client.get(reverse("interviews:take", args=[interview.pk])).content.decode()
    assert f'data-max-chars="{MAX_ANSWER_CHARS}"' in page


def test_the_same_tab_replaying_the_same_save_is_stale_and_counts_nothing(item):
    assert save_answer(item, text="第一版", base=0, client="tab-a", seq=3).status == "saved"
    replay = save_answer(item, text="重放的文字", base=1, client="tab-a", seq=3)
    assert replay.status == "stale"
    answer = stored(item)
    assert (answer.text, answer.revision, answer.client_seq) == ("第一版", 1, 3)
