"""Choosing a reading: a file the detector is unsure of offers its candidate readings
(questionbank/readers/detect.py ``readings``), and ``parse_topic(..., shape=...)`` reads it the
way a curator chose, past the doubts about its shape but not past any other error."""

from __future__ import annotations

import pickle

from questionbank.parsing import content_hash, parse_topic
from tests.questionbank.shapes import SHAPES, parse_shape


def parse_as(name: str, shape: str):
    return parse_topic((SHAPES / name).read_bytes(), filename=name, shape=shape)


def test_a_file_two_readings_explain_about_as_well_offers_both_with_their_questions():
    result = parse_shape("unsure_two_readings.md")
    assert [e.code for e in result.errors] == ["shape_unclear"]
    assert [(r.shape, r.questions, r.answered) for r in result.readings] == [
        ("headings", 3, 3),
        ("list", 3, 3),
    ]
    headings, listed = result.readings
    assert headings.first_questions == ("What is a process?", "What is memory?",
                                        "What is a file system?")  # fmt: skip
    assert listed.first_questions == ("What is a thread?", "What is a page?", "What is an inode?")
    assert headings.evidence.startswith("3 `##` headings, 3 read as questions")


def test_the_readings_survive_the_report_s_pickle_and_are_in_the_json():
    result = pickle.loads(pickle.dumps(parse_shape("unsure_two_readings.md")))
    data = result.as_dict()
    assert data["ok"] is False
    assert [r["shape"] for r in data["readings"]] == ["headings", "list"]
    assert data["readings"][1]["first_questions"][0] == "What is a thread?"
    assert data["readings"][1]["questions"] == 3 and data["readings"][1]["answered"] == 3


def test_a_chosen_reading_reads_the_file_that_way():
    listed = parse_as("unsure_two_readings.md", "list")
    assert listed.ok and listed.topic.shape == "list" and listed.chosen_shape == "list"
    assert [(q.group, q.text) for q in listed.topic.questions] == [
        ("What is a process?", "What is a thread?"),
        ("What is memory?", "What is a page?"),
        ("What is a file system?", "What is an inode?"),
    ]
    headings = parse_as("unsure_two_readings.md", "headings")
    assert [q.text for q in headings.topic.questions] == [
        "What is a process?",
        "What is memory?",
        "What is a file system?",
    ]
    assert headings.topic.questions[0].answer_md.startswith("1. What is a thread?")


def test_a_chosen_reading_that_leaves_much_unexplained_says_so_in_a_warning():
    result = parse_as("unsure_mostly_notes.md", "headings")
    assert result.ok
    # Its questions sit under "## 常见问题", so its headings read as a section per question:
    # the choice of "a heading per question" (remembered for the file) still holds.
    assert result.topic.shape == "sections"
    assert [(q.text, q.has_answer) for q in result.topic.questions] == [
        ("什么是灰度发布？", True),
        ("如何回滚？", True),
    ]
    assert result.warnings == [
        "the reading chosen explains 33% of the file; the rest (10 lines, from line 3, under "
        "'## 部署流程', '## 值班制度') is not imported"
    ]


def test_a_chosen_reading_keeps_the_normal_warnings():
    text = "# T\n\n## 面试题\n\n- 什么是 A？\n- 什么是 B？\n- 什么是 C？\n"
    result = parse_topic(text.encode(), filename="t.md", shape="bare")
    assert result.ok and result.topic.shape == "bare"
    assert [w.code for w in result.warnings] == ["unanswered"]


def test_a_doubt_of_the_chosen_reading_becomes_a_warning_on_its_line():
    # A question quoted among question headings: the headings reading leaves it out.
    refused = parse_shape("headings_in_quote.md")
    assert [e.code for e in refused.errors] == ["question_left_out"]
    assert [(r.shape, r.questions) for r in refused.readings] == [("headings", 6)]
    chosen = parse_as("headings_in_quote.md", "headings")
    assert chosen.ok and len(chosen.topic.questions) == 6
    assert chosen.warnings == [
        'line 12: this reads like a question ("4. 什么是 CAS？"), but the reading chosen leaves '
        "it out"
    ]


