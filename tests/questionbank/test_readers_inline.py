"""Inline question/answer markers (readers/inline.py)."""

from __future__ import annotations

import pytest

from questionbank.parsing import parse_topic
from tests.questionbank.shapes import imported, parse_shape, parse_text


def test_chinese_question_and_answer_markers_with_an_empty_answer():
    result = parse_shape("inline_zh.md")
    topic = imported(result)
    assert topic.shape == "inline"
    assert [(q.number, q.text, q.answer_md) for q in topic.questions] == [
        (
            1,
            "HashMap 和 Hashtable 有什么区别？",
            "Hashtable 线程安全，HashMap 不是；HashMap 允许 null 键。",
        ),
        (2, "什么是双亲委派？", "类加载请求先交给父加载器。"),
        (3, "volatile 能保证原子性吗？", ""),
    ]
    assert len(result.warnings) == 1 and "1 of 3 questions have no answer" in result.warnings[0]


def test_bold_question_paragraphs_keep_their_numbers_and_code_answers():
    topic = imported(parse_shape("inline_bold.md"))
    assert [(q.number, q.text, q.has_answer) for q in topic.questions] == [
        (1, "Redis 和 Memcached 的区别是什么？", True),
        (2, "Redis 为什么是单线程？", True),
        (12, "What is pipelining?", True),
    ]
    assert "<pre><code>1. Redis 支持多种数据结构" in topic.questions[0].answer_html
    assert (
        topic.questions[2].answer_md == "Sending several commands without waiting for each reply."
    )


def test_q_and_a_lines_with_code_between_them_belong_to_the_question():
    topic = imported(
        parse_text(
            """\
            # Python

            Q: What does this print?

            ```python
            print([[]] * 3)
            ```

            A: Three references to one list.

            Q: Is `print` a statement?
            A: Only in Python 2.
            """
        )
    )
    first, second = topic.questions
    assert first.text.startswith("What does this print?") and "print([[]] * 3)" in first.text
    assert first.answer_md == "Three references to one list."
    assert (second.text, second.answer_md) == ("Is `print` a statement?", "Only in Python 2.")


def test_title_and_reference_answer_label_blocks():
    topic = imported(
        parse_text(
            """\
            # 数据库

            **题目**

            什么是事务的隔离级别？

            **参考答案**

            读未提交、读已提交、可重复读、串行化。

            **题目**

            什么是幻读？

            **参考答案**

            同一查询两次返回的行数不同。
            """
        )
    )
    assert [(q.text, q.answer_md) for q in topic.questions] == [
        ("什么是事务的隔离级别？", "读未提交、读已提交、可重复读、串行化。"),
        ("什么是幻读？", "同一查询两次返回的行数不同。"),
    ]


def test_an_answer_labelled_by_its_kind_is_the_answer():
    """'**Sample Answer:**' (model, suggested, reference...) starts the answer as 'Answer:' does;
    it was read as more of the question, and the file came in with no answer at all."""
    asked = [
        ("Caching", "How would you design an LRU cache for a web service?"),
        ("Caching", "What happens when the cache and the database disagree?"),
        ("Limits", "How do you rate-limit one client across many servers?"),
        ("Limits", "What should a rate-limited client be told?"),
    ]
    labels = ["Sample Answer", "Model answer", "Suggested answer", "Reference answer"]
    blocks = ["# System design", "", "## Overview", "", "Four questions in two groups.", ""]
    for number, ((group, question), label) in enumerate(zip(asked, labels, strict=True)):
        if number % 2 == 0:
            blocks += [f"## {number // 2 + 1}. {group}", ""]
        blocks += [
            f"### Question {number // 2 + 1}.{number % 2 + 1}: part {number}",
            "",
            "**Question:**",
            question,
            "",
            f"**{label}:**",
            f"Answer number {number}: it depends, and here is why.",
            "",
        ]
    text = "\n".join(blocks).encode()
    # The headings and the "**Question:**" markers find the same questions, each marker under
    # its heading: read as headings, each question's text keeps the marked question.
    automatic = imported(parse_topic(text, filename="design.md"))
    assert [(q.text.split("\n")[0], q.answer_md) for q in automatic.questions] == [
        (f"part {number}", f"Answer number {number}: it depends, and here is why.")
        for number in range(4)
    ]
    assert all(
        question in q.text for q, (_, question) in zip(automatic.questions, asked, strict=True)
    )
    topic = imported(parse_topic(text, filename="design.md", shape="inline"))
    assert [(q.text, q.answer_md) for q in topic.questions] == [
        (question, f"Answer number {number}: it depends, and here is why.")
        for number, (_, question) in enumerate(asked)
    ]


def test_a_quiz_answered_by_an_answer_key_by_number():
    topic = imported(
        parse_text(
            """\
            ### Multiple Choice Questions

            **Question 1:** Which function parses dates?
            - A) `pd.to_datetime`
            - B) `pd.parse`

            **Question 2:** Which alias means business day?
            - A) `D`
            - B) `B`

            ### Answers
            1. A
            2. B
            """
        )
    )
    assert [(q.number, q.answer_md) for q in topic.questions] == [(1, "A"), (2, "B")]
    assert "pd.to_datetime" in topic.questions[0].text


