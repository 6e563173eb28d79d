"""The curators' history: a :class:`Revision` after every import, admin edit or restore of a
question or a topic, and going back to an earlier one.

A revision holds a snapshot of what the question (its text, answer, follow-ups, group, key
points, the extracted key points a curator deleted) or the topic (title, background, tags,
bonus points) looked like *after* the change; the difference with the revision before it is
computed when shown (:mod:`questionbank.revision_diff`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from questionbank.models import BonusCategory, KeyPoint, Question, Revision, Topic
from questionbank.revision_diff import FieldDiff, changed_fields, diff_snapshots

# The parts of a question a restore brings back. Not its number (that is where the file puts
# it) nor its archived flag (that is whether the file still has it).
RESTORED = ("group", "text", "answer_title", "answer_md", "follow_ups")


def question_snapshot(question: Question, key_points: Iterable[KeyPoint]) -> dict:
    return {
        "kind": "question",
        "number": question.number,
        "group": question.group,
        "text": question.text,
        "answer_title": question.answer_title,
        "answer_md": question.answer_md,
        "follow_ups": list(question.follow_ups),
        "archived": question.archived,
        "key_points": [
            {"text": p.text, "weight": p.weight, "source": p.source, "replaces": p.replaces}
            for p in sorted(key_points, key=lambda p: (p.position, p.pk or 0))
        ],
        "dropped_key_points": list(question.dropped_key_points),
    }


def topic_snapshot(topic: Topic, bonus: list[tuple[str, list[str]]]) -> dict:
    return {
        "kind": "topic",
        "title": topic.title,
        "slug": topic.slug,
        "background_md": topic.background_md,
        "tags": list(topic.tags),
        "difficulty": topic.difficulty,
        "language": topic.language,
        "practice_enabled": topic.practice_enabled,
        "archived": topic.archived,
        "bonus": [{"name": name, "items": list(items)} for name, items in bonus],
    }


def stored_bonus(topic: Topic) -> list[tuple[str, list[str]]]:
    categories = BonusCategory.objects.filter(topic=topic).prefetch_related("points")
    return [(c.name, [p.text for p in c.points.all()]) for c in categories]


def record_questions(
    questions: list[Question],
    *,
    source: str,
    origin: str,
    author=None,
    changes: dict[int, list[str]] | None = None,
) -> list[Revision]:
    """One revision per question, as they stand in the database now: two queries however many."""
    if not questions:
        return []
    points: dict[int, list[KeyPoint]] = {}
    for point in KeyPoint.objects.filter(question__in=questions).only(
        "question_id", "text", "weight", "source", "replaces", "position"
    ):
        points.setdefault(point.question_id, []).append(point)
    return Revision.objects.bulk_create(
        Revision(
            topic_id=q.topic_id,
            question=q,
            author=author,
            source=source,
            origin=origin[:255],
            changes=(changes or {}).get(q.pk, []),
            snapshot=question_snapshot(q, points.get(q.pk, [])),
        )
        for q in questions
    )


def record_question(question: Question, *, source: str, origin: str, author=None):
    """A revision of the question if it differs from its last one; the revision or None."""
    snapshot = question_snapshot(question, question.key_points.all())
    last = Revision.objects.filter(question=question).only("snapshot").first()
    changes = changed_fields(last.snapshot if last else None, snapshot)
    if last is not None and not changes:
        return None
    return Revision.objects.create(
        topic_id=question.topic_id,
        question=question,
        author=author,
        source=source,
        origin=origin[:255],
        changes=changes,
        snapshot=snapshot,
    )


def record_topic(
    topic: Topic, *, source: str, origin: str, author=None, bonus=None, new: bool = False
):
    """A revision of the topic (no question) if it differs from its last one (``new``: the
    topic was just created, it has none)."""
    snapshot = topic_snapshot(topic, stored_bonus(topic) if bonus is None else bonus)
    last = None
    if not new:
        last = Revision.objects.filter(topic=topic, question=None).only("snapshot").first()
    changes = ["new"] if new else changed_fields(last.snapshot if last else None, snapshot)
    if last is not None and not changes:
        return None
    return Revision.objects.create(
        topic=topic,
        author=author,
        source=source,
        origin=origin[:255],
        changes=changes,
        snapshot=snapshot,
    )


@transaction.atomic
def restore(revision: Revision, *, author) -> Revision | None:
    """Put the question back as the revision had it (not its number or archived flag: those
    follow the file); the restore is itself a new revision. None if nothing changed."""
    question = Question.objects.select_for_update().get(pk=revision.question_id)
    snapshot = revision.snapshot
    for name in RESTORED:
        setattr(question, name, snapshot.get(name, getattr(question, name)))
    question.answer_title = question.answer_title[:300]
    question.group = question.group[:200]
    question.dropped_key_points = list(snapshot.get("dropped_key_points", []))
    question.refresh_derived()
    question.save()
    KeyPoint.objects.filter(question=question).delete()
    KeyPoint.objects.bulk_create(
        KeyPoint(
            question=question,
            text=point["text"][:300],
            weight=point.get("weight", 1),
            position=position,
            source=point.get("source", KeyPoint.Source.CURATOR),
            replaces=point.get("replaces", "")[:300],
        )
        for position, point in enumerate(snapshot.get("key_points", []))
    )
    return record_question(
        question, source=Revision.Source.RESTORE, origin=f"#{revision.pk}", author=author
    )


@dataclass
class Entry:
    """One revision on the history page, with its difference from the one before it."""

    revision: Revision
    diffs: list[FieldDiff]
    first: bool  # no earlier revision of the same question or topic: everything is "added"
    latest: bool  # the question or topic as it stands


def entries(revisions: list[Revision], *, yes_no=("yes", "no")) -> list[Entry]:
    """Newest first, each compared with the previous revision of the same question (or of the
    topic). ``revisions``: newest first; the oldest shown is compared with nothing."""
    result: list[Entry] = []
    older: dict[int | None, Revision] = {}
    seen: set[int | None] = set()
    for revision in reversed(revisions):
        chain = revision.question_id
        before = older.get(chain)
        result.append(
            Entry(
                revision,
                diff_snapshots(
                    before.snapshot if before else None, revision.snapshot, yes_no=yes_no
                ),
                first=before is None,
                latest=False,
            )
        )
        older[chain] = revision
    result.reverse()
    for entry in result:
        chain = entry.revision.question_id
        if chain not in seen:
            entry.latest = True
            seen.add(chain)
    return result
