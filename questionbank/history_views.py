"""The curators' history of a question or a topic: every revision with what it changed, page by
page, and restoring an earlier one after a confirmation page."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from questionbank import revisions
from questionbank.access import get_question_for_curator, get_topic_for_curator
from questionbank.importing import PART_LABELS
from questionbank.models import Revision
from questionbank.revision_diff import diff_snapshots

HISTORY_PAGE = 20  # revisions per page of a history

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


# The admin screens a revision can come from (revisions store these words; imports store a file
# name, shown as it is).
ORIGIN_LABELS = {
    "admin: question": gettext_lazy("the admin's question page"),
    "admin: topic": gettext_lazy("the admin's topic page"),
    "admin: topics": gettext_lazy("the admin's list of topics"),
    "admin: bonus points": gettext_lazy("the admin's bonus points page"),
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


def _history(request, revisions_qs, chains: dict[int | None, Q]):
    """One page of a history, newest first, each revision compared with the one before it of
    the same question (or topic), also when that one is on the next page. ``chains``: per
    question id (None: the topic) the revisions of that question. Two queries on a history of
    one page; up to two more for what precedes the page, two more past the first page."""
    page = Paginator(revisions_qs.select_related("author").order_by("-id"), HISTORY_PAGE)
    page = page.get_page(request.GET.get("page"))
    rows = list(page.object_list)
    older: dict[int | None, Revision] = {}
    if page.has_next():
        for chain, condition in chains.items():
            oldest = min((r.pk for r in rows if r.question_id == chain), default=None)
            if oldest is not None:
                before = (
                    Revision.objects.filter(condition, pk__lt=oldest)
                    .only("snapshot", "question_id")
                    .order_by("-id")
                    .first()
                )
                if before is not None:
                    older[chain] = before
    latest = None
    if page.number > 1:  # the current revisions may stand on the first page
        latest = set()
        for condition in chains.values():
            pk = Revision.objects.filter(condition).order_by("-id").values_list("pk").first()
            if pk is not None:
                latest.add(pk[0])
    entries = revisions.entries(rows, yes_no=_yes_no(), older=older, latest=latest)
    for entry in entries:
        entry.labels = change_labels(entry.revision.changes)
        if entry.revision.source == Revision.Source.ADMIN:
            entry.origin_label = ORIGIN_LABELS.get(entry.revision.origin)
        for diff in entry.diffs:
            diff.label = FIELD_LABELS.get(diff.field, diff.field)
    pager = {}
    if page.has_previous():
        pager |= {"first": "?page=1", "previous": f"?page={page.previous_page_number()}"}
    if page.has_next():
        pager |= {
            "next": f"?page={page.next_page_number()}",
            "last": f"?page={page.paginator.num_pages}",
        }
    return page, entries, pager


@require_GET
@never_cache  # standard answers and key points: never kept by a browser or proxy
def history(request, slug: str, number: int):
    """A question's history, with its topic's own revisions between its own."""
    question = get_question_for_curator(request, slug, number)
    topic = question.topic
    chains = {
        question.pk: Q(question=question),
        None: Q(topic=topic, question__isnull=True),
    }
    page, entries, pager = _history(
        request, Revision.objects.filter(chains[question.pk] | chains[None]), chains
    )
    for entry in entries:
        if not entry.latest:
            entry.restore_url = (
                reverse("questionbank:restore_revision", args=[slug, number, entry.revision.pk])
                if entry.revision.question_id
                else reverse("questionbank:restore_topic_revision", args=[slug, entry.revision.pk])
            )
    return TemplateResponse(
        request,
        "questionbank/history.html",
        {"topic": topic, "question": question, "entries": entries, "page": page, "pager": pager},
    )


@require_GET
@never_cache  # the topic's background and bonus points: never kept by a browser or proxy
def topic_history(request, slug: str):
    """A topic's own history: title, background, tags, difficulty, bonus points."""
    topic = get_topic_for_curator(request, slug)
    chains = {None: Q(topic=topic, question__isnull=True)}
    page, entries, pager = _history(request, Revision.objects.filter(chains[None]), chains)
    for entry in entries:
        if not entry.latest:
            entry.restore_url = reverse(
                "questionbank:restore_topic_revision", args=[slug, entry.revision.pk]
            )
    return TemplateResponse(
        request,
        "questionbank/history.html",
        {"topic": topic, "question": None, "entries": entries, "page": page, "pager": pager},
    )


def _labelled(diffs):
    for diff in diffs:
        diff.label = FIELD_LABELS.get(diff.field, diff.field)
    return diffs


@require_http_methods(["GET", "POST"])
@never_cache
def restore(request, slug: str, number: int, revision: int):
    """GET: what the restore would change, and a button; POST: restore (a new revision)."""
    question = get_question_for_curator(request, slug, number)
    target = get_object_or_404(Revision, pk=revision, question=question)
    history_url = reverse("questionbank:question_history", args=[slug, number])
    if request.method == "POST":
        done = revisions.restore(target, author=request.user)
        if done is None:
            messages.info(request, _("The question already reads as that revision."))
        else:
            messages.success(request, _("The revision was restored, as a new revision."))
        return redirect(history_url)
    current = revisions.question_snapshot(question, question.key_points.all())
    # What the restore changes: the restored parts and key points, not the number or archive.
    wanted = {**current, **{k: target.snapshot.get(k, current[k]) for k in _RESTORED_FIELDS}}
    return TemplateResponse(
        request,
        "questionbank/restore.html",
        {
            "topic": question.topic,
            "question": question,
            "target": target,
            "diffs": _labelled(diff_snapshots(current, wanted, yes_no=_yes_no())),
            "history_url": history_url,
        },
    )


@require_http_methods(["GET", "POST"])
@never_cache
def restore_topic(request, slug: str, revision: int):
    """GET: what restoring the topic's revision would change, and a button; POST: restore."""
    topic = get_topic_for_curator(request, slug)
    target = get_object_or_404(Revision, pk=revision, topic=topic, question__isnull=True)
    history_url = reverse("questionbank:topic_history", args=[slug])
    if request.method == "POST":
        done = revisions.restore_topic(target, author=request.user)
        if done is None:
            messages.info(request, _("The topic already reads as that revision."))
        else:
            messages.success(request, _("The revision was restored, as a new revision."))
        return redirect(history_url)
    current = revisions.topic_snapshot(topic, revisions.stored_bonus(topic))
    wanted = {**current, **{k: target.snapshot.get(k, current[k]) for k in _TOPIC_FIELDS}}
    return TemplateResponse(
        request,
        "questionbank/restore.html",
        {
            "topic": topic,
            "question": None,
            "target": target,
            "diffs": _labelled(diff_snapshots(current, wanted, yes_no=_yes_no())),
            "history_url": history_url,
        },
    )


_RESTORED_FIELDS = (*revisions.RESTORED, "key_points", "dropped_key_points")
_TOPIC_FIELDS = (*revisions.TOPIC_RESTORED, "bonus")
