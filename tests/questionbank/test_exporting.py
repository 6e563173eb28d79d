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
