"""Re-importing questions stored by an older version (no part hashes): which parts changed."""

from __future__ import annotations

import pytest

from questionbank.models import Question
from tests.conftest import import_markdown
from tests.questionbank.test_importing import TEXT

pytestmark = pytest.mark.django_db


def test_a_changed_answer_of_a_question_stored_before_part_hashes_is_no_group_change():
    import_markdown(TEXT, "t.md")
    Question.objects.update(part_hashes={})  # as imported by an older version
    report = import_markdown(TEXT.replace("- 一的要点甲", "- 一的新要点"), "t.md")
    parts = report.files[0].questions[0].parts
    assert "answer" in parts and "group" not in parts and "text" not in parts
