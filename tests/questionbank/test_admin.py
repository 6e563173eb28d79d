"""The curators' admin: upload -> dry-run report -> confirm; edits re-render and keep curated points."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from questionbank.models import ContrastEntry, KeyPoint, Question, Topic
from questionbank.parsing import parse_topic
from tests.conftest import client_for, fixture_bytes, make_topic
from tests.questionbank.conftest import GROUPED

pytestmark = pytest.mark.django_db
IMPORT = reverse("admin:questionbank_topic_import")


def upload(*files: tuple[str, bytes]) -> dict:
    return {"files": [SimpleUploadedFile(name, data, "text/markdown") for name, data in files]}


def finish(client, response):
    """The page once the background task is done: the upload and the confirmation redirect to
    the task's status page (the tasks ran already: ImmediateBackend in the test settings)."""
    status_prefix = IMPORT  # the status pages are IMPORT + "<token>/"
    while response.status_code == 302 and response["Location"].startswith(status_prefix):
        if response["Location"] == IMPORT:
            break
        response = client.get(response["Location"])
    return response


def post(client, data):
    return finish(client, client.post(IMPORT, data))


def test_upload_shows_a_preview_then_confirm_imports(cora):
    client = client_for(cora, csrf=False)
    preview = post(client, upload(("kubernetes.md", fixture_bytes("kubernetes.md"))))
    body = preview.content.decode()
    assert preview.status_code == 200
    assert "Preview: nothing has been written yet" in body
    assert "容器编排 (Kubernetes)" in body and "Confirm and import" in body
    assert Topic.objects.count() == 0
    token = preview.context["token"]

    done = post(client, {"confirm": "1", "token": token})
    assert done.status_code == 302 and done["Location"] == reverse(
        "admin:questionbank_topic_changelist"
    )
    assert Topic.objects.get().questions.count() == 10
    message = str(next(iter(client.get(done["Location"]).context["messages"])))
    assert "10 questions created" in message and "Imported 1 file:" in message

    again = post(client, {"confirm": "1", "token": token})  # the preview is used up
    assert again.status_code == 302 and Topic.objects.count() == 1


def test_a_bad_file_shows_its_errors_and_offers_no_confirm(cora):
    response = post(
        client_for(cora),
        upload(("good.md", fixture_bytes("rpc.md")), ("bad.md", "# 只有正文\n".encode())),
    )
    body = response.content.decode()
    assert "These files cannot be imported: nothing was written" in body
    assert "no question section" in body
    assert "Confirm and import" not in body
    assert Topic.objects.count() == 0


def test_the_preview_keeps_the_files_out_of_the_session_and_only_for_its_curator(cora, root):
    client = client_for(cora, csrf=False)
    preview = post(client, upload(("rpc.md", fixture_bytes("rpc.md"))))
    token = preview.context["token"]
    assert len(str(dict(client.session.items()))) < 1000  # the files are not in the session
    other = client_for(root, csrf=False).post(IMPORT, {"confirm": "1", "token": token}, follow=True)
    assert "This import preview has expired" in other.content.decode()
    assert Topic.objects.count() == 0
    post(client, {"confirm": "1", "token": token})
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
    body = post(client, upload(("t.md", "# T\n## 问题\n1. 一？\n".encode()))).content.decode()
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


# --- The preview shows what was understood -----------------------------------------------------


def test_the_preview_shows_the_shape_every_question_and_warnings_beside_them(cora, list_shape):
    response = post(client_for(cora), upload(("g.md", GROUPED.encode())))
    body = response.content.decode()
    assert response.status_code == 200 and "Confirm and import" in body
    assert "Read as" in body and "a list of questions, answers indented below them" in body
    assert "3 numbered list items, 3 with indented answers" in body  # the reader's evidence
    html = " ".join(body.split())
    assert html.index(">Docker<") < html.index("镜像和容器的区别？") < html.index(">Kubernetes<")
    assert "镜像是只读模板。" in body  # the first line of the answer
    first = html[html.index("镜像和容器的区别？") :]
    assert '<td class="num">2</td>' in first  # two key points
    second = html[html.index("如何在构建时给 Docker 镜像瘦身？") :]
    # Question 2 has no answer: marked, and its warning sits right under it, before question 3.
    assert second.index("no standard answer") < second.index("question 2 has no standard answer")
    assert second.index("question 2 has no standard answer") < second.index("Pod 是什么？")
    assert body.count("question 2 has no standard answer") == 1
    diffs = response.context["report"].files[0].questions
    assert [(d.number, d.group, d.status) for d in diffs] == [
        (1, "Docker", "new"),
        (2, "Docker", "new"),
        (3, "Kubernetes", "new"),
    ]


