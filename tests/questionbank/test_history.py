"""The curators' history: revisions from imports and admin edits, the history page, restore."""

import pytest
from django.urls import reverse

from questionbank.models import KeyPoint, Question, Revision
from tests.conftest import client_for, import_markdown, make_topic

FILE = (
    "---\nslug: h\n---\n# 历史\n\n## 问题\n\n1. 什么是 Pod？\n2. 什么是 Service？\n\n## 标准答案\n\n"
    "### 1. Pod\n\n- 最小调度单元\n- 共享网络命名空间\n\n"
    "### 2. Service\n\n- 稳定的虚拟 IP\n\n### 3. 阿里 P7 加分项\n\n**深度理解**：\n- 读过源码\n"
)


def history_url(number: int = 1, slug: str = "h") -> str:
    return reverse("questionbank:question_history", args=[slug, number])


def restore_url(revision: Revision) -> str:
    question = revision.question
    return reverse(
        "questionbank:restore_revision", args=[question.topic.slug, question.number, revision.pk]
    )


def question_edit(question: Question, **fields) -> dict:
    points = list(question.key_points.order_by("position", "id"))
    data = {
        "topic": question.topic_id,
        "number": question.number,
        "group": question.group,
        "text": question.text,
        "follow_ups": "[]",
        "answer_title": question.answer_title,
        "answer_md": question.answer_md,
        "key_points-TOTAL_FORMS": str(len(points)),
        "key_points-INITIAL_FORMS": str(len(points)),
        "key_points-MIN_NUM_FORMS": "0",
        "key_points-MAX_NUM_FORMS": "1000",
    }
    for i, point in enumerate(points):
        data.update(
            {
                f"key_points-{i}-id": point.pk,
                f"key_points-{i}-question": question.pk,
                f"key_points-{i}-position": str(point.position),
                f"key_points-{i}-text": point.text,
                f"key_points-{i}-weight": str(point.weight),
            }
        )
    data.update(fields)
    return data


def test_an_import_leaves_a_revision_per_question_and_one_for_the_topic(db):
    assert import_markdown(FILE, "dir/h.md").ok
    question = Question.objects.get(topic__slug="h", number=1)
    [revision] = question.revisions.all()
    assert (revision.source, revision.origin, revision.changes) == ("import", "h.md", ["new"])
    assert [p["text"] for p in revision.snapshot["key_points"]] == [
        "最小调度单元",
        "共享网络命名空间",
    ]
    topic_revision = Revision.objects.get(topic__slug="h", question=None)
    assert topic_revision.snapshot["bonus"] == [{"name": "深度理解", "items": ["读过源码"]}]
    # The same file again writes nothing, so no revision.
    assert import_markdown(FILE, "h.md").ok
    assert Revision.objects.count() == 3
    # A changed answer: a revision of that question only, naming what changed.
    assert import_markdown(FILE.replace("稳定的虚拟 IP", "稳定的虚拟 IP 与 DNS 名"), "h.md").ok
    latest = Revision.objects.first()
    assert latest.question.number == 2
    assert latest.changes == ["answer", "key_points"]


def test_an_admin_edit_leaves_a_revision_with_its_author_and_screen(cora):
    import_markdown(FILE, "h.md")
    question = Question.objects.get(topic__slug="h", number=1)
    url = reverse("admin:questionbank_question_change", args=[question.pk])
    response = client_for(cora).post(url, question_edit(question, text="什么是 Pod？请举例。"))
    assert response.status_code == 302
    revision = question.revisions.first()
    assert (revision.source, revision.origin, revision.author) == ("admin", "admin: question", cora)
    assert revision.changes == ["text"]
    # Saving without a change adds nothing.
    question.refresh_from_db()
    client_for(cora).post(url, question_edit(question))
    assert question.revisions.count() == 2


def test_a_key_point_deleted_in_the_admin_stays_deleted_on_reimport(cora):
    import_markdown(FILE, "h.md")
    question = Question.objects.get(topic__slug="h", number=1)
    data = question_edit(question)
    data["key_points-1-DELETE"] = "on"  # 共享网络命名空间
    url = reverse("admin:questionbank_question_change", args=[question.pk])
    assert client_for(cora).post(url, data).status_code == 302
    question.refresh_from_db()
    assert question.dropped_key_points == ["共享网络命名空间"]
    # The file changes this question's key points: the extracted ones are written again...
    changed = FILE.replace("- 共享网络命名空间", "- 共享网络命名空间\n- 共享存储卷")
    assert import_markdown(changed, "h.md").ok
    texts = list(question.key_points.values_list("text", flat=True))
    # ... except the one the curator deleted.
    assert texts == ["最小调度单元", "共享存储卷"]
    assert question.revisions.first().snapshot["dropped_key_points"] == ["共享网络命名空间"]


