"""Bare question lists, no answers (readers/bare.py), and bullets under 面试题 (readers/seed.py)."""

from __future__ import annotations

from tests.questionbank.shapes import SHAPES, imported, parse_shape, parse_text, summary


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


def test_sub_questions_are_follow_ups_not_answers_and_a_table_of_contents_is_not_questions():
    result = parse_text(
        """\
        # Questions

        * [General](#general)
        * [CSS](#css)

        ## General

        * How many resources does a browser download at a time?
          * What are the exceptions?
        * Explain the following headers:
          * Expires
          * ETag

        ## CSS

        * What is the box model?
        """
    )
    topic = imported(result)
    assert topic.shape == "bare"
    assert summary(topic) == [
        (1, "General", "How many resources does a browser download at a time?", False),
        (2, "General", "Explain the following headers", False),
        (3, "CSS", "What is the box model?", False),
    ]
    assert topic.questions[0].follow_ups == ["What are the exceptions?"]
    assert topic.questions[1].follow_ups == ["Expires", "ETag"]


def test_plain_lines_of_questions_are_each_a_question():
    topic = imported(
        parse_text(
            "# k8s\n\n什么是 Pod？\n简述 Service 的作用\n如何查看镜像的环境变量？\n镜像文件存放在哪里\n"
        )
    )
    assert [q.text for q in topic.questions] == [
        "什么是 Pod？",
        "简述 Service 的作用",
        "如何查看镜像的环境变量？",
        "镜像文件存放在哪里",
    ]


def test_a_bare_list_with_question_paragraphs_at_the_end_reads_both_in_file_order():
    topic = imported(
        parse_text(
            """\
            # JS

            * What is a closure?
            * What is hoisting?

            ## Coding

            *Question: What is the value of `foo`?*

            ```js
            var foo = 10 + '20';
            ```

            *Question: How would you make this work?*

            ```js
            add(2, 5);
            ```
            """
        )
    )
    assert [(q.number, q.text.split("\n")[0], q.has_answer) for q in topic.questions] == [
        (1, "What is a closure?", False),
        (2, "What is hoisting?", False),
        (3, "What is the value of `foo`?", False),  # the code is part of the question
        (4, "How would you make this work?", False),
    ]
    assert "var foo" in topic.questions[2].text


def test_a_questions_label_line_is_not_a_question_and_q1_numbers_are_not_its_text():
    topic = imported(parse_shape("bare_label_line.md"))
    assert [q.text for q in topic.questions] == [
        "What is a Pod? Why put a sidecar next to the app?",
        "When would you choose a StatefulSet over a Deployment?",
        "How does a readiness probe differ from a liveness probe?",
    ]


def test_questions_written_as_plain_paragraphs_are_a_bare_list():
    result = parse_shape("bare_paragraphs.md")
    topic = imported(result)
    assert topic.shape == "bare"
    assert [q.text for q in topic.questions] == [
        "What is a Pod, and why is it the smallest unit Kubernetes schedules?",
        "How does a Service find the Pods it sends traffic to?",
        "When would you use a StatefulSet rather than a Deployment?",
        "How do you roll back a Deployment that went wrong?",
        "Explain how a readiness probe differs from a liveness probe.",
    ]
    assert not any(q.has_answer for q in topic.questions)
    assert [w.code for w in result.warnings] == ["unanswered"]


def test_question_paragraphs_followed_by_prose_are_not_a_bare_list():
    # the prose may answer the last question: not a list of bare questions, so not imported so
    text = (SHAPES / "bare_paragraphs.md").read_text(encoding="utf-8")
    result = parse_text(text + "\nA readiness probe gates traffic; a liveness probe restarts.\n")
    assert not result.ok or any(q.has_answer for q in result.topic.questions)


def test_question_paragraphs_under_a_question_heading_are_its_answer_not_questions():
    text = "# T\n\n## Why do Pods restart?\n\n" + "\n\n".join(
        ["Is the probe too strict?", "Is memory too low?", "Did the image change?"]
    )
    result = parse_text(text)
    assert not result.ok or len(result.topic.questions) == 1


def test_two_question_paragraphs_are_too_few_for_a_list():
    result = parse_text("# T\n\nWhat is a Pod?\n\nWhat is a Service?\n")
    assert not result.ok


def test_an_index_entry_of_a_category_and_a_link_is_no_answer():
    text = (SHAPES / "bare_index_with_labels.md").read_text(encoding="utf-8")
    text = text.replace("- **MISC-001 — Introduction**", "- **MISC-001 — Introduce yourself.**")
    text = text.replace("- **TF-001 — Terraform**", "- **TF-001 — Why Terraform?**")
    result = parse_text(text)
    topic = imported(result)
    assert topic.shape == "bare" and len(topic.questions) == 10
    assert not any(q.has_answer for q in topic.questions)


