"""The scorecard: per-question scores, the candidate's answers as typed, what the interviewer
ticked beside what the scorer found, the weighted total, bonus points and the level estimate."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from config.spreadsheet import to_csv
from interviews.models import (
    Amendment,
    Answer,
    BonusAward,
    Interview,
    InterviewQuestion,
    MemberScore,
    PanelMember,
)
from scoring.adapter import suggest_for_item


@dataclass
class Point:
    """One key point: did the interviewer tick it, did the scorer find it in the answer."""

    text: str
    ticked: bool
    found: bool


@dataclass
class Late:
    """Text that came after what was scored: an edit after the score, or typed past the end."""

    text: str
    at: datetime | None


@dataclass
class Typed:
    """The candidate's answer as the score is about it: the text when the interviewer scored it
    (or, never scored, as last saved), when it was saved, and what came later."""

    text: str
    saved_at: datetime | None
    scored: bool = False
    late: list[Late] = field(default_factory=list)


def typed_answer(answer: Answer | None) -> Typed | None:
    if answer is None:
        return None
    late = []
    if answer.scored_at is not None:
        typed = Typed(answer.scored_text, answer.scored_saved_at, scored=True)
        if answer.text != answer.scored_text:
            late.append(Late(answer.text, answer.saved_at))
    else:
        typed = Typed(answer.text, answer.saved_at)
    if answer.late_text and answer.late_text not in (answer.text, typed.text):
        late.append(Late(answer.late_text, answer.late_at))
    typed.late = late
    if not typed.text.strip() and not late:
        return None
    return typed


@dataclass
class Row:
    item: InterviewQuestion
    points: list[Point]
    answer: Typed | None = None
    suggested_score: float | None = None  # the scorer's score for the answer shown
    # A decided panel: each submitted seat's (score, amended?) in Scorecard.panel's order.
    panel_scores: list[tuple[Decimal | None, bool]] = field(default_factory=list)

    @property
    def asked(self) -> bool:
        return self.item.state != InterviewQuestion.State.NOT_ASKED

    @property
    def ticked(self) -> list[str]:
        return [p.text for p in self.points if p.ticked]

    @property
    def found(self) -> list[str]:
        return [p.text for p in self.points if p.found]

    @property
    def any_ticked(self) -> bool:
        return any(p.ticked for p in self.points)


@dataclass
class PanelSeat:
    """One submitted seat of a decided panel, as the scorecard shows it."""

    name: str
    is_lead: bool
    recommendation: str  # its display label
    summary: str


@dataclass
class Scorecard:
    interview: Interview
    rows: list[Row]
    awards_by_category: list[tuple[str, list[BonusAward]]]
    panel: list[PanelSeat] = field(default_factory=list)
    total: Decimal = Decimal(0)
    maximum: Decimal = Decimal(0)
    level: str = ""
    bonus_count: int = 0
    seconds: int = 0

    @property
    def percent(self) -> int | None:
        if not self.maximum:
            return None
        return round(self.total * 100 / self.maximum)


def level_for(percent: int | None, bonus_count: int, levels=None) -> str:
    """The first level from the top whose baseline and bonus thresholds are both met."""
    if percent is None:
        return ""
    for level in levels or settings.INTERVIEW_LEVELS:
        if percent >= level["min_percent"] and bonus_count >= level["min_bonus"]:
            return level["name"]
    return ""


def _suggestion(item: InterviewQuestion, answer: Answer | None, typed: Typed | None):
    """(covered key-point indexes, score) the scorer gives the answer shown: the suggestion kept
    when the interview ended if it was about that very text, else worked out now."""
    if typed is None:
        return set(), None
    stored = item.suggestion
    if stored and answer is not None and typed.text == answer.text:
        covered = {i for i, kp in enumerate(stored.get("key_points", ())) if kp.get("covered")}
        return covered, stored.get("score")
    result = suggest_for_item(item, typed.text)
    return {i for i, kp in enumerate(result.key_points) if kp.covered}, result.score


def _panel(interview: Interview, rows: list[Row]) -> list[PanelSeat]:
    """Once the lead has decided, each submitted seat's scores beside the final ones (latest
    amendment winning). Before that nothing (and no query): seats are blind until the debrief,
    and a solo interview has no ``decided_at``."""
    if interview.decided_at is None:
        return []
    seats = list(
        PanelMember.objects.filter(interview=interview, submitted_at__isnull=False)
        .select_related("user")
        .order_by("created_at", "pk")
    )
    if not seats:
        return []
    found = {
        (member, item): score
        for member, item, score in MemberScore.objects.filter(member__in=seats).values_list(
            "member_id", "item_id", "score"
        )
    }
    amended = set()
    for member, item, score in (
        Amendment.objects.filter(member__in=seats)
        .order_by("created_at", "pk")
        .values_list("member_id", "item_id", "score")
    ):
        found[member, item] = score
        amended.add((member, item))
    for row in rows:
        row.panel_scores = [
            (found.get((seat.pk, row.item.pk)), (seat.pk, row.item.pk) in amended) for seat in seats
        ]
    return [
        PanelSeat(
            _name(seat.user),
            seat.is_lead,
            seat.get_recommendation_display(),
            seat.summary,
        )
        for seat in seats
    ]


def scorecard(interview: Interview) -> Scorecard:
    items = list(interview.questions.order_by("position"))
    awards = list(interview.bonus_awards.filter(member=None))
    answers = {
        a.interview_question_id: a
        for a in Answer.objects.filter(interview_question__interview=interview)
    }
    rows = []
    total = maximum = Decimal(0)
    for item in items:
        item.interview = interview
        answer = answers.get(item.pk)
        typed = typed_answer(answer)
        found, suggested_score = _suggestion(item, answer, typed)
        ticked = set(item.ticked)
        points = [
            Point(kp["text"], ticked=i in ticked, found=i in found)
            for i, kp in enumerate(item.key_points)
        ]
        rows.append(Row(item, points, answer=typed, suggested_score=suggested_score))
        if item.state != InterviewQuestion.State.NOT_ASKED and item.score is not None:
            total += item.score * item.weight
            maximum += 5 * item.weight
    by_category: dict[str, list[BonusAward]] = {}
    for award in awards:
        by_category.setdefault(award.category, []).append(award)
    card = Scorecard(
        interview,
        rows,
        list(by_category.items()),
        total=total,
        maximum=maximum,
        bonus_count=len(awards),
        seconds=sum(item.seconds_spent for item in items),
    )
    card.level = level_for(card.percent, card.bonus_count)
    card.panel = _panel(interview, rows)
    return card


def _when(moment: datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S") if moment else ""


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def csv_rows(card: Scorecard) -> list[list]:
    """One row per question, for spreadsheets (the interviewer's own export: notes included),
    under title rows that say which interview it is."""
    interview = card.interview
    rows: list[list] = [
        ["interview", interview.title],
        ["candidate", _name(interview.candidate)],
        ["interviewer", _name(interview.owner)],
        ["date", _when(interview.started_at or interview.scheduled_at)],
        [],
        [
            "position",
            "topic",
            "number",
            "question",
            "state",
            "score",
            "weight",
            "suggested score",
            "ticked by the interviewer",
            "found by the scorer",
            "answer",
            "answer saved at",
            "late",
            "late text",
            "late saved at",
            "seconds",
            "notes",
            *(f"panel: {seat.name}" for seat in card.panel),
        ],
    ]
    for row in card.rows:
        item = row.item
        typed = row.answer
        late = typed.late[-1] if typed and typed.late else None
        rows.append(
            [
                item.position + 1,
                item.topic_title,
                item.number or "",
                item.text,
                item.state,
                item.score,
                item.weight,
                row.suggested_score,
                "; ".join(row.ticked),
                "; ".join(row.found),
                typed.text if typed else "",
                _when(typed.saved_at) if typed else "",
                "yes" if late else "no",
                late.text if late else "",
                _when(late.at) if late else "",
                item.seconds_spent,
                item.notes,
                *(
                    "" if score is None else f"{score} (amended)" if changed else score
                    for score, changed in row.panel_scores
                ),
            ]
        )
    rows += [
        [],
        ["total", card.total, "max", card.maximum, "percent", card.percent],
        ["level", card.level, "bonus points", card.bonus_count],
        ["recommendation", interview.get_recommendation_display()],
        ["summary", interview.summary],
    ]
    for category, awards in card.awards_by_category:
        for award in awards:
            rows.append(["bonus", category, award.text, award.evidence])
    for seat in card.panel:
        role = "lead" if seat.is_lead else "member"
        rows.append(["panel", seat.name, role, seat.recommendation, seat.summary])
    return rows


def as_csv(card: Scorecard) -> str:
    return to_csv(csv_rows(card))
