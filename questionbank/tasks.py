"""The admin's Markdown import as background tasks: check (the dry run) and import.

Each task works on an ``ImportPreview`` row and leaves its status and report there, for the
status page to show; a task that breaks leaves ``failed`` and nothing written (the import runs
in one transaction, see ``import_sources``). The worker is ``manage.py db_worker``.
"""

from __future__ import annotations

import logging
import pickle
from datetime import timedelta

from django.conf import settings
from django.tasks import TaskResultStatus, task
from django.tasks.exceptions import TaskResultDoesNotExist
from django.utils import timezone

from questionbank.importing import Source, import_sources
from questionbank.models import ImportPreview

logger = logging.getLogger(__name__)


@task
def check_import(preview_id: int) -> None:
    """Parse the uploaded files and compare them with the bank: nothing written."""
    _run(preview_id, ImportPreview.Stage.CHECK, dry_run=True)


@task
def run_import(preview_id: int) -> None:
    """Import the checked files, all of them or none."""
    _run(preview_id, ImportPreview.Stage.IMPORT, dry_run=False)


def _run(preview_id: int, stage: str, *, dry_run: bool) -> None:
    preview = ImportPreview.objects.filter(pk=preview_id, stage=stage).first()
    # Claimed in one update, only while it waits: cancelled, expired, or already taken by the
    # task a retry queued again (the first one was slow, not lost), it is not run twice.
    claimed = ImportPreview.objects.filter(
        pk=preview_id, stage=stage, status=ImportPreview.Status.PENDING
    ).update(status=ImportPreview.Status.RUNNING, started_at=timezone.now())
    if preview is None or not claimed:
        return
    sources = [Source(f.name, bytes(f.data), shape=f.shape or None) for f in preview.files.all()]
    try:
        author = None if dry_run else preview.owner  # for the history; a check writes none
        report = import_sources(sources, dry_run=dry_run, user=author)
        data = pickle.dumps(report)
    except Exception:
        logger.exception("Import %s of preview %s failed", stage, preview_id)
        ImportPreview.objects.filter(pk=preview_id).update(status=ImportPreview.Status.FAILED)
        return
    ImportPreview.objects.filter(pk=preview_id).update(
        status=ImportPreview.Status.DONE, report=data
    )


# A task marks its preview running first thing: one a worker claimed this long ago while its
# preview still waits lost its worker before it began (killed between the two).
CLAIM_GRACE = timedelta(seconds=30)


def queue(preview: ImportPreview) -> None:
    """Queue the preview's task (its stage's), noting the task's id for :func:`stalled`."""
    result = _task_for(preview).enqueue(preview.pk)
    # Only while it still waits: a worker (or the test backend) may have run it already.
    ImportPreview.objects.filter(pk=preview.pk, status=ImportPreview.Status.PENDING).update(
        task_id=str(result.id)[:64]
    )


def stalled(preview: ImportPreview, *, now=None) -> bool:
    """Whether no result will come: the task has been running for longer than any import takes
    (QUESTIONBANK_IMPORT_STALL_MINUTES), or a worker took it and never began it (CLAIM_GRACE):
    its worker was killed or lost."""
    now = now or timezone.now()
    if preview.status == ImportPreview.Status.PENDING:
        return _lost_before_start(preview, now)
    if preview.status != ImportPreview.Status.RUNNING or preview.started_at is None:
        return False
    limit = timedelta(minutes=settings.QUESTIONBANK_IMPORT_STALL_MINUTES)
    return now - preview.started_at > limit


def _lost_before_start(preview: ImportPreview, now) -> bool:
    """A waiting preview whose task a worker claimed CLAIM_GRACE ago, or that ended, without
    marking the preview running. A task still in the queue is only waiting for a worker."""
    if not preview.task_id:
        return False
    try:
        result = _task_for(preview).get_result(preview.task_id)
    except TaskResultDoesNotExist:
        return False  # pruned, or never stored: nothing to tell by
    except NotImplementedError:
        return False  # a backend that keeps no results (the tests' immediate one)
    if result.status == TaskResultStatus.READY:
        return False
    if result.status == TaskResultStatus.RUNNING:
        return result.started_at is not None and now - result.started_at > CLAIM_GRACE
    # Finished, and the preview never heard of it, unless it did since it was read.
    return ImportPreview.objects.filter(pk=preview.pk, status=ImportPreview.Status.PENDING).exists()


def _task_for(preview: ImportPreview):
    return check_import if preview.stage == ImportPreview.Stage.CHECK else run_import


def retry(preview: ImportPreview) -> bool:
    """Queue a stalled task again; False if it is not stalled (any more). Claimed in one update,
    so two clicks queue it once. A stalled import wrote nothing (one transaction)."""
    same = ImportPreview.objects.filter(
        pk=preview.pk, status=preview.status, task_id=preview.task_id, started_at=preview.started_at
    )
    claimed = stalled(preview) and same.update(
        status=ImportPreview.Status.PENDING, started_at=None, task_id=""
    )
    if claimed:
        queue(preview)
    return bool(claimed)


def load_report(preview: ImportPreview):
    """The report the task left, or None if there is none or it no longer unpickles (the code
    changed between the check and now: the curator uploads again)."""
    if preview.report is None:
        return None
    try:
        return pickle.loads(bytes(preview.report))  # written by _run only
    except Exception:
        logger.warning("Unreadable report on import preview %s", preview.pk, exc_info=True)
        return None