def test_hard_errors_still_refuse_a_chosen_reading():
    prose = parse_topic(b"# T\n\njust prose\n", filename="t.md", shape="headings")
    assert [e.code for e in prose.errors] == ["chosen_not_found"]
    assert prose.errors[0].startswith(
        "the reading chosen for this file, a heading per question, finds no questions in it"
    )
    bad_yaml = parse_topic(b"---\ntitle: [\n---\n# T\n", filename="t.md", shape="headings")
    assert [e.code for e in bad_yaml.errors] == ["front_matter_yaml"]
    too_big = parse_topic(b"# T\n" + b"x" * 100, filename="t.md", max_bytes=50, shape="list")
    assert [e.code for e in too_big.errors] == ["too_big"]
    unknown = parse_topic(b"# T\n", filename="t.md", shape="guess")
    assert [e.code for e in unknown.errors] == ["shape_unknown"]


def test_hard_errors_offer_no_readings():
    assert parse_topic(b"# T\n\njust prose\n", filename="t.md").readings == []
    assert parse_topic(b"---\ntitle: [\n---\n# T\n", filename="t.md").readings == []


def test_a_file_read_as_it_always_was_offers_no_readings():
    result = parse_shape("headings_groups.md")
    assert result.ok and result.readings == []
    assert "readings" not in result.as_dict()


def test_the_chosen_reading_is_part_of_the_content_hash():
    data = (SHAPES / "unsure_two_readings.md").read_bytes()
    assert content_hash(data) != content_hash(data, shape="list")
    assert content_hash(data, shape="list") != content_hash(data, shape="headings")
    assert parse_as("unsure_two_readings.md", "list").content_hash == content_hash(
        data, shape="list"
    )


def test_a_file_refused_for_an_empty_question_over_a_topic_offers_readings_and_says_the_doubt():
    # The doubt "nothing under the question, text under the topic heading after it" is about
    # the file's shape like the others: the curator may choose, and is told of it again.
    text = "# 前端面试题\n\n"
    for n, topic in enumerate(("盒子模型", "闭包", "原型链", "事件循环"), 1):
        text += f"### {topic}是什么？\n\n{topic}的解释，第 {n} 条。\n\n"
    text += "### 渐进增强\n\n一种网页设计策略。\n\n### 如何进行网站性能优化\n\n### 优化\n\n合并请求、压缩资源。\n"
    refused = parse_topic(text.encode(), filename="fe.md")
    assert [e.code for e in refused.errors] == ["answer_under_topic"]
    assert refused.readings, "a curator is offered readings"
    shape = refused.readings[0].shape
    chosen = parse_topic(text.encode(), filename="fe.md", shape=shape)
    assert chosen.ok
    assert any(
        w.code == "chosen_answer_under_topic" and "如何进行网站性能优化" in str(w)
        for w in chosen.warnings
    )


def test_a_chosen_reading_reads_unspaced_headings_as_the_detector_does():
    # "###1.1 q" is no heading to CommonMark; the detector reads it again as one, and so does
    # a reading a curator chose (it found no questions in the file before)
    text = "# Java\n#1 基础\n###1.1 JDK 和 JRE 有什么区别？\n开发与运行。\n###1.2 什么是 JVM？\n虚拟机。\n"
    text += "###1.3 什么是 GC？\n回收内存。\n"
    chosen = parse_topic(text.encode(), filename="java.md", shape="headings")
    assert chosen.ok, chosen.errors
    assert [q.text for q in chosen.topic.questions] == [
        "JDK 和 JRE 有什么区别？",
        "什么是 JVM？",
        "什么是 GC？",
    ]
    assert [w.code for w in chosen.warnings] == ["headings_unspaced"]
    detected = parse_topic(text.encode(), filename="java.md")
    assert [q.text for q in detected.topic.questions] == [q.text for q in chosen.topic.questions]
