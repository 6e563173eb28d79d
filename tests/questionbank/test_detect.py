"""The detector (questionbank/readers/detect.py): the best fit reads the file; a file no reader
explains well, or two explain about as well but differently, is refused, saying what was seen."""

from __future__ import annotations

import pytest

from questionbank.parsing import parse_topic
from questionbank.readers.vocabulary import is_question_section_label
from tests.conftest import fixture_bytes
from tests.questionbank.shapes import imported, parse_shape, parse_text


@pytest.mark.parametrize(
    "title",
    [
        "问题",
        "面试题",
        "题目列表",
        "高频问题",
        "❓ 面试高频问题",
        "Interview Questions",
        "Questions",
    ],
)
def test_headings_whose_words_are_a_section_label(title):
    assert is_question_section_label(title)


@pytest.mark.parametrize(
    "title",
    [
        "缓存问题",
        "Kubernetes Questions",
        "k8s运维中遇到什么故障问题",
        "第五题：字符串替换问题",
        "常见问题排查",
    ],
)
def test_headings_that_merely_contain_a_label_are_not_one(title):
    assert not is_question_section_label(title)


def test_the_seed_file_is_read_by_the_seed_reader_with_its_evidence():
    topic = imported(parse_topic(fixture_bytes("kubernetes.md"), filename="kubernetes.md"))
    assert topic.shape == "seed"
    assert topic.shape_evidence == "question section '问题', answer section '标准答案'"


def test_a_file_with_no_known_shape_is_refused_naming_what_it_has():
    result = parse_text("# 消息队列\n\n**面试官**：你用过 MQ 吗？\n\n**候选人**：用过。\n")
    assert result.errors == [
        "line 1: no question section and no other known shape of interview file: this file has "
        "1 `#` heading, 2 paragraphs; expected a '## 面试题' section, a heading per question, a "
        "list of questions, <details> pairs or 问：/答： markers"
    ]


PROSE_THEN_TWO_QUESTIONS = """\
# 运维笔记

## 部署流程

我们的部署分为三个阶段，先在测试环境验证，然后灰度，最后全量发布。
每个阶段都有检查清单，负责人签字后进入下一阶段。
回滚策略：保留最近三个版本的镜像，出现问题时一键回滚。
监控指标包括错误率、延迟和饱和度，任何一个超过阈值都会告警。

## 值班制度

每周一人主值班，一人副值班，交接时填写交接单。
值班期间的告警需要在十五分钟内响应，一小时内给出初步结论。
重大故障需要拉起故障群，并在事后一周内完成复盘文档。
复盘文档包括时间线、根因、改进项和负责人。

## 常见问题

### 什么是灰度发布？

先让一小部分用户使用新版本。

### 如何回滚？

切回上一个镜像版本。
"""


def test_a_fit_that_leaves_most_of_the_file_unexplained_is_refused():
    result = parse_text(PROSE_THEN_TWO_QUESTIONS)
    assert not result.ok and result.topic is None
    [error] = result.errors
    assert error.code == "shape_partial"
    assert error.startswith("only 33% of the file reads as a section per question")
    assert "under '## 部署流程', '## 值班制度'" in error


def test_question_markers_inside_the_answers_of_another_reading_make_the_file_mixed():
    result = parse_text(
        """\
        # T

        ### 什么是进程？

        问：进程和线程的区别？
        答：进程有独立地址空间。

        问：进程间怎么通信？
        答：管道、消息队列。

        ### 什么是线程？

        问：线程共享什么？
        答：堆和全局变量。

        问：线程安全是什么？
        答：多线程访问结果正确。
        """
    )
    [error] = result.errors
    assert error == (
        "line 5: this file mixes shapes: it reads as a heading per question (2 `###` headings, "
        "2 read as questions (2 worded as questions), 2 followed by an answer), but 4 more "
        "questions from here on are question/answer markers; nothing was imported rather than "
        "only part of it"
    )


def test_two_readings_about_as_good_with_different_questions_are_refused():
    # Two lazily numbered one-item lists under headings that are questions themselves.
    result = parse_text(
        """\
        # T

        ## What is a process?

        1. What is a thread?

        A unit of execution.

        ## What is memory?

        1. What is a page?

        A fixed-size block.
        """
    )
    [error] = result.errors
    assert error.code == "shape_unclear"
    assert "a heading per question" in error and "a list of questions with answers" in error


