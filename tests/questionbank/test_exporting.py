"""export_questions writes what import_questions reads: a round trip keeps the topic."""

from __future__ import annotations

import pytest

from questionbank.exporting import export_topic
from questionbank.models import BonusCategory, KeyPoint, Question, Topic
from tests.conftest import FIXTURES, import_markdown

pytestmark = pytest.mark.django_db


def snapshot(topic: Topic) -> dict:
    questions = topic.questions.filter(archived=False).order_by("number")
    return {
        "title": topic.title,
        "background": topic.background_md,
        "tags": topic.tags,
        "difficulty": topic.difficulty,
        "questions": [
            (
                q.number,
                q.group,
                q.text,
                q.answer_title,
                q.answer_md,
                q.follow_ups,
                [(kp.text, kp.weight) for kp in q.key_points.order_by("position", "id")],
            )
            for q in questions
        ],
        "bonus": [
            (c.name, list(c.points.order_by("position").values_list("text", flat=True)))
            for c in BonusCategory.objects.filter(topic=topic).order_by("position")
        ],
        "experiences": list(topic.experiences.values_list("title", "body_md")),
        "notes": list(topic.notes.values_list("title", "body_md")),
    }


def round_trip(topic: Topic, *, clean: bool = True) -> dict:
    """Export ``topic``, import the export as a new topic, and snapshot that."""
    text = export_topic(topic).replace(f"slug: {topic.slug}\n", "slug: copy\n", 1)
    report = import_markdown(text, "copy.md")
    assert report.ok, report.as_dict(with_summary=False)
    if clean:
        assert report.files[0].result.warnings == []
    return snapshot(Topic.objects.get(slug="copy"))


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.md")), ids=lambda p: p.name)
def test_every_demo_topic_round_trips(path):
    assert import_markdown(path.read_text(encoding="utf-8"), path.name).ok
    topic = Topic.objects.get()
    assert round_trip(topic) == snapshot(topic)


def test_curated_key_points_and_weights_round_trip():
    import_markdown((FIXTURES / "kubernetes.md").read_text(encoding="utf-8"), "kubernetes.md")
    topic = Topic.objects.get()
    question = topic.questions.get(number=3)
    question.key_points.all().delete()
    KeyPoint.objects.create(
        question=question, text="Deployment 管理 ReplicaSet", weight=3, position=0
    )
    KeyPoint.objects.create(
        question=question, text="Service 用 *label* 选择 Pod", weight=1, position=1
    )
    exported = export_topic(topic)
    assert (
        "**评分要点**：\n- Deployment 管理 ReplicaSet（权重 3）\n- Service 用 \\*label\\* 选择 Pod\n"
        in exported
    )
    assert round_trip(topic) == snapshot(topic)


def test_numbering_gaps_after_archiving_round_trip():
    text = "# T\n\n## 问题\n\n1. 一？\n2. 二？\n3. 三？\n4. 四？\n"
    import_markdown(text, "t.md")
    Question.objects.filter(number=3).update(archived=True)
    topic = Topic.objects.get()
    exported = export_topic(topic)
    assert "2. 二？\n\n4) 四？" in exported
    copy = round_trip(topic, clean=False)
    assert [q[0] for q in copy["questions"]] == [1, 2, 4]
    assert copy == snapshot(topic)


def test_single_question_and_english_topics_round_trip():
    single = (
        "---\ntitle: Tuning\n---\n## Question\n\n**Focus**: profiling\n\n**Questions**:\n\n"
        "How do you *profile* a Node.js service?\n\n## Answers\n\n### Tools\n\n- clinic\n- 0x\n\n"
        "### Pitfalls\n\n- sync I/O\n\n## Further reading\n\n- docs\n"
    )
    assert import_markdown(single, "tuning.md").ok
    topic = Topic.objects.get()
    assert topic.language == "en"
    exported = export_topic(topic)
    assert "## Question\n" in exported and "## Standard Answers\n" in exported
    assert round_trip(topic) == snapshot(topic)


def reimport_export(topic: Topic, *, dry_run: bool):
    report = import_markdown(export_topic(topic), f"{topic.slug}.md", dry_run=dry_run)
    assert report.ok, report.as_dict(with_summary=False)
    return report.files[0]


