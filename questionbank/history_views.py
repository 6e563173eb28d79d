"""The curators' history of a question: every revision with what it changed, and restore."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from questionbank import revisions
from questionbank.access import get_question_for_curator
from questionbank.importing import PART_LABELS
from questionbank.models import Revision
from questionbank.revision_diff import diff_snapshots

HISTORY_LIMIT = 50  # revisions shown; the oldest of them is compared with nothing

FIELD_LABELS = {
    "number": gettext_lazy("number"),
    "group": gettext_lazy("group"),
    "text": gettext_lazy("question"),
    "answer_title": gettext_lazy("answer title"),
    "answer_md": gettext_lazy("standard answer"),
    "follow_ups": gettext_lazy("follow-up questions"),
    "key_points": gettext_lazy("key points"),
    "dropped_key_points": gettext_lazy("key points deleted by a curator"),
    "archived": gettext_lazy("archived"),
    "title": gettext_lazy("title"),
    "slug": gettext_lazy("slug"),
    "background_md": gettext_lazy("background"),
    "tags": gettext_lazy("tags"),
    "difficulty": gettext_lazy("difficulty"),
    "language": gettext_lazy("heading language"),
    "practice_enabled": gettext_lazy("open for practice"),
    "bonus": gettext_lazy("bonus points"),
}


def change_labels(changes: list[str]) -> list[str]:
    """What a revision's ``changes`` say, in words."""
    labels = []
    for part in changes:
        if part == "new":
            labels.append(_("new"))
        elif part in PART_LABELS and part != "number":
            labels.append(_(PART_LABELS[part]))
        else:
            labels.append(str(FIELD_LABELS.get(part, part)))
    return labels


def _yes_no() -> tuple[str, str]:
    return _("yes"), _("no")


@require_GET
@never_cache  # standard answers and key points: never kept by a browser or proxy
def history(request, slug: str, number: int):
    question = get_question_for_curator(request, slug, number)
    found = list(
        Revision.objects.filter(
            Q(question=question) | Q(topic=question.topic, question__isnull=True)
        ).select_related("author")[: HISTORY_LIMIT + 1]
    )
    entries = revisions.entries(found[:HISTORY_LIMIT], yes_no=_yes_no())
    for entry in entries:
        entry.labels = change_labels(entry.revision.changes)
        for diff in entry.diffs:
            diff.label = FIELD_LABELS.get(diff.field, diff.field)
    return TemplateResponse(
        request,
        "questionbank/history.html",
        {
            "topic": question.topic,
            "question": question,
            "entries": entries,
            "more": len(found) > HISTORY_LIMIT,
        },
    )


@require_http_methods(["GET", "POST"])
@never_cache
def restore(request, slug: str, number: int, revision: int):
    """GET: what the restore would change, and a button; POST: restore (a new revision)."""
    question = get_question_for_curator(request, slug, number)
    target = get_object_or_404(Revision, pk=revision, question=question)
    if request.method == "POST":
        done = revisions.restore(target, author=request.user)
        if done is None:
            messages.info(request, _("The question already reads as that revision."))
        else:
            messages.success(request, _("The revision was restored, as a new revision."))
        return redirect(
            "questionbank:question_history", slug=question.topic.slug, number=question.number
        )
    current = revisions.question_snapshot(question, question.key_points.all())
    # What the restore changes: the restored parts and key points, not the number or archive.
    wanted = {**current, **{k: target.snapshot.get(k, current[k]) for k in _RESTORED_FIELDS}}
    diffs = diff_snapshots(current, wanted, yes_no=_yes_no())
    for diff in diffs:
        diff.label = FIELD_LABELS.get(diff.field, diff.field)
    return TemplateResponse(
        request,
        "questionbank/restore.html",
        {"topic": question.topic, "question": question, "target": target, "diffs": diffs},
    )


_RESTORED_FIELDS = (*revisions.RESTORED, "key_points", "dropped_key_points")
