"""The admin's import preview of a file the importer could not read with confidence: its
readings, each with a button; the preview checked again as the curator chose; the choice
remembered for the file's name once imported, shown on later previews, and forgotten on demand."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from questionbank.models import ImportFile, ImportPreview, ShapeChoice, Topic
from tests.conftest import client_for
from tests.questionbank.shapes import SHAPES
from tests.questionbank.test_admin import IMPORT, post, upload

pytestmark = pytest.mark.django_db

UNSURE = ("os.md", (SHAPES / "unsure_two_readings.md").read_bytes())


def refused_preview(client):
    response = post(client, upload(UNSURE))
    assert response.status_code == 200
    return response, ImportPreview.objects.get()


def choose(client, preview, shape, file="0"):
    return post(client, {"choose": "1", "token": preview.token, "file": file, "shape": shape})


def test_a_refused_file_lists_its_readings_each_with_a_button(cora):
    response, _preview = refused_preview(client_for(cora, csrf=False))
    body = response.content.decode()
    assert "These files cannot be imported: nothing was written" in body
    assert "Choose how to read this file" in body
    assert (
        "<strong>Read as a heading per question, its answer below:</strong>\n"
        "                      3 questions, 3 answered"
    ) in body
    assert "<li>What is a thread?</li><li>What is a page?</li><li>What is an inode?</li>" in body
    assert body.count('name="choose"') == 2 and 'name="shape" value="list"' in body
    assert "Confirm and import" not in body


def test_choosing_a_reading_checks_the_file_again_that_way_then_confirming_imports_it(cora):
    client = client_for(cora, csrf=False)
    _response, preview = refused_preview(client)
    response = choose(client, preview, "list")
    body = response.content.decode()
    assert "Preview: nothing has been written yet" in body
    assert "Read as a list of questions, answers indented below them, chosen by you." in body
    assert "Choose how to read this file" not in body
    report = response.context["report"]
    assert [(q.group, q.text) for q in report.files[0].questions] == [
        ("What is a process?", "What is a thread?"),
        ("What is memory?", "What is a page?"),
        ("What is a file system?", "What is an inode?"),
    ]
    assert not ShapeChoice.objects.exists()  # a preview remembers nothing
    done = post(client, {"confirm": "1", "token": response.context["token"]})
    assert done.status_code == 302
    topic = Topic.objects.get()
    assert list(topic.questions.values_list("text", flat=True).order_by("number")) == [
        "What is a thread?",
        "What is a page?",
        "What is an inode?",
    ]
    choice = ShapeChoice.objects.get()
    assert (choice.source_name, choice.shape, choice.chosen_by) == ("os.md", "list", cora)


def test_a_remembered_choice_is_shown_used_and_forgotten_on_demand(cora):
    client = client_for(cora, csrf=False)
    ShapeChoice.objects.create(source_name="os.md", shape="headings", chosen_by=cora)
    response = post(client, upload(UNSURE))
    body = response.content.decode()
    assert "Read as a heading per question, its answer below, chosen by cora on " in body
    assert "Every import of a file of this name reads it so." in body
    assert response.context["report"].ok and "Forget this choice" in body
    preview = ImportPreview.objects.get()
    cleared = post(client, {"clear": "1", "token": preview.token, "file": "0"})
    assert not ShapeChoice.objects.exists()
    assert "Choose how to read this file" in cleared.content.decode()
    assert not cleared.context["report"].ok


def test_undoing_a_choice_made_in_the_preview_offers_the_readings_again(cora):
    client = client_for(cora, csrf=False)
    _response, preview = refused_preview(client)
    chosen = choose(client, preview, "headings")
    assert "Undo this choice" in chosen.content.decode()
    undone = post(client, {"clear": "1", "token": preview.token, "file": "0"})
    assert "Choose how to read this file" in undone.content.decode()
    assert ImportFile.objects.get().shape == ""


def test_undoing_a_choice_made_in_the_preview_keeps_the_one_remembered(cora):
    # A reading remembered for the name, another chosen in this preview and undone: only
    # this preview's choice goes; the remembered one is there for the next preview.
    client = client_for(cora, csrf=False)
    ShapeChoice.objects.create(source_name="os.md", shape="headings", chosen_by=cora)
    post(client, upload(UNSURE))
    preview = ImportPreview.objects.get()
    choose(client, preview, "list")
    undone = post(client, {"clear": "1", "token": preview.token, "file": "0"})
    assert ShapeChoice.objects.get().shape == "headings"
    assert "chosen by cora on " in undone.content.decode()


def test_the_command_line_uses_a_choice_made_in_the_admin(cora, tmp_path):
    client = client_for(cora, csrf=False)
    _response, preview = refused_preview(client)
    post(client, {"confirm": "1", "token": choose(client, preview, "list").context["token"]})
    path = tmp_path / "os.md"
    path.write_bytes(UNSURE[1])
    out = io.StringIO()
    call_command("import_questions", "--dry-run", str(path), stdout=out)
    assert "read as list: chosen by cora on " in out.getvalue()
    assert "3 unchanged" in out.getvalue()


def test_a_choice_for_a_check_under_way_changes_nothing(cora):
    client = client_for(cora, csrf=False)
    _response, preview = refused_preview(client)
    ImportPreview.objects.filter(pk=preview.pk).update(status=ImportPreview.Status.RUNNING)
    response = client.post(
        IMPORT, {"choose": "1", "token": preview.token, "file": "0", "shape": "list"}
    )
    assert response.status_code == 302
    assert ImportFile.objects.get().shape == ""
    assert ImportPreview.objects.get().status == ImportPreview.Status.RUNNING


@pytest.mark.parametrize(
    "data",
    [
        {"shape": "guess", "file": "0"},
        {"shape": "list", "file": "7"},
        {"shape": "list", "file": "99999999999999999999999"},
        {"shape": "list", "file": "x"},
    ],
)
def test_an_unknown_reading_or_file_is_a_bad_request(cora, data):
    client = client_for(cora, csrf=False)
    _response, preview = refused_preview(client)
    response = client.post(IMPORT, {"choose": "1", "token": preview.token, **data})
    assert response.status_code == 400
    assert ImportFile.objects.get().shape == ""


def test_choosing_needs_a_post_with_the_csrf_token(cora):
    client = client_for(cora, csrf=True)
    _response, preview = refused_preview(client_for(cora, csrf=False))
    data = {"choose": "1", "token": preview.token, "file": "0", "shape": "list"}
    assert client.post(IMPORT, data).status_code == 403  # no CSRF token
    assert client.get(IMPORT, data).status_code == 200  # a GET only shows the upload form
    assert client_for(cora).put(IMPORT, data).status_code == 405
    assert ImportFile.objects.get().shape == ""


def test_another_curator_cannot_choose_for_a_preview_not_theirs(cora, root):
    _response, preview = refused_preview(client_for(cora, csrf=False))
    data = {"choose": "1", "token": preview.token, "file": "0", "shape": "list"}
    response = client_for(root).post(IMPORT, data, follow=True)
    assert "This import preview has expired" in response.content.decode()
    clear = {"clear": "1", "token": preview.token, "file": "0"}
    ShapeChoice.objects.create(source_name="os.md", shape="list", chosen_by=cora)
    client_for(root).post(IMPORT, clear)
    assert ImportFile.objects.get().shape == "" and ShapeChoice.objects.exists()


def test_choosing_needs_a_curator(cora, alice):
    _response, preview = refused_preview(client_for(cora, csrf=False))
    data = {"choose": "1", "token": preview.token, "file": "0", "shape": "list"}
    staff = User.objects.create_user("staff", password="pw", is_staff=True)
    assert client_for(alice).post(IMPORT, data).status_code == 302  # not staff: admin sign-in
    assert client_for(staff).post(IMPORT, data).status_code == 403
    anonymous = client_for(None).post(IMPORT, data)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    assert ImportFile.objects.get().shape == ""
    assert ImportPreview.objects.get().status == ImportPreview.Status.DONE


def test_the_readings_and_the_choice_speak_chinese(cora):
    client = client_for(cora, csrf=False)
    client.cookies["django_language"] = "zh-hans"
    response, preview = refused_preview(client)
    body = response.content.decode()
    assert "选择这个文件的读法" in body and "使用这种读法" in body
    assert "3 个问题，3 个有答案" in body
    chosen = choose(client, preview, "list").content.decode()
    assert "由你选择" in chosen and "撤销这个选择" in chosen
