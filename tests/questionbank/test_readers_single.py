"""A file that is one question (questionbank/readers/single.py)."""

from __future__ import annotations

from tests.questionbank.shapes import imported, parse_shape, parse_text, summary


def test_one_question_with_an_answer_section_and_references_of_its_own():
    topic = imported(parse_shape("single_answer_section.md"))
    assert topic.shape == "single"
    assert topic.title == "Drain a node safely"
    assert summary(topic) == [
        (1, "", "How do you take a Kubernetes node out of service without dropping traffic?", True)
    ]
    answer = topic.questions[0].answer_md
    assert answer.startswith("- Cordon the node") and "kubectl drain" not in answer
    assert topic.difficulty == "middle"


def test_a_title_worded_as_a_question_is_the_question_and_the_text_below_its_answer():
    topic = imported(parse_shape("single_title_question.md"))
    assert topic.shape == "single"
    assert summary(topic) == [(1, "", "为什么 Redis 单线程还这么快？", True)]
    assert "IO 多路复用" in topic.questions[0].answer_md
    assert "Redis 文档" not in topic.questions[0].answer_md  # 参考 is the file's own


def test_a_title_that_does_not_ask_makes_no_question():
    result = parse_text("# Redis 笔记\n\n内存数据库，单线程。\n\n## 参考\n\n- 文档\n")
    assert not result.ok
    assert result.errors[0].code == "no_shape"


def test_one_answer_section_of_one_part_of_a_file_is_not_a_one_question_file():
    result = parse_text(
        "# Redis\n\n## 基础\n\n内存数据库。\n\n### 答案\n\n单线程。\n\n## 集群\n\n哈希槽。\n"
    )
    assert not result.ok
