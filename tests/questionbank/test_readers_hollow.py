"""Answers that say nothing, questions without answers under headings, and question paragraphs
taken for an answer: traps from real interview files (corpus set "new")."""

from __future__ import annotations

from questionbank.parsing import parse_topic
from questionbank.readers.answers import is_hollow, is_link_only, split_question_code
from questionbank.readers.vocabulary import looks_like_question
from tests.questionbank.shapes import SHAPES, imported, parse_shape, summary


def test_labels_bare_markers_line_breaks_and_a_bare_url_are_no_answers():
    topic = imported(parse_shape("lists_hollow_answers.md"))
    assert [(q.text, q.has_answer) for q in topic.questions] == [
        ("What is a subnet mask ?", False),  # "Ans:" and nothing after it
        ("What does DNS resolve ?", False),
        ("What is the difference between TCP and UDP?", False),  # "+ "
        ("What is a default gateway?", False),  # "<br/><br/>"
        ("Explain NAT.", False),  # a bare URL: a pointer elsewhere
        ("What is ARP used for?", True),
        ("What is BGP?", False),  # the banner above it is not its text; "8. " is no question
    ]


def test_a_template_placeholder_above_empty_fences_is_no_answer():
    topic = imported(parse_shape("headings_template_answers.md"))
    assert summary(topic) == [
        (1, "Day 1", "如何理解封装（简单回答）", False),
        (2, "Day 1", "简单解释以下命令", False),  # "1. pwd:" inside the template's fence
        (3, "Day 2", "如何查看当前 git 仓库的状态", False),
        (4, "Day 2", "如何撤销一次提交", True),
    ]


def test_question_headings_without_answers_import_unanswered_with_their_groups():
    result = parse_shape("headings_unanswered.md")
    topic = imported(result)
    assert topic.shape == "headings"
    assert [(q.group, q.has_answer) for q in topic.questions] == [("基础", False)] * 4 + [
        ("路由", False)
    ] * 2
    assert topic.questions[3].text == "使用 vue 写一个 tab 切换"
    assert any("6 of 6 questions have no answer" in w for w in result.warnings)


def test_an_unanswered_heading_not_worded_as_a_question_refuses_the_file():
    text = (SHAPES / "headings_unanswered.md").read_text(encoding="utf-8")
    text = text.replace("#### 使用 vue 写一个 tab 切换", "#### tab 切换组件")
    result = parse_topic(text.encode(), filename="topic.md")
    assert not result.ok
    assert '"tab 切换组件"' in result.errors[0]


def test_question_paragraphs_after_unanswered_question_headings_are_more_questions():
    result = parse_shape("headings_question_paragraphs.md")
    topic = imported(result)
    assert [(q.number, q.has_answer) for q in topic.questions] == [(n, False) for n in range(1, 7)]
    assert topic.questions[3].text.startswith("Why are resource limits important")
    assert "3 question paragraphs under them" in topic.shape_evidence


def test_question_paragraphs_taken_for_an_answer_among_answers_refuse_the_file():
    text = (SHAPES / "headings_question_paragraphs.md").read_text(encoding="utf-8")
    text = text.replace(
        "## When you build a new image, what steps do you follow?\n",
        "## When you build a new image, what steps do you follow?\n\nTag it, scan it, push it.\n",
    )
    result = parse_topic(text.encode(), filename="topic.md")
    assert not result.ok
    assert result.errors[0].startswith("line 9: ")
    assert "Why are resource limits important" in result.errors[0]


def test_is_hollow_and_is_link_only():
    assert is_hollow("+ ")
    assert is_hollow("Ans:")
    assert is_hollow("**答案：**")
    assert is_hollow("<br/><br/>")
    assert is_hollow("> The answer goes here\n> ```\n> ```")
    assert is_hollow("\t\t--- Intermediate Level: -----------")
    assert not is_hollow("A: the kernel decides.")
    assert not is_hollow("```\nls | wc -l\n```")
    assert not is_hollow('```\n<div style="height:1px;overflow:hidden"></div>\n```')  # code
    assert not is_hollow("- pods\n- services")
    assert is_link_only("https://example.com/a/1\n<br/><br/>")
    assert not is_link_only("https://example.com/a/1 explains why the cache is stale, see part 2")


