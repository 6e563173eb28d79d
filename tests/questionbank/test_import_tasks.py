"""The admin's import as background tasks: the database queue, its worker, progress, failures."""

from __future__ import annotations

from datetime import timedelta

import pytest
from asgiref.local import Local
from django.tasks import task_backends
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from questionbank.models import ImportFile, ImportPreview, Question, Topic
from tests.conftest import client_for, fixture_bytes
from tests.questionbank.test_admin import IMPORT, finish, post, upload

pytestmark = pytest.mark.django_db


def status_url(token: str) -> str:
    return reverse("admin:questionbank_topic_import_status", args=[token])


@pytest.fixture
def queue(settings):
    """The production backend: tasks wait in the database until `work()` runs the worker's
    own loop body on them (the worker's process loop would close the test's connection)."""

    def use(tasks):
        settings.TASKS = tasks
        task_backends._settings = None
        task_backends._connections = Local(task_backends.thread_critical)

    use({"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}})
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )

    def work() -> int:
        ran = 0
        while (result := DBTaskResult.objects.ready().first()) is not None:
            result.claim(worker.worker_id)
            worker.run_task(result)
            ran += 1
        return ran

    yield work
    use({"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}})


def test_the_upload_waits_for_the_worker_then_shows_the_preview_and_imports(cora, queue):
    client = client_for(cora, csrf=False)
    response = client.post(IMPORT, upload(("rpc.md", fixture_bytes("rpc.md"))))
    preview = ImportPreview.objects.get()
    assert response.status_code == 302 and response["Location"] == status_url(preview.token)
    assert preview.owner == cora and bytes(preview.files.get().data) == fixture_bytes("rpc.md")

    waiting = client.get(response["Location"])
    body = waiting.content.decode()
    assert "Checking the files…" in body and "waiting for the worker" in body
    assert '<meta http-equiv="refresh" content="2">' in body  # polls without JavaScript
    assert "Confirm and import" not in body and "Check the files" not in body

    assert queue() == 1
    ready = client.get(response["Location"])
    assert "Preview: nothing has been written yet" in ready.content.decode()
    assert "http-equiv" not in ready.content.decode()
    assert Topic.objects.count() == 0

    confirmed = client.post(IMPORT, {"confirm": "1", "token": preview.token})
    assert confirmed["Location"] == status_url(preview.token)
    importing = client.get(confirmed["Location"]).content.decode()
    assert "Importing the files…" in importing and Topic.objects.count() == 0
    assert queue() == 1
    done = client.get(confirmed["Location"])
    assert done.status_code == 302
    assert done["Location"] == reverse("admin:questionbank_topic_changelist")
    assert Topic.objects.get().questions.count() == 8
    assert not ImportPreview.objects.exists()  # imported: the files are not kept


def test_a_running_task_is_shown_as_running(cora, queue):
    client = client_for(cora, csrf=False)
    token = client.post(IMPORT, upload(("rpc.md", fixture_bytes("rpc.md"))))["Location"]
    ImportPreview.objects.update(status=ImportPreview.Status.RUNNING)
    assert "running" in client.get(token).context["preview"].get_status_display()


def test_a_refused_file_is_reported_after_the_check(cora, queue):
    client = client_for(cora, csrf=False)
    response = client.post(IMPORT, upload(("prose.md", "# 只有正文\n".encode())))
    queue()
    page = client.get(response["Location"])
    body = page.content.decode()
    assert "These files cannot be imported: nothing was written" in body
    assert "no question section" in body and "Confirm and import" not in body
    token = ImportPreview.objects.get().token
    # A hand-made confirmation of a refused check is refused too.
    refused = client.post(IMPORT, {"confirm": "1", "token": token}, follow=True)
    assert "This import preview has expired" in refused.content.decode()
    assert Topic.objects.count() == 0


def test_another_curator_can_neither_see_nor_confirm_the_preview(cora, root):
    preview = post(client_for(cora, csrf=False), upload(("rpc.md", fixture_bytes("rpc.md"))))
    token = preview.context["token"]
    other = client_for(root, csrf=False)
    seen = other.get(status_url(token), follow=True)
    assert "This import preview has expired" in seen.content.decode()
    assert "rpc" not in seen.content.decode().split("messagelist")[-1].split("</ul>")[0]
    other.post(IMPORT, {"confirm": "1", "token": token})
    assert Topic.objects.count() == 0
    assert ImportPreview.objects.get().stage == ImportPreview.Stage.CHECK  # still cora's to confirm


def test_the_status_page_needs_a_curator_and_answers_only_get(cora, alice, db):
    token = post(client_for(cora), upload(("rpc.md", fixture_bytes("rpc.md")))).context["token"]
    url = status_url(token)
    anonymous = client_for(None).get(url)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    assert client_for(alice).get(url).status_code == 302  # not staff: admin sign-in
    assert client_for(cora).post(url).status_code == 405
    assert client_for(cora).get(url).status_code == 200


@pytest.mark.parametrize("stage", ["check", "import"])
def test_a_task_that_breaks_says_so_and_writes_nothing(cora, monkeypatch, stage):
    import questionbank.tasks

    real = questionbank.tasks.import_sources

    def breaking(sources, dry_run=False, **kwargs):
        if dry_run == (stage == "check"):
            raise RuntimeError("the disk is on fire")
        return real(sources, dry_run=dry_run, **kwargs)

    monkeypatch.setattr(questionbank.tasks, "import_sources", breaking)
    client = client_for(cora, csrf=False)
    page = post(client, upload(("rpc.md", fixture_bytes("rpc.md"))))
    if stage == "import":
        page = post(client, {"confirm": "1", "token": page.context["token"]})
    body = page.content.decode()
    assert page.status_code == 200
    assert "The files could not be processed: nothing was written" in body
    assert "An unexpected error stopped the task" in body
    assert "Confirm and import" not in body and "Check the files" in body  # upload again
    assert Topic.objects.count() == Question.objects.count() == 0
    assert ImportPreview.objects.get().status == ImportPreview.Status.FAILED


def test_an_import_that_fails_midway_writes_nothing(cora):
    client = client_for(cora, csrf=False)
    token = post(client, upload(("rpc.md", fixture_bytes("rpc.md")))).context["token"]
    preview = ImportPreview.objects.get(token=token)
    ImportFile.objects.create(preview=preview, position=1, name="k.md", data=b"# K\n")
    page = finish(client, client.post(IMPORT, {"confirm": "1", "token": token}))
    assert "The import failed: nothing was written" in page.content.decode()
    assert Topic.objects.count() == 0


def test_the_progress_speaks_chinese(cora, queue):
    client = client_for(cora, csrf=False)
    client.cookies["django_language"] = "zh-hans"
    location = client.post(IMPORT, upload(("rpc.md", fixture_bytes("rpc.md"))))["Location"]
    body = client.get(location).content.decode()
    assert "正在检查文件…" in body and "等待任务进程" in body and "本页每 2 秒自动刷新" in body


def kill_worker(preview: ImportPreview, *, minutes_ago: int) -> None:
    """The worker took the task ``minutes_ago`` and was killed: the row stays running."""
    from datetime import timedelta

    from django.utils import timezone

    ImportPreview.objects.filter(pk=preview.pk).update(
        status=ImportPreview.Status.RUNNING,
        started_at=timezone.now() - timedelta(minutes=minutes_ago),
    )


def test_the_worker_records_when_it_took_the_task(cora, queue):
    client = client_for(cora, csrf=False)
    client.post(IMPORT, upload(("rpc.md", fixture_bytes("rpc.md"))))
    assert ImportPreview.objects.get().started_at is None  # waiting: not started
    queue()
    assert ImportPreview.objects.get().started_at is not None


@pytest.mark.parametrize("stage", ["check", "import"])
def test_a_check_or_import_whose_worker_was_killed_can_be_run_again(cora, queue, stage):
    client = client_for(cora, csrf=False)
    status = client.post(IMPORT, upload(("rpc.md", fixture_bytes("rpc.md"))))["Location"]
    preview = ImportPreview.objects.get()
    if stage == "import":
        queue()
        client.post(IMPORT, {"confirm": "1", "token": preview.token})
    DBTaskResult.objects.all().delete()  # the task went down with its worker
    kill_worker(preview, minutes_ago=9)
    assert "http-equiv" in client.get(status).content.decode()  # still within the limit: waits
    kill_worker(preview, minutes_ago=11)
    page = client.get(status)
    body = page.content.decode()
    assert page.status_code == 200 and "http-equiv" not in body  # no endless reloading
    assert "stopped unexpectedly" in body and "Nothing was written; try again." in body
    assert 'name="retry"' in body and preview.token in body

    retried = client.post(IMPORT, {"retry": "1", "token": preview.token})
    assert retried["Location"] == status
    assert ImportPreview.objects.get().status == ImportPreview.Status.PENDING
    assert client.post(IMPORT, {"retry": "1", "token": preview.token})["Location"] == status
    assert queue() == 1  # a second click queued nothing more
    done = client.get(status)
    if stage == "check":
        assert "Preview: nothing has been written yet" in done.content.decode()
    else:
        assert done["Location"] == reverse("admin:questionbank_topic_changelist")
        assert Topic.objects.get().questions.count() == 8


def test_a_task_still_within_its_time_cannot_be_retried(cora, queue):
    client = client_for(cora, csrf=False)
    client.post(IMPORT, upload(("rpc.md", fixture_bytes("rpc.md"))))
    preview = ImportPreview.objects.get()
    kill_worker(preview, minutes_ago=1)
    client.post(IMPORT, {"retry": "1", "token": preview.token})
    assert ImportPreview.objects.get().status == ImportPreview.Status.RUNNING
    assert DBTaskResult.objects.count() == 1  # the first check only


def test_another_curator_cannot_retry_and_the_stall_speaks_chinese(cora, root, queue):
    client = client_for(cora, csrf=False)
    status = client.post(IMPORT, upload(("rpc.md", fixture_bytes("rpc.md"))))["Location"]
    preview = ImportPreview.objects.get()
    kill_worker(preview, minutes_ago=30)
    refused = client_for(root, csrf=False).post(
        IMPORT, {"retry": "1", "token": preview.token}, follow=True
    )
    assert "This import preview has expired" in refused.content.decode()
    assert ImportPreview.objects.get().status == ImportPreview.Status.RUNNING
    client.cookies["django_language"] = "zh-hans"
    body = client.get(status).content.decode()
    assert "检查意外中止" in body and "重试" in body


def test_retrying_needs_a_curator(cora, alice, queue):
    client = client_for(cora, csrf=False)
    client.post(IMPORT, upload(("rpc.md", fixture_bytes("rpc.md"))))
    preview = ImportPreview.objects.get()
    kill_worker(preview, minutes_ago=30)
    anonymous = client_for(None).post(IMPORT, {"retry": "1", "token": preview.token})
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    assert (
        client_for(alice, csrf=False)
        .post(IMPORT, {"retry": "1", "token": preview.token})["Location"]
        .startswith(reverse("admin:login"))
    )
    assert ImportPreview.objects.get().status == ImportPreview.Status.RUNNING


def test_the_admins_import_names_its_curator_and_file_in_the_history(cora):
    from questionbank.models import Revision

    client = client_for(cora, csrf=False)
    page = post(client, upload(("rpc.md", fixture_bytes("rpc.md"))))
    post(client, {"confirm": "1", "token": page.context["token"]})
    revision = Revision.objects.filter(question__isnull=False).first()
    assert (revision.source, revision.origin, revision.author) == ("import", "rpc.md", cora)


def claim_and_kill(*, seconds_ago: int) -> None:
    """A worker took the queued task that long ago and was killed before the task began (the
    preview was never marked running)."""
    result = DBTaskResult.objects.get()
    if result.status == "READY":
        result.claim("doomed-worker")
    DBTaskResult.objects.filter(pk=result.pk).update(
        started_at=timezone.now() - timedelta(seconds=seconds_ago)
    )


def test_a_check_whose_worker_was_killed_before_it_began_can_be_run_again_promptly(cora, queue):
    client = client_for(cora, csrf=False)
    status = client.post(IMPORT, upload(("rpc.md", fixture_bytes("rpc.md"))))["Location"]
    preview = ImportPreview.objects.get()
    assert preview.task_id == str(DBTaskResult.objects.get().pk)
    claim_and_kill(seconds_ago=5)
    assert "http-equiv" in client.get(status).content.decode()  # just taken: it may yet begin
    claim_and_kill(seconds_ago=45)
    body = client.get(status).content.decode()
    assert "http-equiv" not in body  # not waiting until the preview expires
    assert "stopped unexpectedly" in body and "Nothing was written; try again." in body

    assert client.post(IMPORT, {"retry": "1", "token": preview.token})["Location"] == status
    assert client.post(IMPORT, {"retry": "1", "token": preview.token})["Location"] == status
    assert DBTaskResult.objects.ready().count() == 1  # a second click queued nothing more
    assert queue() == 1
    assert "Preview: nothing has been written yet" in client.get(status).content.decode()


def test_a_task_still_waiting_for_a_worker_is_neither_stalled_nor_retried(cora, queue):
    client = client_for(cora, csrf=False)
    status = client.post(IMPORT, upload(("rpc.md", fixture_bytes("rpc.md"))))["Location"]
    preview = ImportPreview.objects.get()
    body = client.get(status).content.decode()
    assert "http-equiv" in body and "If it stays waiting, the task worker" in body
    client.post(IMPORT, {"retry": "1", "token": preview.token})
    assert DBTaskResult.objects.count() == 1  # no worker yet is no stall
    assert ImportPreview.objects.get().task_id == preview.task_id


def test_a_check_that_ends_while_its_page_is_read_is_not_shown_as_stopped(cora, queue):
    # The status page read the preview waiting; the worker finished before the page asked the
    # task's result: that is a finished check, not a lost one.
    from questionbank.tasks import stalled

    client = client_for(cora, csrf=False)
    client.post(IMPORT, upload(("rpc.md", fixture_bytes("rpc.md"))))
    read_while_waiting = ImportPreview.objects.get()
    assert queue() == 1
    assert ImportPreview.objects.get().status == ImportPreview.Status.DONE
    assert not stalled(read_while_waiting)


def test_a_task_queued_twice_runs_once(cora, monkeypatch):
    # A retry queued the task again while the first one, slow rather than lost, began after
    # all: the second finds its preview no longer waiting and leaves the report alone.
    from questionbank import tasks

    client = client_for(cora, csrf=False)
    post(client, upload(("rpc.md", fixture_bytes("rpc.md"))))
    preview = ImportPreview.objects.get()
    assert preview.status == ImportPreview.Status.DONE
    report = bytes(preview.report)

    def must_not_run(*args, **kwargs):
        raise AssertionError("ran twice")

    monkeypatch.setattr(tasks, "import_sources", must_not_run)
    tasks.check_import.call(preview.pk)
    preview.refresh_from_db()
    assert preview.status == ImportPreview.Status.DONE and bytes(preview.report) == report