@pytest.mark.parametrize(
    "text",
    [
        "# T\n\nQ1: What is X?\nA1: A thing.\n\nQ2: What is Y?\nA2: Another.\n",
        "# T\n\n**Q:** What is X?\n\n**A:** A thing.\n\n**Q:** What is Y?\n\n**A:** Another.\n",
        "# T\n\n问题1：What is X?\n\n答案1：A thing.\n\n问题2：What is Y?\n\n答案2：Another.\n",
    ],
    ids=["numbered-q-a", "bold-markers", "chinese-numbered-labels"],
)
def test_marker_variants(text):
    topic = imported(parse_text(text))
    assert [(q.text, q.answer_md) for q in topic.questions] == [
        ("What is X?", "A thing."),
        ("What is Y?", "Another."),
    ]


def test_headings_right_after_an_answer_marker_belong_to_the_answer():
    # "**A:**" then only a rule, then "## 1. CPU utilisation": the headings are the
    # answer's own sections, not groups; the answer was once read as "---" and the
    # next question's as empty.
    topic = imported(parse_shape("inline_answer_headings.md"))
    assert topic.shape == "inline"
    assert [(q.number, q.has_answer) for q in topic.questions] == [
        (1, True),
        (2, True),
        (3, True),
        (4, True),
    ]
    second, third = topic.questions[1], topic.questions[2]
    assert "Throughput" in second.answer_md and "Processes completed" in second.answer_md
    assert "Preemptive and non-preemptive" in third.answer_md
    assert {q.group for q in topic.questions} == {"1. Scheduling"}


def test_a_heading_after_an_empty_answer_marker_with_nothing_under_it_is_a_group():
    # "**A:**" with nothing, then "## Part 2", then the next question: taken into the
    # answer while it could be the answer's own section, it leaves no answer after all.
    topic = imported(parse_shape("inline_hollow_answer_then_group.md"))
    assert [(q.number, q.group, q.has_answer) for q in topic.questions] == [
        (1, "Part 1", True),
        (2, "Part 1", False),
        (3, "Part 2", True),
    ]


def test_an_answer_that_only_points_elsewhere_or_is_a_setext_heading_is_none():
    # "A: [answer](sort.py)" points to a file not imported; "A:" left empty above a group
    # title underlined with "---" would take the title for its answer
    topic = imported(
        parse_text(
            """\
            Q: What does `is` compare?
            A: Identity, not equality.

            Q: Sort these functions by their cost.
            A: [answer](sort.py)

            Q: What is a weak reference?
            A:


            Practice tasks:
            ------

            Q: Write a context manager that times a block.
            A: A class with `__enter__` and `__exit__` reading a clock.
            """
        )
    )
    assert topic.shape == "inline"
    assert [(q.number, q.has_answer) for q in topic.questions] == [
        (1, True),
        (2, False),
        (3, False),
        (4, True),
    ]


def test_list_items_numbered_on_from_bold_questions_are_questions_too():
    # "**1. q**" with its answer, then "2. q" written as a list item, "**3. q**", and "4." and
    # "5." as a list at the end: ten numbered questions in two spellings, one numbering.
    text = (
        "# Go总结\n\n**1. slice 是怎么实现的。**\n\n- 底层是数组\n- 三个字段：指针、长度、容量\n\n"
        "2. map 和 slice 并发访问的安全性问题\n\n**3. go 里面的几种锁怎么用。**\n\n"
        "**4. golang GC**\n\n- 三色标记\n- 写屏障\n\n5. epoll 原理\n6. Golang 反射\n"
    )
    topic = imported(parse_text(text, name="go.md"))
    assert topic.shape == "inline"
    assert [(q.number, q.text, q.has_answer) for q in topic.questions] == [
        (1, "slice 是怎么实现的。", True),
        (2, "map 和 slice 并发访问的安全性问题", False),
        (3, "go 里面的几种锁怎么用。", False),
        (4, "golang GC", True),
        (5, "epoll 原理", False),
        (6, "Golang 反射", False),
    ]


def test_a_numbered_list_in_an_answer_starting_at_one_stays_the_answer():
    text = (
        "**1. 如何排查 CPU 飙高？**\n\n1. top 找进程\n2. top -H 找线程\n\n"
        "**2. 如何排查内存泄漏？**\n\n1. jmap 导出堆\n2. MAT 分析\n"
    )
    topic = imported(parse_text(text, name="ops.md"))
    assert [(q.number, q.has_answer) for q in topic.questions] == [(1, True), (2, True)]
    assert "top -H 找线程" in topic.questions[0].answer_md


def test_a_file_of_one_q_and_a_pair_is_one_question():
    text = "Q: What is Docker?\nA: A platform to package and run applications in containers.\n\n"
    text += "Containers give each application an isolated, repeatable environment.\n"
    topic = imported(parse_text(text, name="docker.md"))
    assert [(q.text, q.has_answer) for q in topic.questions] == [("What is Docker?", True)]
    assert topic.questions[0].answer_md.endswith("isolated, repeatable environment.")


def test_one_q_and_a_pair_among_notes_is_no_file_of_questions():
    text = "# Docker notes\n\n" + "Docker builds images from a Dockerfile, layer by layer.\n\n" * 6
    text += "Q: What is Docker?\nA: A container platform.\n"
    result = parse_text(text, name="notes.md")
    assert not result.ok