def test_requests_at_the_start_of_a_clause_read_as_questions():
    assert looks_like_question("使用vue写一个tab切换")
    assert looks_like_question("使用vue开发一个todo小应用，谈下你的思路")
    assert looks_like_question("说出几个常用的组件")
    assert not looks_like_question("能说出第 3 个要点的，可以加分")
    assert not looks_like_question("防抖函数")


def test_code_the_question_asks_about_or_leaves_to_fill_is_the_questions():
    topic = imported(parse_shape("lists_code_in_question.md"))
    assert [q.has_answer for q in topic.questions] == [False, False, False, True]
    assert "print(0.1 + 0.2 == 0.3)" in topic.questions[0].text  # "下面代码…输出结果是？"
    assert "# TODO" in topic.questions[1].text  # code left for the candidate to fill in
    assert topic.questions[2].text.endswith("请说明思路，以及它的优点（比如：速度，内存消耗）。")
    assert topic.questions[3].answer_md == "```python\nitems[::-1]\n```"  # a task's own answer


def test_in_a_file_that_folds_its_answers_open_text_under_a_question_is_the_question():
    topic = imported(parse_shape("headings_folded_some.md"))
    assert [(q.number, q.has_answer) for q in topic.questions] == [
        (1, True),
        (2, False),
        (3, False),
    ]
    assert topic.questions[0].answer_md.startswith("`undefined`")
    assert "console.log(a);" in topic.questions[1].text  # "Questions 2:" numbers the heading
    assert topic.questions[2].text.startswith("Write a counter")


def test_a_number_followed_by_a_dash_numbers_a_question_heading():
    topic = imported(parse_shape("headings_dash_numbers.md"))
    assert [(q.number, q.text, q.has_answer) for q in topic.questions][-1] == (
        3,
        "Difference between RDB and AOF ?",
        True,
    )
    assert len(topic.questions) == 3


def test_emphasis_alone_is_an_answer_not_a_banner():
    assert not is_hollow("***Important***")
    assert is_hollow("===== Advanced =====")


def test_a_numbered_bold_question_answered_on_its_next_line_and_a_titled_scenario():
    topic = imported(parse_shape("inline_bold_title_scenarios.md"))
    assert [(q.number, q.has_answer) for q in topic.questions] == [(1, True), (2, True), (3, True)]
    assert (
        topic.questions[0].answer_md == "A process isolated by namespaces and limited by cgroups."
    )
    assert topic.questions[2].text.startswith(
        "Scenario: A container exits at once\n\nThe container"
    )
    assert topic.questions[2].answer_md.startswith("- `docker logs`")


def test_a_numbered_question_commonmark_folds_into_prose_is_read_between_its_neighbours():
    topic = imported(parse_shape("lists_next_number_in_answer.md"))
    assert [q.number for q in topic.questions] == [1, 2, 3, 4, 5, 6, 7]
    assert topic.questions[2].text == "How does a merge work?"
    assert topic.questions[2].answer_md.startswith("Answer: Git finds") is False
    assert topic.questions[2].answer_md.startswith("Git finds the common ancestor")
    assert topic.questions[1].answer_md.endswith("Cheap branches\nContent-addressed objects")


def test_a_folded_numbered_question_out_of_sequence_refuses_the_file():
    text = (SHAPES / "lists_next_number_in_answer.md").read_text(encoding="utf-8")
    text = text.replace("3. How does a merge work?", "9. How does a merge work?")
    result = parse_topic(text.encode(), filename="topic.md")
    assert not result.ok
    assert result.errors[0].startswith(
        'line 12: this reads like a question ("How does a merge work?")'
    )


def test_one_heading_marked_as_a_question_with_a_sample_answer_label_is_one_question():
    topic = imported(parse_shape("single_marked_heading.md"))
    assert topic.shape == "single"
    [question] = topic.questions
    assert question.text.startswith("What does regularisation trade away?\n\n**Category:** Theory")
    assert question.answer_md.startswith("A little fit on the training data")


def test_code_named_by_its_language_after_below_is_the_questions():
    # "以下CSS代码" / "the following JavaScript code": the code right under it is asked about
    for question in ("请计算以下CSS代码的总宽度", "What does the following JavaScript code print?"):
        shown = split_question_code(question, "```css\n.box { width: 300px; }\n```")
        assert shown == ("```css\n.box { width: 300px; }\n```", "")
    assert (
        split_question_code("请写出清除浮动的代码", "```css\n.a::after { clear: both; }\n```")
        is None
    )