def test_a_bonus_point_edit_leaves_a_topic_revision(cora):
    topic = make_topic(slug="b", questions=1)
    category = topic.bonus_categories.get()
    point = category.points.get()
    url = reverse("admin:questionbank_bonuscategory_change", args=[category.pk])
    data = {
        "topic": topic.pk,
        "name": category.name,
        "position": "0",
        "points-TOTAL_FORMS": "1",
        "points-INITIAL_FORMS": "1",
        "points-MIN_NUM_FORMS": "0",
        "points-MAX_NUM_FORMS": "1000",
        "points-0-id": point.pk,
        "points-0-category": category.pk,
        "points-0-position": "0",
        "points-0-text": "读过并改过源码",
    }
    assert client_for(cora).post(url, data).status_code == 302
    revision = Revision.objects.filter(topic=topic, question=None).first()
    assert revision.changes == ["bonus"]
    assert revision.snapshot["bonus"][0]["items"] == ["读过并改过源码"]


@pytest.mark.cache
@pytest.mark.parametrize("edits", [1, 10])
def test_the_history_page_shows_each_change_as_a_diff(cora, edits, django_assert_num_queries):
    import_markdown(FILE, "h.md")
    question = Question.objects.get(topic__slug="h", number=1)
    client = client_for(cora)
    for n in range(edits):
        question.refresh_from_db()
        url = reverse("admin:questionbank_question_change", args=[question.pk])
        client.post(url, question_edit(question, answer_md=f"Pod 是最小调度单元。第 {n} 版"))
    client.get(reverse("questionbank:index"))  # warm the session cache
    # the user, the topic, the question, the count of revisions, the page of revisions with their
    # authors: as many for 1 edit as 10
    with django_assert_num_queries(5):
        response = client.get(history_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('class="card revision') == edits + 2  # + the import's, + the topic's
    assert f"第 {edits - 1} 版</ins>" in body
    assert "h.md" in body and "the admin&#x27;s question page" in body  # the screen, in words
    assert body.count('<span class="zone">') == edits + 2  # each revision's time names its zone


def test_history_and_restore_refuse_other_methods(cora):
    import_markdown(FILE, "h.md")
    revision = Question.objects.get(topic__slug="h", number=1).revisions.get()
    client = client_for(cora)
    assert client.post(history_url()).status_code == 405
    assert client.put(restore_url(revision)).status_code == 405


@pytest.mark.parametrize("persona", ["alice", "carol"])
def test_outsiders_get_no_history(persona, request, cora):
    import_markdown(FILE, "h.md")
    revision = Question.objects.get(topic__slug="h", number=1).revisions.get()
    client = client_for(request.getfixturevalue(persona))
    assert client.get(history_url()).status_code == 403
    assert client.get(restore_url(revision)).status_code == 403
    assert client.post(restore_url(revision)).status_code == 403
    assert Revision.objects.count() == 3  # nothing restored


def test_anonymous_visitors_are_sent_to_sign_in(db):
    import_markdown(FILE, "h.md")
    revision = Question.objects.get(topic__slug="h", number=1).revisions.get()
    for response in (
        client_for(None).get(history_url()),
        client_for(None).post(restore_url(revision)),
    ):
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_restore_asks_first_then_brings_the_revision_back_as_a_new_one(cora):
    import_markdown(FILE, "h.md")
    question = Question.objects.get(topic__slug="h", number=1)
    original = question.revisions.get()
    url = reverse("admin:questionbank_question_change", args=[question.pk])
    data = question_edit(question, text="被改坏的题目")
    data["key_points-0-weight"] = "5"
    client = client_for(cora)
    client.post(url, data)
    question.refresh_from_db()
    assert question.text == "被改坏的题目"

    confirm = client.get(restore_url(original))
    assert confirm.status_code == 200
    body = confirm.content.decode()
    assert "<del>被改坏的题目</del>" in body and "<ins>什么是 Pod？</ins>" in body
    question.refresh_from_db()
    assert question.text == "被改坏的题目"  # a GET changes nothing

    response = client.post(restore_url(original))
    assert response.status_code == 302 and response["Location"] == history_url()
    question.refresh_from_db()
    assert question.text == "什么是 Pod？" and "Pod" in question.text_html
    assert list(question.key_points.values_list("text", "weight")) == [
        ("最小调度单元", 1),
        ("共享网络命名空间", 1),
    ]
    latest = question.revisions.first()
    assert (latest.source, latest.origin, latest.author) == ("restore", f"#{original.pk}", cora)
    assert latest.snapshot["text"] == original.snapshot["text"]
    assert question.revisions.count() == 3  # import, edit, restore


def test_the_history_page_speaks_chinese(cora):
    import_markdown(FILE, "h.md")
    client = client_for(cora)
    client.cookies["django_language"] = "zh-hans"
    body = client.get(history_url()).content.decode()
    assert "的历史" in body


def test_the_question_page_links_curators_to_the_history(cora, alice):
    import_markdown(FILE, "h.md")
    page = reverse("questionbank:question", args=["h", 1])
    assert history_url() in client_for(cora).get(page).content.decode()
    assert history_url() not in client_for(alice).get(page).content.decode()


def test_a_restored_curator_point_keeps_its_source(cora):
    import_markdown(FILE, "h.md")
    question = Question.objects.get(topic__slug="h", number=1)
    first = question.revisions.get()
    point = question.key_points.first()
    point.text, point.source = "策展人的要点", KeyPoint.Source.CURATOR
    point.save()
    client_for(cora).post(restore_url(first))
    assert set(question.key_points.values_list("source", flat=True)) == {KeyPoint.Source.AUTO}
