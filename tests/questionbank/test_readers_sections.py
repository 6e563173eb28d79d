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


_TOPICS_UNDER_A_TITLE = """\
# HTML 与浏览器

### Doctype 有什么作用？

声明文档类型，决定标准模式还是兼容模式。

### 行内元素有哪些？

a、span、img、input。

### HTML 全局属性

所有元素共有的属性，如 class、id、title。

### 如何理解语义化？

用正确的标签做正确的事。

### 另外还有一些关于 title 的知识：

- title 属性可以用在大多数标签上

### cookie 与 localStorage 的区别是什么？

cookie 随请求发送，localStorage 不会。

### 浏览器内核

渲染引擎与 JS 引擎。

### 为什么要弃用 table 布局？

渲染要等整个表格下载完。
"""


def test_under_a_title_topic_headings_answered_like_the_questions_are_questions_too():
    # the title does not call the file a set of questions; most headings ask, and the two
    # that do not ("HTML 全局属性", "浏览器内核") are answered as the others are
    topic = imported(parse_text(_TOPICS_UNDER_A_TITLE, name="README.md"))
    assert topic.shape == "sections"
    assert [q.text for q in topic.questions] == [
        "Doctype 有什么作用？",
        "行内元素有哪些？",
        "HTML 全局属性",
        "如何理解语义化？",
        "cookie 与 localStorage 的区别是什么？",
        "浏览器内核",
        "为什么要弃用 table 布局？",
    ]  # "另外还有一些关于 title 的知识：" leads into the text below it: no question
    assert all(q.has_answer for q in topic.questions)
    assert "answered as the others are" in topic.shape_evidence


def test_a_topic_heading_with_only_a_link_under_it_is_no_reason_to_take_topics_for_questions():
    text = _TOPICS_UNDER_A_TITLE.replace(
        "渲染引擎与 JS 引擎。", "[浏览器内核](https://example.com/engines)"
    )
    assert not parse_text(text, name="README.md").ok


def test_html_anchored_headings_and_their_contents_list_make_one_question_each():
    topic = imported(parse_shape("headings_html_anchors_toc.md"))
    assert [(q.text, q.has_answer) for q in topic.questions] == [
        ("为什么要用消息队列", True),
        ("消息队列的缺点", False),  # "todo" only
        ("怎么保证消息不丢失", True),  # "todo" above an answer written after all
        ("如何处理消息积压？", False),  # "todo" and a link
        ("怎么保证消息有序", True),
        ("如何避免重复消费？", True),
        ("消息模型", True),
    ]  # the "&emsp;<a href="#0">" lines repeat the headings: contents, not more questions
    assert "[Top]" not in "".join(q.text for q in topic.questions)
