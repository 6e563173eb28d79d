"""save_answer on its own, as any caller meets it: the text it keeps is text the database holds
(PostgreSQL refuses NUL), never more than the limit the page announces."""

from __future__ import annotations

import pytest

from interviews.answers import MAX_ANSWER_CHARS, save_answer
from interviews.models import Answer
from tests.conftest import make_interview

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(alice, carol):
    interview = make_interview(alice, carol, start=True)
    item = interview.questions.get(position=0)
    item.interview = interview
    return item


def test_a_nul_typed_into_a_raw_save_is_dropped_not_a_database_error(item):
    assert save_answer(item, text="a\x00b", base=0, client="t", seq=1).status == "saved"
    assert Answer.objects.get(interview_question=item).text == "ab"


def test_a_save_longer_than_the_limit_keeps_the_limit(item):
    text = "长" * MAX_ANSWER_CHARS + "尾"
    assert save_answer(item, text=text, base=0, client="t", seq=1).status == "saved"
    assert Answer.objects.get(interview_question=item).text == "长" * MAX_ANSWER_CHARS
