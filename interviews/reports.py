"""The scorecard: per-question scores, the weighted total, bonus points and the level estimate."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from interviews.models import Answer, BonusAward, Interview, InterviewQuestion
from scoring.adapter import suggest_for_item


@dataclass
class Row:
    item: InterviewQuestion
    covered: list[str]
    missing: list[str]
    suggested: bool = False  # covered/missing come from the scorer: nobody ticked the list

    @property
    def asked(self) -> bool:
        return self.item.state != InterviewQuestion.State.NOT_ASKED


@dataclass
class Scorecard:
    interview: Interview
    rows: list[Row]
    awards_by_category: list[tuple[str, list[BonusAward]]]
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


def scorecard(interview: Interview) -> Scorecard:
    items = list(interview.questions.order_by("position"))
    awards = list(interview.bonus_awards.all())
    rows = []
    total = maximum = Decimal(0)
    answers = dict(
        Answer.objects.filter(interview_question__interview=interview).values_list(
            "interview_question_id", "text"
        )
    )
    for item in items:
        item.interview = interview
        texts = [kp["text"] for kp in item.key_points]
        ticked = set(item.ticked)
        suggested = False
        if not ticked and answers.get(item.pk, "").strip():
            result = suggest_for_item(item, answers[item.pk])
            ticked = {i for i, kp in enumerate(result.key_points) if kp.covered}
            suggested = True
        rows.append(
            Row(
                item,
                covered=[t for i, t in enumerate(texts) if i in ticked],
                missing=[t for i, t in enumerate(texts) if i not in ticked],
                suggested=suggested,
            )
        )
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
    return card


def as_csv(card: Scorecard) -> str:
    """One row per question, for spreadsheets (the interviewer's own export: notes included)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "position",
            "topic",
            "number",
            "question",
            "state",
            "score",
            "weight",
            "covered key points",
            "missing key points",
            "seconds",
            "notes",
        ]
    )
    for row in card.rows:
        item = row.item
        writer.writerow(
            [
                item.position + 1,
                item.topic_title,
                item.number or "",
                item.text,
                item.state,
                "" if item.score is None else item.score,
                item.weight,
                "; ".join(row.covered),
                "; ".join(row.missing),
                item.seconds_spent,
                item.notes,
            ]
        )
    writer.writerow([])
    writer.writerow(["total", card.total, "max", card.maximum, "percent", card.percent])
    writer.writerow(["level", card.level, "bonus points", card.bonus_count])
    writer.writerow(["recommendation", card.interview.get_recommendation_display()])
    writer.writerow(["summary", card.interview.summary])
    for category, awards in card.awards_by_category:
        for award in awards:
            writer.writerow(["bonus", category, award.text, award.evidence])
    return out.getvalue()
