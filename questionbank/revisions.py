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

from questionbank.models import BonusCategory, BonusPoint, KeyPoint, Question, Revision, Topic
from questionbank.revision_diff import FieldDiff, changed_fields, diff_snapshots

# The parts of a question a restore brings back. Not its number (that is where the file puts
# it) nor its archived flag (that is whether the file still has it).
RESTORED = ("group", "text", "answer_title", "answer_md", "follow_ups")
# The parts of a topic a restore brings back (with its bonus points). Not its slug (its address
# and the file's), its archive state or whether it is open for practice (the curators' switches,
# each with its own admin action or box).
TOPIC_RESTORED = ("title", "background_md", "tags", "difficulty", "language")


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


@transaction.atomic
def restore_topic(revision: Revision, *, author) -> Revision | None:
    """Put the topic's title, background, tags, difficulty, heading language and bonus points
    back as the revision had them; a new revision. None if nothing changed."""
    topic = Topic.objects.select_for_update().get(pk=revision.topic_id)
    snapshot = revision.snapshot
    for name in TOPIC_RESTORED:
        setattr(topic, name, snapshot.get(name, getattr(topic, name)))
    topic.title = str(topic.title)[:200]
    topic.difficulty = str(topic.difficulty)[:30]
    if topic.language not in ("zh", "en"):
        topic.language = "zh"
    topic.refresh_derived()
    topic.save()
    bonus = [
        (str(item.get("name", ""))[:200], [str(text) for text in item.get("items", [])])
        for item in snapshot.get("bonus", [])
    ]
    if "bonus" in snapshot and bonus != stored_bonus(topic):  # a snapshot without: leave them
        BonusCategory.objects.filter(topic=topic).delete()
        for position, (name, items) in enumerate(bonus):
            category = BonusCategory.objects.create(topic=topic, name=name, position=position)
            BonusPoint.objects.bulk_create(
                BonusPoint(category=category, text=text, position=n) for n, text in enumerate(items)
            )
    return record_topic(
        topic, source=Revision.Source.RESTORE, origin=f"#{revision.pk}", author=author
    )


@dataclass
class Entry:
    """One revision on the history page, with its difference from the one before it."""

    revision: Revision
    diffs: list[FieldDiff]
    first: bool  # no earlier revision of the same question or topic: everything is "added"
    latest: bool  # the question or topic as it stands


def entries(
    revisions: list[Revision],
    *,
    yes_no=("yes", "no"),
    older: dict[int | None, Revision] | None = None,
    latest: set[int] | None = None,
) -> list[Entry]:
    """Newest first, each compared with the previous revision of the same question (or of the
    topic). ``revisions``: newest first, one page of a history; ``older``: per question id (None:
    the topic) the revision just before the page's oldest, if any (else that one is compared with
    nothing); ``latest``: the ids of the revisions that are the current state (by default, on a
    first page, the newest of each question or topic shown)."""
    result: list[Entry] = []
    older = dict(older or {})
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
    if latest is None:
        latest = set()
        seen: set[int | None] = set()
        for entry in result:
            if entry.revision.question_id not in seen:
                latest.add(entry.revision.pk)
                seen.add(entry.revision.question_id)
    for entry in result:
        entry.latest = entry.revision.pk in latest
    return result
