"""notes.py: prose sections beside a file's questions are kept as its notes, not refused
(files written here for the test)."""

from __future__ import annotations

import pytest

from questionbank.models import Topic, TopicNote
from tests.conftest import import_markdown
from tests.questionbank.shapes import imported, parse_text

NOTES = """\
# Kubernetes

## 常见问题整理

- 什么是 Pod？
- 什么是 Service？
- Deployment 和 StatefulSet 有什么区别？

## 学习笔记

Pod 是最小的部署单元，一个 Pod 里可以有多个容器，它们共享网络和存储。
Service 为一组 Pod 提供稳定的访问地址，并做负载均衡。
Deployment 管理无状态应用的副本和滚动更新。

> StatefulSet 给每个副本稳定的名字和存储。

| 对象 | 作用 |
| --- | --- |
| Pod | 运行容器 |
| Service | 暴露服务 |
"""


def test_a_prose_section_beside_the_questions_is_a_note():
    topic = imported(parse_text(NOTES))
    assert topic.shape == "bare"
    assert [q.text for q in topic.questions] == [
        "什么是 Pod？",
        "什么是 Service？",
        "Deployment 和 StatefulSet 有什么区别？",
    ]
    [note] = topic.notes
    assert note.title == "学习笔记" and "最小的部署单元" in note.body_md
    assert "1 section kept as notes" in topic.shape_evidence


def test_a_section_with_a_question_paragraph_is_not_a_note():
    text = NOTES.replace("Deployment 管理无状态应用的副本和滚动更新。", "\n为什么 Pod 会被驱逐？")
    result = parse_text(text)
    assert not result.ok or len(result.topic.questions) == 4


def test_a_section_whose_list_asks_is_not_a_note():
    text = NOTES.replace("> StatefulSet", "- 如何给 Pod 限流？\n\n> StatefulSet")
    result = parse_text(text)
    assert not result.ok or len(result.topic.questions) == 4


def test_a_section_with_an_answer_label_is_not_a_note():
    # "### TASK : …" then "**Answer**: …": a question and its answer the bare list misses,
    # not notes to keep beside it; the file is refused rather than imported short.
    text = NOTES.replace(
        "> StatefulSet 给每个副本稳定的名字和存储。",
        "### TASK : 给有状态应用配置持久卷\n\n**Answer**: 用 StatefulSet 和 PVC 模板。",
    )
    assert not parse_text(text).ok


def test_a_section_of_short_lines_that_ask_one_by_one_is_not_a_note():
    # An interview log: one question a line, no list markers, no question marks.
    text = NOTES.replace(
        "> StatefulSet 给每个副本稳定的名字和存储。",
        "Nodejs 和 python 的区别\nNodejs 的内部原理\n如何设计一个登录窗口",
    )
    assert not parse_text(text).ok


@pytest.mark.django_db
def test_imported_notes_are_stored_with_the_topic():
    report = import_markdown(NOTES, "kubernetes.md")
    assert report.ok
    topic = Topic.objects.get()
    assert topic.questions.count() == 3
    assert list(TopicNote.objects.filter(topic=topic).values_list("title", flat=True)) == [
        "学习笔记"
    ]


def test_a_heading_of_one_question_word_over_prose_is_a_note_not_a_question():
    # "## why" over a quote: a label of what follows, the section a note beside the list
    topic = imported(
        parse_text(
            """\
            # 面试题

            ## 常问

            - 为什么离开上一家公司？
            - 你最近在学什么？
            - 你的职业规划是什么？

            ## why

            > 为什么要这么做？理由何在？

            ## how

            > 怎么做？从哪里入手？
            """
        )
    )
    assert topic.shape == "bare"
    assert len(topic.questions) == 3
    assert [note.title for note in topic.notes] == ["why", "how"]