def test_labels_among_question_sentences_refuse_the_file_naming_them():
    result = parse_shape("bare_index_with_labels.md")
    assert not result.ok
    [error] = result.errors
    assert error.code == "shape_unclear"
    assert error.startswith("line 5: cannot tell how this file holds its questions")
    assert '2 items not worded as questions, the first "Introduction"' in error


def test_a_bold_label_over_a_question_still_asks():
    text = "# T\n\n" + "".join(f"- **题目{n}**：说说你对第 {n} 种锁的理解\n" for n in range(1, 5))
    topic = imported(parse_text(text))
    assert len(topic.questions) == 4


def test_prompts_of_several_sentences_are_questions_in_a_file_that_calls_itself_questions():
    result = parse_shape("bare_prompt_paragraphs.md")
    topic = imported(result)
    assert topic.shape == "bare"
    assert [q.text.split(" ")[:3] for q in topic.questions] == [
        ["[Explain", "what", "a"],  # a link to an answer not written here: still unanswered
        ["Describe", "how", "a"],
        ["What", "is", "infrastructure"],
        ["Explain", "how", "you"],
    ]
    assert not any(q.has_answer for q in topic.questions)


def test_the_same_long_paragraphs_under_a_title_that_is_no_set_of_questions_are_not_questions():
    text = (SHAPES / "bare_prompt_paragraphs.md").read_text()
    text = text.replace("# All of the interview questions (answers linked once written):", "# Ops")
    result = parse_text(text, name="ops.md")
    assert not result.ok


def test_chinese_prompts_of_several_sentences_are_questions_too():
    # The same rule in Chinese: each paragraph opens as a request ("请解释", "描述", "介绍")
    # and none ends in a question mark.
    text = (
        "# 运维面试题（答案写好后再链接）\n\n"
        "请解释容器镜像是什么，以及它的分层是怎样构建的。说明构建文件改动一行时各层的变化，"
        "并给出一个两阶段构建的例子，解释第二阶段为什么更小。\n\n"
        "描述滚动更新是怎样逐个替换服务实例的。说明旧实例停止时正在处理的请求会怎样，"
        "并给出让更新等待新实例就绪的配置，逐项解释。\n\n"
        "介绍基础设施即代码的含义。说明把基础设施写进文件后团队评审变更的方式有何不同，"
        "并举一个评审能发现而控制台点击发现不了的例子。\n\n"
        "解释你会怎样查明一次部署后服务变慢的原因。说明你首先会看哪些指标以及原因，"
        "并描述一个能在用户察觉之前显示问题的仪表盘。\n"
    )
    topic = imported(parse_text(text, name="ops.md"))
    assert topic.shape == "bare"
    assert [q.text[:4] for q in topic.questions] == ["请解释容", "描述滚动", "介绍基础", "解释你会"]
    assert not any(q.has_answer for q in topic.questions)


def test_paragraphs_numbered_from_one_are_questions_whatever_their_wording():
    # a file that calls itself a set of questions, "1、topic" paragraphs one after another:
    # the numbering says they are questions, though most name a topic to explain; asking
    # bullets between two of them are the follow-ups of the one above
    result = parse_text(
        """\
        # 网络面试题

        1、三次握手的过程。

        2、拥塞控制

        3、滑动窗口

        4、TIME_WAIT 为什么要等 2MSL？

        5、粘包

        ## 应用层

        1、HTTP 缓存怎么控制？

        2、长连接和短连接。

        * 长连接怎么保活？
        * 连接池满了会怎样？

        3、DNS 解析的过程是怎样的？
        """,
        "net.md",
    )
    topic = imported(result)
    assert topic.shape == "bare"
    assert [(q.group, q.text) for q in topic.questions] == [
        ("", "三次握手的过程。"),
        ("", "拥塞控制"),
        ("", "滑动窗口"),
        ("", "TIME_WAIT 为什么要等 2MSL？"),
        ("", "粘包"),
        ("应用层", "HTTP 缓存怎么控制？"),
        ("应用层", "长连接和短连接。"),
        ("应用层", "DNS 解析的过程是怎样的？"),
    ]
    assert topic.questions[6].follow_ups == ["长连接怎么保活？", "连接池满了会怎样？"]
    assert not any(q.has_answer for q in topic.questions)


def test_numbered_topic_paragraphs_in_a_file_not_calling_itself_questions_are_not_read():
    result = parse_text(
        """\
        # 网络笔记

        1、三次握手的过程。

        2、拥塞控制

        3、滑动窗口

        4、粘包
        """,
        "net.md",
    )
    assert not result.ok
