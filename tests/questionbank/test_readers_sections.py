"""A section per question (questionbank/readers/sections.py)."""

from __future__ import annotations

from tests.questionbank.shapes import imported, parse_shape, parse_text, summary


def test_every_heading_of_a_file_that_calls_itself_a_set_of_questions_is_a_question():
    topic = imported(parse_shape("sections_topics.md"))
    assert topic.shape == "sections"
    assert summary(topic) == [
        (1, "", "什么是事件冒泡？", True),
        (2, "", "回流与重绘", True),  # not worded as a question: a topic to explain
        (3, "", "说说 this 的指向", True),
        (4, "", "防抖节流", True),
        (5, "", "闭包是什么？", True),
    ]  # 前言 and 参考链接 are the file's own
    assert "calls itself a set of questions" in topic.shape_evidence
    assert topic.questions[1].answer_md == "几何属性变化引起回流，颜色等变化只引起重绘。"


def test_study_notes_with_one_heading_worded_as_a_question_are_not_questions():
    result = parse_shape("sections_notes.md")
    assert not result.ok
    assert result.errors[0].code == "no_shape"


def test_the_same_headings_in_a_file_that_does_not_call_itself_questions_are_refused():
    body = "一段足够长的说明文字，" * 5
    headings = ["什么是事件冒泡？", "回流与重绘", "说说 this 的指向", "防抖节流", "闭包是什么？"]
    text = "".join(f"## {heading}\n{body}\n\n" for heading in headings)
    result = parse_text(text, name="notes.md")
    assert not result.ok  # the two topics would be left out: refused, not imported short
    assert result.errors[0].code == "question_left_out"


def test_a_deeper_heading_worded_as_a_question_inside_an_answer_is_a_doubt():
    # "##" headings, some topics ("## 常用的权限命令"), and a "#####" heading that asks
    # ("CPU利用率达到100%怎么排查问题？"): the levels do not say which are the questions; a
    # WeChat article like this once imported with the deeper question inside an answer.
    result = parse_shape("sections_deeper_question.md")
    assert not result.ok
    assert "CPU利用率达到100%怎么排查问题" in result.errors[0]
