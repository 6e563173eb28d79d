"""Each topic's stored question counts (questions, unanswered) follow every way questions change:
imports, admin edits, moves, deletes, restores of a revision; archiving a topic leaves them; the
migration fills them. The bank's list filters and sorts on them."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from questionbank import revisions, topic_counts
from questionbank.models import Question, Revision, Topic
from tests.conftest import client_for, import_markdown
from tests.questionbank.test_history import question_edit

pytestmark = pytest.mark.django_db

FILE = (
    "---\nslug: c\n---\n# 计数\n\n## 问题\n\n1. 什么是 Pod？\n2. 什么是 Service？\n"
    "3. 什么是 Ingress？\n\n## 标准答案\n\n### 1. Pod\n\n- 最小调度单元\n\n"
    "### 2. Service\n\n- 稳定的虚拟 IP\n"
)  # question 3 has no answer


def counts(slug: str = "c") -> tuple[int, int]:
    topic = Topic.objects.get(slug=slug)
    return topic.question_count, topic.unanswered_count


def test_an_import_stores_the_counts_and_a_reimport_updates_them():
    assert import_markdown(FILE, "c.md").ok
    assert counts() == (3, 1)
    # Question 3 answered, question 2 gone (archived): two live, none unanswered.
    changed = FILE.replace("2. 什么是 Service？\n3. 什么是 Ingress？", "2. 什么是 Ingress？")
    changed = changed.replace("### 2. Service\n\n- 稳定的虚拟 IP", "### 2. Ingress\n\n- 七层入口")
    report = import_markdown(changed, "c.md")
    assert report.ok
    assert counts() == (2, 0)
    assert topic_counts.stale_topics() == []


def test_admin_edits_move_the_counts(cora):
    assert import_markdown(FILE, "c.md").ok
    client = client_for(cora)
    question = Question.objects.get(topic__slug="c", number=1)
    url = reverse("admin:questionbank_question_change", args=[question.pk])
    assert client.post(url, question_edit(question, answer_md="")).status_code == 302
    assert counts() == (3, 2)  # its answer emptied
    question.refresh_from_db()
    assert client.post(url, question_edit(question, archived="on")).status_code == 302
    assert counts() == (2, 1)  # archived: neither counts it
    delete = reverse("admin:questionbank_question_delete", args=[question.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert counts() == (2, 1) and not Question.objects.filter(pk=question.pk).exists()
    third = Question.objects.get(topic__slug="c", number=3)
    url = reverse("admin:questionbank_question_change", args=[third.pk])
    assert client.post(url, question_edit(third, answer_md="七层入口。")).status_code == 302
    assert counts() == (2, 0)
    assert topic_counts.stale_topics() == []


def test_a_question_moved_to_another_topic_counts_in_its_new_topic_only(cora):
    assert import_markdown(FILE, "c.md").ok
    other = Topic.objects.create(slug="other", title="Other")
    question = Question.objects.get(topic__slug="c", number=3)
    url = reverse("admin:questionbank_question_change", args=[question.pk])
    response = client_for(cora).post(url, question_edit(question, topic=other.pk, number=7))
    assert response.status_code == 302
    assert counts() == (2, 0) and counts("other") == (1, 1)


def test_restoring_a_revision_with_no_answer_counts_the_question_unanswered(cora):
    assert import_markdown(FILE, "c.md").ok
    question = Question.objects.get(topic__slug="c", number=3)
    empty = question.revisions.get()
    question.answer_md = "后来补上的答案。"
    question.refresh_derived()
    question.save()
    revisions.record_question(question, source=Revision.Source.ADMIN, origin="admin")
    assert counts() == (3, 0)
    response = client_for(cora).post(
        reverse("questionbank:restore_revision", args=["c", 3, empty.pk])
    )
    assert response.status_code == 302
    assert counts() == (3, 1)


def test_archiving_a_topic_keeps_its_counts_and_the_list_leaves_it_out(cora, alice):
    assert import_markdown(FILE, "c.md").ok
    topic = Topic.objects.get(slug="c")
    changelist = reverse("admin:questionbank_topic_changelist")
    client = client_for(cora)
    for action in ("archive", "unarchive", "archive"):
        response = client.post(changelist, {"action": action, "_selected_action": [topic.pk]})
        assert response.status_code == 302
    assert counts() == (3, 1)
    body = client_for(alice).get(reverse("questionbank:index"), {"unanswered": "1"})
    assert "计数" not in body.content.decode()
    client.post(changelist, {"action": "unarchive", "_selected_action": [topic.pk]})
    body = client_for(alice).get(reverse("questionbank:index"), {"unanswered": "1"})
    assert "计数" in body.content.decode() and "3 questions" in body.content.decode()


def test_the_list_follows_an_admin_edit_at_once(cora, alice):
    """The filter "with unanswered questions" and sort by questions read the stored counts."""
    assert import_markdown(FILE, "c.md").ok
    small = Topic.objects.create(slug="small", title="Small topic")
    Question.objects.create(topic=small, number=1, text="Q?", answer_md="A.")
    index = reverse("questionbank:index")
    body = client_for(alice).get(index, {"sort": "questions"}).content.decode()
    assert body.index("计数") < body.index("Small topic")  # 3 questions before 1
    third = Question.objects.get(topic__slug="c", number=3)
    url = reverse("admin:questionbank_question_change", args=[third.pk])
    assert client_for(cora).post(url, question_edit(third, answer_md="答。")).status_code == 302
    body = client_for(alice).get(index, {"unanswered": "1"}).content.decode()
    assert "No topic matches these filters." in body


def test_deleting_a_topic_does_not_recount_it_per_question(django_assert_max_num_queries):
    assert import_markdown(FILE, "c.md").ok
    topic = Topic.objects.get(slug="c")
    with django_assert_max_num_queries(20) as captured:
        topic.delete()
    assert not any("question_count" in q["sql"] for q in captured.captured_queries)


def test_the_migration_fills_the_counts_of_an_existing_bank():
    assert import_markdown(FILE, "c.md").ok
    Topic.objects.update(question_count=0, unanswered_count=0)  # as before the migration
    assert topic_counts.stale_topics() == [Topic.objects.get(slug="c").pk]
    migration = importlib.import_module("questionbank.migrations.0015_topic_question_counts")
    migration.fill(apps, None)
    assert counts() == (3, 1) and topic_counts.stale_topics() == []


def test_a_save_that_touches_no_counted_field_does_not_recount(django_assert_num_queries):
    assert import_markdown(FILE, "c.md").ok
    question = Question.objects.get(topic__slug="c", number=1)
    with django_assert_num_queries(1):  # the UPDATE of the question only
        question.save(update_fields=["dropped_key_points"])