def test_a_question_section_with_headings_answered_below_them_is_read_as_headings():
    topic = imported(
        parse_text(
            "# T\n\n## 面试题\n\n### 1. 什么是 A？\n\nA 是甲。\n\n### 2. 什么是 B？\n\nB 是乙。\n"
        )
    )
    assert topic.shape == "headings"
    assert [(q.text, q.answer_md) for q in topic.questions] == [
        ("什么是 A？", "A 是甲。"),
        ("什么是 B？", "B 是乙。"),
    ]


def test_a_topic_of_more_than_999_questions_is_refused_before_it_is_rendered():
    text = "# T\n\n" + "".join(f"- Question {i}?\n" for i in range(1, 1201))
    [error] = parse_text(text).errors
    assert error == (
        "this file reads as a bare list of questions with 1200 questions; a topic holds at most "
        "999: split it into several topics"
    )


def test_html_div_question_answer_pairs_are_refused_with_what_the_file_holds():
    result = parse_shape("html_div_pairs.md")
    assert not result.ok  # no reader for <div class="qa-q">: refused, never read half-right
    assert result.errors[0].code == "no_shape"
    assert "3 paragraphs" in str(result.errors[0])


def test_an_interview_transcript_is_refused_not_read_as_questions():
    result = parse_shape("dialogue_transcript.md")
    assert not result.ok
    assert result.errors[0].code == "no_shape"


def test_a_reading_with_a_few_questions_whose_answers_hold_many_of_another_is_refused():
    # two headings that ask, each over prose and folded questions: read as 2 questions, the
    # 4 folded ones would vanish into their answers; refused, the folds offered as a reading
    result = parse_topic(SWALLOWED.encode(), filename="notes.md")
    assert [e.code for e in result.errors] == ["shape_mixed"]
    assert [(r.shape, r.questions, r.answered) for r in result.readings][:2] == [
        ("headings", 2, 2),
        ("details", 4, 4),
    ]


SWALLOWED = """\
# Interview notes

## What do we ask about Python?

We start with the language itself: how it runs code, how it manages memory,
and how its common idioms look.

Candidates who used it at work answer these quickly.


<details>
<summary>What is a generator?</summary>

A function that yields values lazily.
</details>

<details>
<summary>What is a decorator?</summary>

A callable that wraps another callable.
</details>

## What do we ask about SQL?

Then databases: how queries find their rows and how tables relate.

Most backend roles need this every day, so the bar is higher.


<details>
<summary>What is an index?</summary>

A structure that finds rows without a full scan.
</details>

<details>
<summary>What is a join?</summary>

Rows of two tables matched on a condition.
</details>
"""


def test_marker_pairs_under_a_heading_numbered_in_the_run_are_its_parts():
    # "### 4. 垃圾回收题" continues the numbered questions: its 问/答 pairs are parts of
    # question 4, not three more questions the reading would swallow
    topic = imported(
        parse_text(
            """\
            # Java 题

            ### 1. 以下代码输出什么？
            输出 true。

            ### 2. 为什么 Long 不能用 == 比较？
            缓存只覆盖 -128 到 127。

            ### 3. 泛型数组可以创建吗？
            不可以，类型擦除。

            ### 4. 垃圾回收题
            问：第几行的对象可以回收？
            答：第 3 行。

            问：置 null 之后呢？
            答：第 2 行。

            问：互相引用的两个对象呢？
            答：可达性分析，都可回收。
            """
        )
    )
    assert topic.shape == "headings"
    assert [(q.number, q.has_answer) for q in topic.questions] == [
        (1, True),
        (2, True),
        (3, True),
        (4, True),
    ]
    assert "互相引用" in topic.questions[3].answer_md


def test_questions_written_twice_over_a_heading_and_a_marker_are_one_reading():
    # "## Question 1: Box model" over "**Question:** q" and "**Answer:** a": the headings and
    # the markers find the same questions, each marker under its heading, not two readings.
    text = ""
    for n, (topic, asked) in enumerate(
        [("Box model", "What is the CSS box model?"), ("Closures", "What is a closure?"),
         ("Event loop", "How does the event loop work?")], 1):  # fmt: skip
        text += f"## Question {n}: {topic}\n\n**Question:** {asked}\n\n**Answer:** An answer {n}.\n\n---\n\n"
    topic = imported(parse_text(text, name="questions.md"))
    assert topic.shape == "headings"
    assert [q.text.split("\n")[0] for q in topic.questions] == [
        "Box model",
        "Closures",
        "Event loop",
    ]
    assert "**Question:** What is a closure?" in topic.questions[1].text
    assert [q.answer_md for q in topic.questions] == [
        "An answer 1.",
        "An answer 2.",
        "An answer 3.",
    ]