def test_a_reimport_preview_says_what_changes_per_question(cora, list_shape):
    client = client_for(cora, csrf=False)
    token = post(client, upload(("g.md", GROUPED.encode()))).context["token"]
    post(client, {"confirm": "1", "token": token})
    changed = (
        GROUPED.replace(
            "如何在构建时给 Docker 镜像瘦身？", "如何在构建时给 Docker 镜象瘦身？"
        )  # a typo: the same question
        .replace("- 写时复制", "- 写时复制\n- 联合文件系统")
        .replace("3. 【Kubernetes】Pod 是什么？", "3. 【Kubernetes】Service 有哪几种类型？")
    )
    response = post(client, upload(("g.md", changed.encode())))
    body = " ".join(response.content.decode().split())
    rows = [(d.status, d.parts) for d in response.context["report"].files[0].questions]
    assert rows == [
        ("changed", ["answer", "key_points"]),
        ("changed", ["text"]),
        ("new", []),
        ("archived", []),
    ]
    assert "changed</span>: answer, key points" in body
    assert "No longer in the file: archived, not deleted" in body
    assert Question.objects.get(number=3).text == "Pod 是什么？"  # nothing written yet


def test_the_preview_speaks_chinese(cora, list_shape):
    client = client_for(cora)
    client.cookies["django_language"] = "zh-hans"
    body = post(client, upload(("g.md", GROUPED.encode()))).content.decode()
    assert "识别为" in body and "问题列表，答案缩进在问题下方" in body
    assert "新增" in body and "没有标准答案" in body


def test_a_refused_file_among_good_ones_writes_nothing_and_says_why(cora):
    client = client_for(cora, csrf=False)
    response = post(
        client,
        upload(
            ("rpc.md", fixture_bytes("rpc.md")),
            ("prose.md", "# 只有正文\n\n一些文字。\n".encode()),
            ("kubernetes.md", fixture_bytes("kubernetes.md")),
        ),
    )
    body = response.content.decode()
    assert "These files cannot be imported: nothing was written" in body
    assert "<strong>Error:</strong> line 1: no question section" in body
    assert "Confirm and import" not in body and "token" not in response.context
    report = response.context["report"]
    assert [f.ok for f in report.files] == [True, False, True]
    assert len(report.files[0].questions) == 8  # the good files still show what they hold
    assert all(f.summary.created == 0 for f in report.files)
    assert Topic.objects.count() == Question.objects.count() == 0


def test_the_import_page_answers_only_get_and_post(cora):
    assert client_for(cora).get(IMPORT).status_code == 200
    assert client_for(cora).put(IMPORT).status_code == 405


def test_an_admin_edit_of_a_key_point_replaces_it_on_reimport(cora):
    text = "# T\n\n## 问题\n\n1. 一？\n\n## 标准答案\n\n### 1. 一\n\n- 原来的要点\n- 另一个要点\n"
    client = client_for(cora, csrf=False)
    post(
        client,
        {
            "confirm": "1",
            "token": post(client, upload(("t.md", text.encode()))).context["token"],
        },
    )
    question = Question.objects.get()
    point = question.key_points.get(text="原来的要点")
    other = question.key_points.get(text="另一个要点")
    url = reverse("admin:questionbank_question_change", args=[question.pk])
    form = {
        "topic": question.topic_id,
        "number": 1,
        "group": "",
        "text": question.text,
        "follow_ups": "[]",
        "answer_title": question.answer_title,
        "answer_md": question.answer_md,
        "key_points-TOTAL_FORMS": "2",
        "key_points-INITIAL_FORMS": "2",
        "key_points-MIN_NUM_FORMS": "0",
        "key_points-MAX_NUM_FORMS": "1000",
        "key_points-0-id": point.pk,
        "key_points-0-question": question.pk,
        "key_points-0-position": "0",
        "key_points-0-text": "策展人改写的要点",
        "key_points-0-weight": "2",
        "key_points-1-id": other.pk,
        "key_points-1-question": question.pk,
        "key_points-1-position": "1",
        "key_points-1-text": "另一个要点",
        "key_points-1-weight": "1",
    }
    assert client.post(url, form).status_code == 302
    page = client.get(url).content.decode()
    assert "In place of" in page and "原来的要点" in page  # the curator sees what was replaced
    changed = text.replace("- 另一个要点", "- 另一个要点\n- 新加的要点")
    token = post(client, upload(("t.md", changed.encode()))).context["token"]
    post(client, {"confirm": "1", "token": token})
    assert list(question.key_points.order_by("position").values_list("text", "source")) == [
        ("策展人改写的要点", "curator"),
        ("另一个要点", "auto"),
        ("新加的要点", "auto"),
    ]


