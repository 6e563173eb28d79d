"""Bare question lists, no answers (readers/bare.py), and bullets under 面试题 (readers/seed.py)."""

from __future__ import annotations

from tests.questionbank.shapes import imported, parse_shape, summary


def test_a_bare_list_imports_unanswered_with_one_warning_saying_how_many():
    result = parse_shape("bare_list.md")
    topic = imported(result)
    assert topic.shape == "bare"
    assert summary(topic) == [
        (1, "General", "What did you learn yesterday?", False),
        (2, "General", "Why do you like coding?", False),
        (3, "CSS", "What is the box model?", False),
        (4, "CSS", "How does `z-index` work?", False),
        (5, "CSS", "What is a BFC?", False),
    ]
    assert result.warnings == [
        "line 5: 5 of 5 questions have no answer: they can be asked in interviews, and scoring "
        "will say there is no standard answer"
    ]


def test_bullets_under_a_question_section_are_each_a_question_without_markers():
    topic = imported(parse_shape("seed_bullets.md"))
    assert [q.text for q in topic.questions] == [
        "TCP 三次握手的过程是什么？",
        "为什么不是两次握手？",
        "TIME_WAIT 状态有什么作用？",
    ]