GROUPED = """# Redis 面试

整理的常见题目。

## 一、基础

### 1. 什么是 Redis？

Redis 是一个内存中的键值数据库。

- 支持持久化
- 单线程处理命令

### 2. Redis 为什么快？

纯内存操作，加上 IO 多路复用。

## 二、进阶

### 1. 如何实现分布式锁？

```lua
return redis.call("del", KEYS[1])
```

### 2. 缓存穿透怎么解决？

布隆过滤器，或者缓存空值。
"""


def test_groups_round_trip_and_reimporting_the_export_changes_nothing():
    """Questions read from a file with groups (one heading per question under group headings,
    numbers restarting per group) keep their groups through an export: re-importing the
    export changes nothing, in the preview or the import."""
    assert import_markdown(GROUPED, "redis.md").ok
    topic = Topic.objects.get(slug="redis")
    groups = list(topic.questions.order_by("number").values_list("number", "group"))
    assert groups == [(1, "一、基础"), (2, "一、基础"), (3, "二、进阶"), (4, "二、进阶")]
    exported = export_topic(topic)
    assert "**问题**：\n\n### 分组：一、基础\n\n1. 什么是 Redis？\n" in exported
    assert "2. Redis 为什么快？\n\n### 分组：二、进阶\n\n3. 如何实现分布式锁？\n" in exported
    preview = reimport_export(topic, dry_run=True)
    assert [(q.number, q.group, q.status, q.parts) for q in preview.questions] == [
        (n, group, "unchanged", []) for n, group in groups
    ]
    written = reimport_export(topic, dry_run=False)
    assert written.summary.as_dict() == {
        "created": 0, "updated": 0, "unchanged": 4, "archived": 0
    }  # fmt: skip
    assert list(topic.questions.order_by("number").values_list("number", "group")) == groups


def test_unanswered_questions_with_groups_round_trip():
    """A bare list of questions under group headings (no answers at all): the export is still
    read in our format, every question in its group, and re-importing it changes nothing."""
    text = (
        "# Frontend Interview Questions\n\n## General\n\n* What did you learn yesterday?\n"
        "* Why do you like coding?\n\n## CSS\n\n* What is the box model?\n"
        "* How does `z-index` work?\n* What is a BFC?\n"
    )
    assert import_markdown(text, "frontend.md").ok
    topic = Topic.objects.get()
    groups = list(topic.questions.order_by("number").values_list("number", "group"))
    assert groups == [(1, "General"), (2, "General"), (3, "CSS"), (4, "CSS"), (5, "CSS")]
    preview = reimport_export(topic, dry_run=True)
    assert preview.result.topic.shape == "seed"
    assert [(q.number, q.group, q.status) for q in preview.questions] == [
        (n, group, "unchanged") for n, group in groups
    ]
    assert round_trip(topic, clean=False) == snapshot(topic)


def test_a_curators_groups_round_trip_also_back_to_no_group():
    """Groups set in the admin, an ungrouped question after a grouped one, a group name that
    reads as a number or holds Markdown: each comes back as it was."""
    import_markdown((FIXTURES / "kubernetes.md").read_text(encoding="utf-8"), "kubernetes.md")
    topic = Topic.objects.get()
    names = {1: "1. 基础", 2: "1. 基础", 3: "", 4: "*进阶* <b>与</b> `运维`", 5: "Q&A [附录]"}
    for number, group in names.items():
        topic.questions.filter(number=number).update(group=group)
    expected = [(q.number, q.group) for q in topic.questions.order_by("number")]
    assert round_trip(topic) == snapshot(topic)
    copy = Topic.objects.get(slug="copy")
    assert list(copy.questions.order_by("number").values_list("number", "group")) == expected


def test_groups_of_an_english_topic_round_trip():
    text = "# Go\n\n## Questions\n\n1. What is a goroutine?\n2. What is a channel?\n"
    assert import_markdown(text, "go.md").ok
    topic = Topic.objects.get()
    topic.questions.filter(number=2).update(group="Concurrency #2")
    exported = export_topic(topic)
    assert "**Questions**:\n\n1. What is a goroutine?" in exported  # no group yet
    assert "### Group: Concurrency \\#2\n\n2. What is a channel?" in exported
    assert round_trip(topic, clean=False) == snapshot(topic)
