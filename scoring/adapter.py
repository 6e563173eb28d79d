"""Answer scoring for questions in the database: the one Django module of ``scoring``.

The glue between the ORM (the curators' glossary and contrast entries, the topics' questions,
the sessions' snapshots) and the pure engine (``scoring.suggest``).

Prepared references are cached per question snapshot (key points + weights + question text +
the topic's term statistics + glossary version), so a live console can call this on every
autosave for the price of the comparison itself.
"""

from __future__ import annotations

import time
from functools import lru_cache

from django.core.cache import cache
from django.db.models import Count, Max

from questionbank.models import ContrastEntry, GlossaryEntry, Question, Topic
from scoring.contradictions import Contrasts, builtin_contrasts
from scoring.suggest import (
    Glossary,
    Reference,
    Suggestion,
    TermStats,
    builtin_glossary,
    prepare,
    suggest,
    suggest_bonus,
)

CHECK_EVERY = 30  # seconds between looks at whether the glossary or a topic changed


LOCAL_SECONDS = 2.0  # and each process asks the shared cache at most this often

_local: dict[str, tuple[float, object]] = {}


def _shared_state(key: str, compute):
    """``cache.get_or_set(key, compute, CHECK_EVERY)``, remembered by this process for
    LOCAL_SECONDS: a console poll needs these states three or four times, and under load every
    round trip to Redis is a wait. A change made in another process reaches this one within
    LOCAL_SECONDS of reaching the cache."""
    now = time.monotonic()
    hit = _local.get(key)
    if hit is not None and hit[0] > now:
        return hit[1]
    value = cache.get_or_set(key, compute, CHECK_EVERY)
    _local[key] = (now + LOCAL_SECONDS, value)
    return value


def forget_local() -> None:
    """Forget what this process remembered (tests, after clearing the cache)."""
    _local.clear()


def _entries_state(model) -> tuple:
    """(last change, count) of a table of curators' scoring entries (glossary, contrasts).

    Looked at most every 30 s, shared by all processes through the cache, and forgotten at once
    when an entry is saved or deleted (forget_entries): suggestions are drafts, and the live
    console asks for one on every poll.
    """
    return _shared_state(
        f"scoring:{model._meta.model_name}-state",
        lambda: tuple(model.objects.aggregate(latest=Max("updated_at"), n=Count("id")).values()),
    )


def forget_entries(sender, **kwargs) -> None:
    key = f"scoring:{sender._meta.model_name}-state"
    _local.pop(key, None)
    cache.delete(key)


def current_glossary() -> Glossary:
    """The built-in glossary plus curators' entries; re-read only when an entry changes."""
    return _glossary(*_entries_state(GlossaryEntry))


@lru_cache(maxsize=4)
def _glossary(latest, count) -> Glossary:
    extra = "\n".join(GlossaryEntry.objects.values_list("names", flat=True)) if count else ""
    return builtin_glossary(extra)


def topic_stats(topic: Topic) -> TermStats:
    return _topic_stats(topic.pk, topic.content_hash, topic.updated_at)


@lru_cache(maxsize=64)
def _topic_stats(topic_id: int, content_hash: str, updated_at) -> TermStats:
    documents = []
    for text, answer in Question.objects.filter(topic_id=topic_id, archived=False).values_list(
        "text", "answer_plain"
    ):
        documents.append(f"{text}\n{answer}")
    return TermStats.build(documents)


def reference_for(question: Question, *, glossary: Glossary | None = None) -> Reference:
    key_points = [(kp.text, kp.weight) for kp in question.key_points.all()]
    return prepare(
        key_points,
        question=question.text,
        answer=question.answer_plain,
        title=question.answer_title,
        stats=topic_stats(question.topic),
        glossary=glossary or current_glossary(),
        contrasts=current_contrasts(),
    )


def suggest_for(question: Question, answer: str, *, glossary: Glossary | None = None) -> Suggestion:
    return suggest(answer, reference_for(question, glossary=glossary))


def bonus_hints(categories, answers: list[str]) -> dict[int, str]:
    """Bonus points the candidate's answers touched, as {bonus point id: evidence}: hints for
    the interviewer, who awards. ``categories`` come with their points and topic loaded."""
    points = [
        (point.pk, point.text, category.topic.slug)
        for category in categories
        for point in category.points.all()
    ]
    return topic_bonus_hints(points, answers)


def topic_bonus_hints(points, answers: list[str]) -> dict[int, str]:
    """``bonus_hints`` from ``(bonus point id, text, topic slug)`` rows (one query, no
    categories): what the live console's poll compares with what it shows. Each answer is
    matched once (scoring.suggest remembers it): a poll while the candidate types matches only
    the answer being typed."""
    answers = [answer for answer in answers if answer.strip()]
    hints: dict[int, str] = {}
    if not answers:
        return hints
    by_topic: dict[str, dict[str, int]] = {}
    for pk, text, slug in points:
        by_topic.setdefault(slug, {}).setdefault(text, pk)
    for slug, ids in by_topic.items():
        for hint in suggest_bonus(
            answers, list(ids), stats=stats_for_slug(slug), glossary=current_glossary()
        ):
            hints[ids[hint.bonus_point]] = hint.evidence
    return hints


def current_contrasts() -> Contrasts:
    """The built-in contrasts with curators' entries; re-read only when an entry changes."""
    return _contrasts(*_entries_state(ContrastEntry))


@lru_cache(maxsize=4)
def _contrasts(latest, count) -> Contrasts:
    if not count:
        return builtin_contrasts()
    added, off = [], []
    for entry in ContrastEntry.objects.all():
        groups = entry.groups()
        if entry.action == ContrastEntry.Action.OFF:
            off.extend(name for names in groups for name in names)
        else:
            added.append(tuple(tuple(names) for names in groups))
    return builtin_contrasts(tuple(added), tuple(sorted(off)))


def forget_topic(sender=None, instance=None, **kwargs) -> None:
    if instance is not None:
        _local.pop(f"scoring:topic-state:{instance.slug}", None)
        cache.delete(f"scoring:topic-state:{instance.slug}")


def stats_for_slug(slug: str) -> TermStats | None:
    key = _shared_state(
        f"scoring:topic-state:{slug}",
        lambda: (
            Topic.objects.filter(slug=slug).values_list("pk", "content_hash", "updated_at").first()
        ),
    )
    return _topic_stats(*key) if key is not None else None


def suggest_for_item(item, answer: str) -> Suggestion:
    """A suggestion for an answer to a session question, from the session's own snapshot."""
    reference = prepare(
        item.key_point_pairs(),
        question=item.text,
        answer=item.answer_plain,
        title=item.answer_title,
        stats=stats_for_slug(item.topic_slug),
        glossary=current_glossary(),
        contrasts=current_contrasts(),
    )
    return _suggest_once(answer, reference)


# The console's poll, a tick's reply and the next poll score the same answer against the same
# prepared reference: the first call does the work. Suggestions are never changed after this.
_suggest_once = lru_cache(maxsize=256)(suggest)
