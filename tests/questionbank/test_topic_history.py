"""A topic's own history (title, background, tags, bonus points) with restore after a
confirmation page, and long histories page by page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from questionbank import revisions
from questionbank.models import Question, Revision, Topic
from tests.conftest import client_for, import_markdown
from tests.questionbank.test_history import FILE, history_url

pytestmark = pytest.mark.django_db

CHANGED = FILE.replace("# 历史", "# 历史（改名）").replace("- 读过源码", "- 读过并改过源码")
TOPIC_HISTORY = reverse("questionbank:topic_history", args=["h"])


def topic_restore_url(revision: Revision, slug: str = "h") -> str:
    return reverse("questionbank:restore_topic_revision", args=[slug, revision.pk])


def topic_revisions():
    return Revision.objects.filter(topic__slug="h", question=None).order_by("id")


@pytest.fixture
def renamed(db):
    """The topic imported, then its title and bonus point changed by a second import."""
    assert import_markdown(FILE, "h.md").ok
    assert import_markdown(CHANGED, "h.md").ok
    first, second = topic_revisions()
    assert second.changes == ["title", "bonus"]
    return first, second


@pytest.mark.cache  # the query pin counts on the session being in the cache
def test_the_topic_history_shows_its_changes_as_diffs(cora, renamed, django_assert_num_queries):
    first, second = renamed
    client = client_for(cora)
    client.get(reverse("questionbank:index"))  # warm the session cache
    # the user, the topic, the count of revisions, the page of revisions with their authors
    with django_assert_num_queries(4):
        response = client.get(TOPIC_HISTORY)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<del>历史</del>" in body and "<ins>历史（改名）</ins>" in body
    assert "读过并改过源码</ins>" in body
    # The current revision is not offered for restore; the earlier one is, after a confirmation.
    assert topic_restore_url(first) in body and topic_restore_url(second) not in body
    assert "什么是 Pod" not in body  # questions have their own history


def test_restoring_a_topic_revision_asks_first_then_brings_it_back(cora, renamed):
    first, _ = renamed
    client = client_for(cora)
    confirm = client.get(topic_restore_url(first))
    assert confirm.status_code == 200
    body = confirm.content.decode()
    assert "<del>历史（改名）</del>" in body and "<ins>历史</ins>" in body
    assert "slug, archive state and practice setting stay" in body
    assert f"#{first.pk}" in body and '<span class="zone">' in body  # which one, when, where
    assert Topic.objects.get(slug="h").title == "历史（改名）"  # a GET changes nothing

    response = client.post(topic_restore_url(first))
    assert response.status_code == 302 and response["Location"] == TOPIC_HISTORY
    topic = Topic.objects.get(slug="h")
    assert topic.title == "历史"
    assert revisions.stored_bonus(topic) == [("深度理解", ["读过源码"])]
    latest = topic_revisions().last()
    assert (latest.source, latest.origin, latest.author) == ("restore", f"#{first.pk}", cora)
    assert latest.changes == ["title", "bonus"]
    # The questions are untouched, and restoring again changes nothing.
    assert Question.objects.filter(topic=topic).count() == 2
    client.post(topic_restore_url(first))
    assert topic_revisions().count() == 3


def test_a_topic_snapshot_without_bonus_points_leaves_them_alone(cora, renamed):
    first, _ = renamed
    snapshot = dict(first.snapshot)
    del snapshot["bonus"]
    Revision.objects.filter(pk=first.pk).update(snapshot=snapshot)
    assert client_for(cora).post(topic_restore_url(first)).status_code == 302
    topic = Topic.objects.get(slug="h")
    assert topic.title == "历史"
    assert revisions.stored_bonus(topic) == [("深度理解", ["读过并改过源码"])]


def test_a_topic_restore_keeps_the_slug_archive_and_practice_switches(cora, renamed):
    first, _ = renamed
    Topic.objects.filter(slug="h").update(archived=True, practice_enabled=False)
    assert client_for(cora).post(topic_restore_url(first)).status_code == 302
    topic = Topic.objects.get(slug="h")
    assert (topic.title, topic.archived, topic.practice_enabled) == ("历史", True, False)


def test_a_topic_restore_takes_only_that_topics_own_revisions(cora, renamed):
    question_revision = Question.objects.get(topic__slug="h", number=1).revisions.first()
    import_markdown(FILE.replace("slug: h", "slug: other"), "other.md")
    other = Revision.objects.get(topic__slug="other", question=None)
    client = client_for(cora)
    assert client.get(topic_restore_url(question_revision)).status_code == 404
    assert client.post(topic_restore_url(other)).status_code == 404
    assert Topic.objects.get(slug="h").title == "历史（改名）"


def test_the_question_history_offers_to_restore_its_topics_revisions(cora, renamed):
    first, second = renamed
    body = client_for(cora).get(history_url()).content.decode()
    assert topic_restore_url(first) in body and topic_restore_url(second) not in body
    assert TOPIC_HISTORY in body


def test_topic_history_and_restore_refuse_other_methods(cora, renamed):
    client = client_for(cora)
    assert client.post(TOPIC_HISTORY).status_code == 405
    assert client.put(topic_restore_url(renamed[0])).status_code == 405


@pytest.mark.parametrize("persona", ["alice", "carol"])
def test_outsiders_get_no_topic_history(persona, request, renamed):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(TOPIC_HISTORY).status_code == 403
    assert client.get(topic_restore_url(renamed[0])).status_code == 403
    assert client.post(topic_restore_url(renamed[0])).status_code == 403
    assert Topic.objects.get(slug="h").title == "历史（改名）"


def test_anonymous_visitors_are_sent_to_sign_in_from_the_topic_history(renamed):
    for response in (
        client_for(None).get(TOPIC_HISTORY),
        client_for(None).post(topic_restore_url(renamed[0])),
    ):
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_topic_page_links_curators_to_its_history(cora, alice, renamed):
    page = reverse("questionbank:topic", args=["h"])
    assert TOPIC_HISTORY in client_for(cora).get(page).content.decode()
    assert TOPIC_HISTORY not in client_for(alice).get(page).content.decode()


def test_the_topic_history_speaks_chinese(cora, renamed):
    client = client_for(cora)
    client.cookies["django_language"] = "zh-hans"
    body = client.get(TOPIC_HISTORY).content.decode()
    assert "主题的历史" in body and "恢复…" in body
    assert "主题的标题" in client.get(topic_restore_url(renamed[0])).content.decode()
    question = Question.objects.get(topic__slug="h", number=1)
    question.answer_md = "改过的答案"
    question.save()
    revisions.record_question(question, source=Revision.Source.ADMIN, origin="admin: question")
    assert "管理后台的题目页" in client.get(history_url()).content.decode()


# --- Long histories -------------------------------------------------------------------------


def edit(question: Question, n: int) -> None:
    question.answer_md = f"Pod 是最小调度单元。第 {n} 版"
    question.refresh_derived()
    question.save()
    revisions.record_question(question, source=Revision.Source.ADMIN, origin="admin: question")


@pytest.mark.cache
@pytest.mark.parametrize("edits", [30, 60])
def test_a_long_history_is_shown_page_by_page(cora, edits, django_assert_num_queries):
    from questionbank.history_views import HISTORY_PAGE

    assert import_markdown(FILE, "h.md").ok
    question = Question.objects.get(topic__slug="h", number=1)
    for n in range(edits):
        edit(question, n)
    client = client_for(cora)
    client.get(reverse("questionbank:index"))  # warm the session cache
    # the user, the topic, the question, the count, the page, the revision before the page's
    # oldest of the question (the topic's are all older): as many for 30 edits as for 60
    with django_assert_num_queries(6):
        response = client.get(history_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('class="card revision') == HISTORY_PAGE
    assert body.count('class="revision-current"') == 1
    assert f"第 {edits - 1} 版</ins>" in body
    # The oldest on the page is compared with the revision before it, on the next page.
    oldest = edits - HISTORY_PAGE
    assert f"<del>Pod 是最小调度单元。第 {oldest - 1} 版</del>" in body
    assert "The earliest revision shown" not in body
    assert 'href="?page=2" rel="next"' in body

    # a page past the first looks up the current revision of the question and of the topic; the
    # last page needs no revision before its oldest
    with django_assert_num_queries(8 if edits > 2 * HISTORY_PAGE else 7):
        second = client.get(history_url(), {"page": 2}).content.decode()
    # the question's current revision is on page 1; the topic's only one is on the last page
    assert second.count('class="revision-current"') == (1 if edits < 2 * HISTORY_PAGE else 0)
    assert f"第 {oldest - 1} 版</ins>" in second
    assert 'rel="prev"' in second

    assert (
        client.get(history_url(), {"page": "x"}).content.decode().count('class="revision-current"')
        == 1
    )  # not a number: the first page
    last = client.get(history_url(), {"page": 999}).content.decode()  # past the end: the last
    assert "The earliest revision shown" in last  # the import, and the topic's creation
    assert 'rel="next"' not in last


def test_a_later_page_marks_the_current_revision_only_where_it_is(cora):
    """The topic's only revision stands on the last page: it is still the current one."""
    from questionbank.history_views import HISTORY_PAGE

    assert import_markdown(FILE, "h.md").ok
    question = Question.objects.get(topic__slug="h", number=1)
    for n in range(HISTORY_PAGE + 5):
        edit(question, n)
    client = client_for(cora)
    first = client.get(history_url()).content.decode()
    assert first.count('class="revision-current"') == 1
    last = client.get(history_url(), {"page": 2}).content.decode()
    topic_revision = Revision.objects.get(topic__slug="h", question=None)
    card = last[last.index(f'id="revision-{topic_revision.pk}"') :].split("</article>")[0]
    assert 'class="revision-current"' in card and topic_restore_url(topic_revision) not in card
    assert last.count('class="revision-current"') == 1
    # The question's own revisions on that page are all earlier ones: each can be restored.
    assert last.count("Restore…") == last.count('class="card revision') - 1