def test_the_question_list_shows_and_filters_groups(cora):
    topic = make_topic(slug="t", questions=3)
    Question.objects.filter(topic=topic, number__lte=2).update(group="Docker")
    changelist = reverse("admin:questionbank_question_changelist")
    body = client_for(cora).get(changelist).content.decode()
    assert "column-group" in body and "?group=Docker" in body
    filtered = client_for(cora).get(changelist, {"group": "Docker"})
    assert filtered.context["cl"].result_count == 2


@pytest.mark.cache
@pytest.mark.parametrize("size", [5, 50])
def test_the_preview_runs_a_fixed_number_of_queries(cora, size, django_assert_num_queries):
    items = "\n".join(f"{n}. 问题 {n}？" for n in range(1, size + 1))
    answers = "\n".join(f"### {n}. 答\n- 要点 {n}" for n in range(1, size + 1))
    text = f"# T\n## 问题\n{items}\n## 标准答案\n{answers}\n".encode()
    client = client_for(cora, csrf=False)
    client.get(IMPORT)  # warm the session and role caches
    # The upload, the check task (run at once in tests; its id noted) and the status page
    # showing the preview; as many for 5 questions as for 50.
    with django_assert_num_queries(18):
        assert post(client, upload(("t.md", text))).status_code == 200
    post(
        client,
        {"confirm": "1", "token": post(client, upload(("t.md", text))).context["token"]},
    )
    changed = text.replace(b"- \xe8\xa6\x81\xe7\x82\xb9 1\n", b"- new point\n")
    with django_assert_num_queries(19):  # one more: the stored questions
        response = post(client, upload(("t.md", changed)))
    assert [d.status for d in response.context["report"].files[0].questions][:2] == [
        "changed",
        "unchanged",
    ]


def test_a_confirmation_that_meets_a_refused_file_writes_nothing(cora):
    from questionbank.models import ImportFile, ImportPreview

    client = client_for(cora, csrf=False)
    preview = post(client, upload(("rpc.md", fixture_bytes("rpc.md"))))
    token = preview.context["token"]
    # Between the preview and the confirmation the stored files changed (another worker, a
    # newer reader): one of them is now refused.
    stored = ImportPreview.objects.get(token=token)
    ImportFile.objects.create(
        preview=stored, position=1, name="prose.md", data="# 只有正文\n".encode()
    )
    response = post(client, {"confirm": "1", "token": token})
    body = response.content.decode()
    assert response.status_code == 200
    assert "The import failed: nothing was written" in body
    assert "line 1: no question section" in body and "Confirm and import" not in body
    assert Topic.objects.count() == Question.objects.count() == 0


@pytest.mark.cache
@pytest.mark.parametrize("size", [5, 40])
def test_the_question_list_runs_a_fixed_number_of_queries(cora, size, django_assert_num_queries):
    topic = make_topic(slug="t", questions=size)
    Question.objects.filter(topic=topic, number__gt=size // 2).update(group="进阶")
    client = client_for(cora)
    changelist = reverse("admin:questionbank_question_changelist")
    client.get(changelist)  # warm the session and role caches
    with django_assert_num_queries(8):  # as many for 5 questions as for 40
        response = client.get(changelist)
    assert response.context["cl"].result_count == size


def test_a_file_over_the_size_cap_is_refused_before_anything_is_stored(cora, settings):
    from questionbank.models import ImportFile

    settings.QUESTIONBANK_MAX_FILE_BYTES = 1024
    client = client_for(cora, csrf=False)
    response = post(client, upload(("big.md", b"x" * 2048), ("ok.md", b"# t\n")))
    assert response.status_code == 200
    assert "big.md: over 1 KB, the most a file may hold." in response.content.decode()
    assert not ImportFile.objects.exists() and Topic.objects.count() == 0


def test_the_preview_warns_of_a_title_and_slug_cut_to_fit_in_the_curators_language(cora):
    client = client_for(cora, csrf=False)
    title = "很长的标题" * 50
    text = f"---\nslug: {'k' * 120}\n---\n# {title}\n## 问题\n1. 一？\n"
    body = post(client, upload(("t.md", text.encode()))).content.decode()
    assert "the title is 250 characters long; only its first 200 are kept" in body
    assert "the slug is 120 characters long; it was cut to its first 100" in body
    client.cookies["django_language"] = "zh-hans"
    body = post(client, upload(("t.md", text.encode()))).content.decode()
    assert "标题长 250 个字符，只保留前 200 个" in body
    assert f"标识长 120 个字符，已截为前 100 个：“{'k' * 100}”" in body
