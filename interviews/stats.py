"""Data for the statistics pages: a fixed number of queries whatever the data size.

Each page reads its rows in one pass over ``values_list`` (numbers only, no model instances) and
the labels it shows in one more query; ``interviews.stats_math`` does the arithmetic. Only final
scores count: live interviews that were completed (``interviews.calibration.final_scores`` uses
the same rule), with the bank question they asked still in the bank.

Panels (issue 13): ``peer_pairs`` reads the submitted scores of panel members who scored the
same answer (one query), for each interviewer's severity against peers.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connections
from django.db.models import (
    BooleanField,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce

from interviews import stats_math
from interviews.models import Amendment, Interview, InterviewQuestion, MemberScore
from interviews.stats_math import InterviewerStats, PeerPair, QuestionStats
from questionbank.models import Question


def min_shared() -> int:
    """Shared answers (or scores) a severity, a kappa or a flag needs before it is shown."""
    return settings.STATS_MIN_SHARED


def _fetch(rows: QuerySet) -> list[tuple]:
    """A ``values_list`` queryset's rows as the database returns them: its SQL run directly,
    without Django's per-row converters (for 10,000 rows they cost more than the query). Only
    for columns that come back as they are: numbers (cast to float where Decimal or JSON) and
    text."""
    sql, params = rows.query.sql_with_params()
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _finished_slots():
    return InterviewQuestion.objects.filter(
        interview__mode=Interview.Mode.LIVE,
        interview__status=Interview.Status.COMPLETED,
        question__isnull=False,
    )


def _scored():
    """Final scores, each with the interviewer who gave it (the one who scored it, else the
    interview's owner)."""
    return (
        _finished_slots()
        .filter(state=InterviewQuestion.State.ASKED, score__isnull=False)
        .annotate(scorer=Coalesce(F("score_by"), F("interview__owner")))
    )


# --- Questions -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuestionLabel:
    pk: int
    number: int
    text: str
    topic_slug: str
    topic_title: str
    archived: bool


@dataclass(frozen=True, slots=True)
class QuestionRow:
    label: QuestionLabel
    stats: QuestionStats


def question_rows() -> list[QuestionRow]:
    """Every question asked (or skipped) in a finished interview, the flagged ones first, then
    the most asked. Two queries."""
    slots = _finished_slots().filter(
        state__in=[InterviewQuestion.State.ASKED, InterviewQuestion.State.NOT_ASKED]
    )
    # Rows in ItemRow's order, straight from the database.
    rows = _fetch(
        slots.annotate(
            asked=ExpressionWrapper(
                Q(state=InterviewQuestion.State.ASKED), output_field=BooleanField()
            ),
            score_float=Cast("score", FloatField()),
        ).values_list(
            "interview_id", "question_id", "asked", "score_float", "seconds_spent", "time_limit"
        )
    )
    found = stats_math.question_stats(rows, min_n=min_shared())
    labels = {
        pk: QuestionLabel(pk, number, text, slug, title, archived)
        for pk, number, text, slug, title, archived in Question.objects.filter(
            pk__in=slots.values("question_id")
        ).values_list("pk", "number", "text_plain", "topic__slug", "topic__title", "archived")
    }
    ordered = sorted(
        (QuestionRow(labels[pk], item) for pk, item in found.items() if pk in labels),
        key=lambda row: (
            not row.stats.flags,
            -row.stats.asked,
            row.label.topic_title,
            row.label.number,
        ),
    )
    return ordered


# --- Interviewers ----------------------------------------------------------------------------


def peer_pairs(interviewer: int | None = None) -> list[PeerPair]:
    """Pairs of panel members' scores on the same answer: for each answer scored by two members
    A and B, both (A, B) and (B, A), so each member's severity against peers reads from its own
    rows. ``interviewer`` restricts to pairs where that member is the first.

    ONE query over MemberScore rows of submitted seats (a blind score is nobody's business until
    submitted) on asked questions of completed live interviews whose bank question still exists
    (the rule of ``_finished_slots``), ordered by answer and grouped here. A seat's latest
    Amendment replaces its submitted score (a correlated subquery in the same query): the
    severity is about the score the member stands by.
    """
    latest = Amendment.objects.filter(member=OuterRef("member"), item=OuterRef("item")).order_by(
        "-created_at", "-pk"
    )
    rows = MemberScore.objects.filter(
        member__submitted_at__isnull=False,
        member__user__isnull=False,
        score__isnull=False,
        item__state=InterviewQuestion.State.ASKED,
        item__question__isnull=False,
        item__interview__mode=Interview.Mode.LIVE,
        item__interview__status=Interview.Status.COMPLETED,
    )
    if interviewer is not None:
        mine = MemberScore.objects.filter(
            member__user=interviewer, member__submitted_at__isnull=False
        ).values("item_id")
        rows = rows.filter(item_id__in=mine)
    rows = (
        rows.annotate(
            final=Cast(Coalesce(Subquery(latest.values("score")[:1]), F("score")), FloatField())
        )
        .values_list("item_id", "member__user_id", "final")
        .order_by("item_id", "member_id")
    )
    pairs: list[PeerPair] = []
    by_answer: dict[int, list[tuple[int, float]]] = {}
    for answer, who, score in _fetch(rows):
        by_answer.setdefault(answer, []).append((who, float(score)))
    for answer, scores in by_answer.items():
        for who, score in scores:
            if interviewer is not None and who != interviewer:
                continue
            pairs.extend(
                PeerPair(answer, who, peer, score, peer_score)
                for peer, peer_score in scores
                if peer != who
            )
    return pairs


@dataclass(frozen=True, slots=True)
class InterviewerLabel:
    pk: int
    name: str


@dataclass(frozen=True, slots=True)
class InterviewerRow:
    label: InterviewerLabel
    stats: InterviewerStats


def _answers(scored) -> list[tuple]:
    """Rows in ScoredAnswer's order, floats straight from the database."""
    rows = scored.annotate(
        score_float=Cast("score", FloatField()),
        suggested=Cast(KT("suggestion__score"), FloatField()),
    ).values_list("scorer", "score_float", "suggested", "topic_title")
    return _fetch(rows)


def _name(first: str, last: str, username: str) -> str:
    return f"{first} {last}".strip() or username


def interviewer_rows() -> list[InterviewerRow]:
    """Every interviewer with a final score, the harshest against the scorer first. Two queries
    (plus the peer pairs', none today)."""
    scored = _scored()
    found = stats_math.interviewer_stats(_answers(scored), peer_pairs(), min_n=min_shared())
    users = get_user_model().objects.filter(pk__in=found.keys())
    labels = {
        pk: InterviewerLabel(pk, _name(first, last, username))
        for pk, first, last, username in users.values_list(
            "pk", "first_name", "last_name", "username"
        )
    }
    rows = [InterviewerRow(labels[pk], item) for pk, item in found.items() if pk in labels]
    rows.sort(
        key=lambda row: (
            row.stats.vs_scorer.mean is None,
            row.stats.vs_scorer.mean or 0,
            row.label.name,
        )
    )
    return rows


def interviewer_detail(user) -> InterviewerStats:
    """One interviewer's statistics (``user`` already looked up by the access helper). One
    query (plus the peer pairs', none today)."""
    scored = _scored().filter(scorer=user.pk)
    found = stats_math.interviewer_stats(_answers(scored), peer_pairs(user.pk), min_n=min_shared())
    return found.get(user.pk) or InterviewerStats(user.pk)