# --- What leaves a revision ----------------------------------------------------------------


def topic_edit(topic: Topic, **fields) -> dict:
    """The admin's topic change form as it stands, with ``fields`` changed."""
    import json

    data = {
        "title": topic.title,
        "slug": topic.slug,
        "background_md": topic.background_md,
        "tags": json.dumps(topic.tags),
        "difficulty": topic.difficulty,
        "language": topic.language,
        "practice_enabled": "on",
    }
    inlines = {
        "bonus_categories": (list(topic.bonus_categories.all()), ["name", "position"]),
        "experiences": (list(topic.experiences.all()), ["title", "body_md", "position"]),
        "notes": (list(topic.notes.all()), ["title", "body_md", "position"]),
    }
    for prefix, (rows, names) in inlines.items():
        data |= {
            f"{prefix}-TOTAL_FORMS": str(len(rows)),
            f"{prefix}-INITIAL_FORMS": str(len(rows)),
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
        for i, row in enumerate(rows):
            data |= {f"{prefix}-{i}-id": row.pk, f"{prefix}-{i}-topic": topic.pk}
            data |= {f"{prefix}-{i}-{name}": getattr(row, name) for name in names}
    return data | fields


def test_an_admin_edit_of_the_topic_leaves_a_topic_revision(cora):
    assert import_markdown(FILE, "h.md").ok
    topic = Topic.objects.get(slug="h")
    url = reverse("admin:questionbank_topic_change", args=[topic.pk])
    response = client_for(cora).post(url, topic_edit(topic, title="历史（后台改）"))
    assert response.status_code == 302
    latest = topic_revisions().last()
    assert (latest.source, latest.origin, latest.author) == ("admin", "admin: topic", cora)
    assert latest.changes == ["title"] and latest.snapshot["title"] == "历史（后台改）"
    # Saved again unchanged: no revision.
    client_for(cora).post(url, topic_edit(Topic.objects.get(slug="h")))
    assert topic_revisions().count() == 2


def test_archiving_a_topic_in_the_admin_leaves_a_topic_revision(cora):
    assert import_markdown(FILE, "h.md").ok
    topic = Topic.objects.get(slug="h")
    changelist = reverse("admin:questionbank_topic_changelist")
    client_for(cora).post(changelist, {"action": "archive", "_selected_action": [topic.pk]})
    latest = topic_revisions().last()
    assert (latest.origin, latest.changes) == ("admin: topics", ["archived"])


def test_an_admin_edit_of_a_key_point_alone_leaves_a_question_revision(cora):
    from tests.questionbank.test_history import question_edit

    assert import_markdown(FILE, "h.md").ok
    question = Question.objects.get(topic__slug="h", number=1)
    data = question_edit(question)
    data["key_points-1-text"] = "共享网络命名空间与存储卷"
    url = reverse("admin:questionbank_question_change", args=[question.pk])
    assert client_for(cora).post(url, data).status_code == 302
    latest = question.revisions.first()
    assert (latest.source, latest.changes) == ("admin", ["key_points"])
    body = client_for(cora).get(history_url()).content.decode()
    assert "<ins>共享网络命名空间与存储卷" in body


def test_interviews_keep_their_snapshot_through_edits_and_restores(cora, alice):
    from interviews import assembly, live
    from interviews.models import Interview
    from tests.questionbank.test_history import question_edit

    assert import_markdown(FILE, "h.md").ok
    question = Question.objects.get(topic__slug="h", number=1)
    original = question.revisions.get()
    interview = assembly.create_interview(
        owner=alice, title="Loop", candidate=None, default_time_limit=300
    )
    assembly.add_question(interview, question)
    live.start(interview)
    url = reverse("admin:questionbank_question_change", args=[question.pk])
    client = client_for(cora)
    client.post(url, question_edit(question, text="后来改过的题目"))
    client.post(reverse("questionbank:restore_revision", args=["h", 1, original.pk]))
    client.post(url, question_edit(Question.objects.get(pk=question.pk), text="又改了一次"))
    asked = Interview.objects.get(pk=interview.pk).questions.get()
    assert asked.text == "什么是 Pod？"
    assert [p["text"] for p in asked.key_points] == ["最小调度单元", "共享网络命名空间"]
    assert Question.objects.get(pk=question.pk).text == "又改了一次"
