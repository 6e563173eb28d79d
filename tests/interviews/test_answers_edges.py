"""save_answer on its own, as any caller meets it: the text it keeps is text the database holds
(PostgreSQL refuses NUL), never more than the limit the page announces."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from interviews.answers import MAX_ANSWER_CHARS, save_answer
from interviews.models import Answer, Interview
from tests.interviews import test_answers

pytestmark = pytest.mark.django_db

item = test_answers.item  # the fixture: a started interview's first question


def test_a_nul_typed_into_a_raw_save_is_dropped_not_a_database_error(item):
    assert save_answer(item, text="a\x00b", base=0, client="t", seq=1).status == "saved"
    assert Answer.objects.get(interview_question=item).text == "ab"


def test_a_save_longer_than_the_limit_keeps_the_limit(item):
    text = "长" * MAX_ANSWER_CHARS + "尾"
    assert save_answer(item, text=text, base=0, client="t", seq=1).status == "saved"
    assert Answer.objects.get(interview_question=item).text == "长" * MAX_ANSWER_CHARS


def test_after_the_end_resending_the_saved_text_records_nothing_late(item):
    from interviews import live

    save_answer(item, text="我的回答", base=0, client="t", seq=1)
    live.cancel(item.interview)
    assert save_answer(item, text="我的回答", base=1, client="t", seq=2).status == "late"
    answer = Answer.objects.get(interview_question=item)
    assert answer.late_text == "" and answer.late_at is None
    save_answer(item, text="我的回答，补充一句", base=1, client="t", seq=3, now=timezone.now())
    answer.refresh_from_db()
    first_late = answer.late_at
    assert first_late is not None
    later = timezone.now() + timedelta(minutes=5)
    save_answer(item, text="我的回答，补充一句", base=1, client="t", seq=4, now=later)
    answer.refresh_from_db()
    assert answer.text == "我的回答" and answer.late_text == "我的回答，补充一句"
    assert answer.late_at == first_late  # the same text again is no new late save


def test_a_second_save_moves_the_last_saved_time_the_report_shows(item):
    first = timezone.now() - timedelta(minutes=10)
    save_answer(item, text="初稿", base=0, client="t", seq=1, now=first)
    assert Answer.objects.get(interview_question=item).saved_at == first
    second = first + timedelta(minutes=3)
    assert save_answer(item, text="初稿，再补充", base=1, client="t", seq=2, now=second).status == (
        "saved"
    )
    assert Answer.objects.get(interview_question=item).saved_at == second


def test_a_save_exactly_at_the_end_of_the_grace_counts_and_a_microsecond_later_does_not(
    item, settings
):
    settings.PRACTICE_GRACE_SECONDS = 5
    deadline = timezone.now().replace(microsecond=0) + timedelta(minutes=1)
    Interview.objects.filter(pk=item.interview_id).update(hard_deadlines=True)
    type(item).objects.filter(pk=item.pk).update(deadline=deadline)
    last_moment = deadline + timedelta(seconds=5)
    save = save_answer(item, text="压哨", base=0, client="t", seq=1, now=last_moment)
    assert save.status == "saved"
    after = last_moment + timedelta(microseconds=1)
    save = save_answer(item, text="压哨之后", base=1, client="t", seq=2, now=after)
    assert save.status == "late"
    answer = Answer.objects.get(interview_question=item)
    assert (answer.text, answer.late_text) == ("压哨", "压哨之后")
