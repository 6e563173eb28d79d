"""The bank's weak spots, for curators: near-duplicate questions across topics, questions without
a standard answer, with fewer than two key points, never asked in an interview, and flagged by
the statistics of interviews. Each list is bounded (``LIMIT``) and counted, in a fixed number of
queries whatever the bank's size.

Near duplicates (``questionbank.duplicates``) need every live question's text: they are
computed at most once per change of the bank (the questions' last update and count key the
cache), not on every visit.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Exists, Max, OuterRef, Q

from questionbank.duplicates import Candidate, Pair, near_duplicates
from questionbank.models import Question

LIMIT = 50  # questions shown per list; the page says how many there are in all
DUPLICATES_TTL = 24 * 3600  # the key changes with the bank; this only bounds an idle entry


@dataclass(frozen=True)
class StatisticsFlag:
    """A question the statistics of interviews single out, and why, in the curator's words
    (e.g. "scores spread widely between interviewers", "almost nobody covers key point 2")."""

    question_id: int
    reason: str


# Hook for the statistics of interviews (issue 14, item 5: "flagged by the statistics of
# interviews"). The analysis belongs to the interview statistics (interviews/stats.py), not to
# the bank: a source is a function called with the number of flags wanted that returns
# StatisticsFlag items, best first, in a fixed number of queries; ``register_statistics_source``
# adds one (e.g. from an AppConfig.ready()). The page lists the flags with their questions (one
# more query when there are any) and says so when no source is registered. One source is built
# in: ``interview_statistics`` below, reading interviews.stats.question_rows() (two queries).
StatisticsSource = Callable[[int], Iterable[StatisticsFlag]]
_statistics_sources: list[StatisticsSource] = []


def register_statistics_source(source: StatisticsSource) -> None:
    if source not in _statistics_sources:
        _statistics_sources.append(source)


def statistics_sources() -> tuple[StatisticsSource, ...]:
    return tuple(_statistics_sources)


def interview_statistics(limit: int) -> list[StatisticsFlag]:
    """The questions interviews.stats flags (everyone aces it, everyone fails it, it does not
    tell candidates apart), the most asked first."""
    from django.utils.translation import gettext

    from interviews import stats
    from interviews.stats_math import ACES, FAILS, FLAT

    labels = {
        ACES: gettext("everyone aces it"),
        FAILS: gettext("everyone fails it"),
        FLAT: gettext("does not discriminate"),
    }
    flagged = [row for row in stats.question_rows() if row.stats.flags][:limit]
    return [
        StatisticsFlag(row.label.pk, ", ".join(labels.get(flag, flag) for flag in row.stats.flags))
        for row in flagged
    ]


register_statistics_source(interview_statistics)


def _live():
    return Question.objects.filter(archived=False, topic__archived=False)


def _listed(queryset) -> dict:
    """The first LIMIT questions of a list, with their topics, and how many there are."""
    rows = list(
        queryset.select_related("topic")
        .only("number", "text_plain", "topic__slug", "topic__title")
        .order_by("topic__title", "number")[:LIMIT]
    )
    return {"questions": rows, "total": queryset.count()}


def without_answer() -> dict:
    return _listed(_live().filter(answer_md=""))


def few_key_points() -> dict:
    counted = _live().annotate(points=Count("key_points")).filter(points__lt=2)
    return _listed(Question.objects.filter(pk__in=counted.values("pk")))


def never_asked() -> dict:
    from interviews.models import InterviewQuestion

    asked = InterviewQuestion.objects.filter(
        question=OuterRef("pk"), state=InterviewQuestion.State.ASKED
    )
    return _listed(_live().filter(~Exists(asked)))


def flagged_by_statistics() -> dict:
    """Flags from the registered statistics sources, with their questions; none registered: []."""
    flags = [flag for source in _statistics_sources for flag in source(LIMIT)][:LIMIT]
    if not flags:
        return {"flags": [], "connected": bool(_statistics_sources)}
    by_id = _live().select_related("topic").in_bulk([flag.question_id for flag in flags])
    rows = [(by_id[flag.question_id], flag.reason) for flag in flags if flag.question_id in by_id]
    return {"flags": rows, "connected": True}


@dataclass(frozen=True)
class DuplicatePair:
    first: Question
    second: Question
    similarity: float
    shared: tuple[str, ...]


def _bank_state() -> tuple:
    state = Question.objects.aggregate(
        latest=Max("updated_at"), n=Count("pk"), live=Count("pk", filter=Q(archived=False))
    )
    return tuple(str(value) for value in state.values())


def _pairs(names_of) -> list[Pair]:
    questions = _live().values_list("pk", "text_plain", "topic_id")
    candidates = [Candidate(pk, text, str(topic)) for pk, text, topic in questions]
    return near_duplicates(candidates, names_of, limit=LIMIT)


def duplicates() -> list[DuplicatePair]:
    """Near-duplicate pairs of live questions in different topics, most similar first."""
    from scoring.adapter import current_glossary  # the glossary scoring uses, curators' included

    glossary = current_glossary()
    version = hashlib.sha1("\n".join(glossary.sources).encode()).hexdigest()[:16]
    state = hashlib.sha1("|".join((*_bank_state(), version)).encode()).hexdigest()
    key = f"questionbank:duplicates:{state}"
    pairs = cache.get(key)
    if pairs is None:
        pairs = _pairs(glossary.with_vocabulary().names_of)
        cache.set(key, pairs, DUPLICATES_TTL)
    ids = {pk for pair in pairs for pk in (pair.first, pair.second)}
    by_id = (
        Question.objects.select_related("topic")
        .only("number", "text_plain", "topic__slug", "topic__title")
        .in_bulk(ids)
        if ids
        else {}
    )
    return [
        DuplicatePair(by_id[p.first], by_id[p.second], p.similarity, p.shared)
        for p in pairs
        if p.first in by_id and p.second in by_id
    ]
