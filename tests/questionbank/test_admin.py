"""The curators' admin: upload -> dry-run report -> confirm; edits re-render and keep curated points."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from questionbank.models import ContrastEntry, KeyPoint, Question, Topic
from questionbank.parsing import parse_topic
from tests.conftest import client_for, fixture_bytes, make_topic

pytestmark = pytest.mark.django_db
IMPORT = reverse("admin:questionbank_topic_import")


def upload(*files: tuple[str, bytes]) -> dict:
    return {"files": [SimpleUploadedFile(name, data, "text/markdown") for name, data in files]}


@pytest.mark.cache
def test_upload_shows_a_preview_then_confirm_imports(cora):
    client = client_for(cora, csrf=False)
    preview = client.post(IMPORT, upload(("kubernetes.md", fixture_bytes("kubernetes.md"))))
    body = preview.content.decode()
    assert preview.status_code == 200
    assert "Preview: nothing has been written yet" in body
    assert "容器编排 (Kubernetes)" in body and "Confirm and import" in body
    assert Topic.objects.count() == 0
    token = preview.context["token"]

    done = client.post(IMPORT, {"confirm": "1", "token": token})
    assert done.status_code == 302 and done["Location"] == reverse(
        "admin:questionbank_topic_changelist"
    )
    assert Topic.objects.get().questions.count() == 10
    message = str(next(iter(client.get(done["Location"]).context["messages"])))
    assert "10 questions created" in message and "Imported 1 file:" in message

    again = client.post(IMPORT, {"confirm": "1", "token": token})  # the preview is used up
    assert again.status_code == 302 and Topic.objects.count() == 1


def test_a_bad_file_shows_its_errors_and_offers_no_confirm(cora):
    response = client_for(cora).post(
        IMPORT,
        upload(("good.md", fixture_bytes("rpc.md")), ("bad.md", "# 只有正文\n".encode())),
    )
    body = response.content.decode()
    assert "These files cannot be imported: nothing was written" in body
    assert "no question section" in body
    assert "Confirm and import" not in body
    assert Topic.objects.count() == 0


@pytest.mark.cache
def test_the_preview_keeps_the_files_out_of_the_session_and_only_for_its_curator(cora, root):
    client = client_for(cora, csrf=False)
    preview = client.post(IMPORT, upload(("rpc.md", fixture_bytes("rpc.md"))))
    token = preview.context["token"]
    assert len(str(dict(client.session.items()))) < 1000  # the files are not in the session
    other = client_for(root, csrf=False).post(IMPORT, {"confirm": "1", "token": token}, follow=True)
    assert "This import preview has expired" in other.content.decode()
    assert Topic.objects.count() == 0
    client.post(IMPORT, {"confirm": "1", "token": token})
    assert Topic.objects.count() == 1


def test_an_expired_preview_asks_to_upload_again(cora):
    response = client_for(cora).post(IMPORT, {"confirm": "1", "token": "stale"}, follow=True)
    assert "This import preview has expired" in response.content.decode()


def test_the_import_page_needs_a_curator(alice, db):
    assert client_for(alice).get(IMPORT).status_code == 302  # not staff: admin sign-in
    staff = User.objects.create_user("staff", password="pw", is_staff=True)
    assert client_for(staff).get(IMPORT).status_code == 403
    assert client_for(None).get(IMPORT).status_code == 302


def test_empty_upload_is_an_error(cora):
    response = client_for(cora).post(IMPORT, {})
    assert "This field is required." in response.content.decode()


def test_editing_a_question_re_renders_and_reindexes(cora):
    topic = make_topic(slug="t", questions=1)
    question = topic.questions.get()
    kp = question.key_points.first()
    url = reverse("admin:questionbank_question_change", args=[question.pk])
    data = {
        "topic": topic.pk,
        "number": 1,
        "text": "改过的**问题**",
        "follow_ups": "[]",
        "answer_title": "标题",
        "answer_md": "新的 `答案` 正文",
        "key_points-TOTAL_FORMS": "1",
        "key_points-INITIAL_FORMS": "1",
        "key_points-MIN_NUM_FORMS": "0",
        "key_points-MAX_NUM_FORMS": "1000",
        "key_points-0-id": kp.pk,
        "key_points-0-question": question.pk,
        "key_points-0-position": "0",
        "key_points-0-text": "策展人改过的要点",
        "key_points-0-weight": "2",
    }
    response = client_for(cora).post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    question.refresh_from_db()
    assert question.text_html == "<p>改过的<strong>问题</strong></p>\n"
    assert "<code>答案</code>" in question.answer_html
    assert "答案" in question.search_answer.split()
    kp.refresh_from_db()
    assert (kp.text, kp.weight, kp.source) == ("策展人改过的要点", 2, KeyPoint.Source.CURATOR)


def test_changelist_links_to_import_and_download_action(cora):
    make_topic(slug="t", questions=2)
    client = client_for(cora)
    body = client.get(reverse("admin:questionbank_topic_changelist")).content.decode()
    assert IMPORT in body
    response = client.post(
        reverse("admin:questionbank_topic_changelist"),
        {"action": "download_markdown", "_selected_action": [Topic.objects.get().pk]},
    )
    assert response["Content-Disposition"] == 'attachment; filename="t.md"'
    assert response.content.decode().startswith("---\nslug: t\n")
    assert len(parse_topic(response.content, filename="t.md").topic.questions) == 2
    assert Question.objects.count() == 2


def test_download_of_a_chinese_slug_keeps_the_attachment_header(cora):
    make_topic(slug="第2题-vue", questions=1)
    response = client_for(cora).post(
        reverse("admin:questionbank_topic_changelist"),
        {"action": "download_markdown", "_selected_action": [Topic.objects.get().pk]},
    )
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")


def test_import_problems_are_shown_in_the_curators_language(cora):
    client = client_for(cora)
    client.cookies["django_language"] = "zh-hans"
    body = client.post(
        IMPORT, upload(("t.md", "# T\n## 问题\n1. 一？\n".encode()))
    ).content.decode()
    assert "第 3 行：第 1 题没有标准答案" in body


def test_curators_manage_contrasts_in_the_admin(cora, carol):
    changelist = reverse("admin:questionbank_contrastentry_changelist")
    assert client_for(cora).get(changelist).status_code == 200
    added = client_for(cora, csrf=False).post(
        reverse("admin:questionbank_contrastentry_add"),
        {"alternatives": "pull|拉取/push|推送", "action": "add", "note": ""},
    )
    assert added.status_code == 302
    assert ContrastEntry.objects.get().alternatives == "pull | 拉取 / push | 推送"
    refused = client_for(cora, csrf=False).post(
        reverse("admin:questionbank_contrastentry_add"),
        {"alternatives": "pull", "action": "add", "note": ""},
    )
    assert "at least two alternatives" in refused.content.decode()
    assert client_for(carol).get(changelist).status_code == 302  # to the admin's sign-in


def test_archiving_needs_the_change_permission(db):
    from django.contrib.auth.models import Permission

    viewer = User.objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_topic"))
    make_topic()
    page = client_for(viewer).get(reverse("admin:questionbank_topic_changelist"))
    assert page.status_code == 200 and "Archive the selected topics" not in page.content.decode()
