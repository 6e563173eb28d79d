"""What every reader of an interview file produces: a :class:`ParseResult` holding a
:class:`ParsedTopic`. Pure: no Django, no database."""

from __future__ import annotations

from dataclasses import dataclass, field

from questionbank.problems import Problem


@dataclass
class ParsedKeyPoint:
    text: str
    weight: int = 1


@dataclass
class ParsedQuestion:
    number: int
    text: str
    line: int
    text_html: str = ""
    follow_ups: list[str] = field(default_factory=list)
    answer_title: str = ""
    answer_md: str = ""
    answer_html: str = ""
    answer_plain: str = ""
    answer_line: int | None = None
    key_points: list[ParsedKeyPoint] = field(default_factory=list)
    key_points_explicit: bool = False
    # The section the question stands under ("Docker", "一、基础"); numbers may restart per group.
    group: str = ""

    @property
    def has_answer(self) -> bool:
        return bool(self.answer_md.strip())


@dataclass
class ParsedSection:
    """A project-experience scenario or a topic note."""

    title: str
    body_md: str
    body_html: str
    line: int


@dataclass
class ParsedBonusCategory:
    name: str
    items: list[str]
    line: int


@dataclass
class ParsedTopic:
    slug: str
    title: str
    background_md: str = ""
    background_html: str = ""
    tags: list[str] = field(default_factory=list)
    difficulty: str = ""
    language: str = "zh"  # the heading vocabulary the file uses; export writes the same
    questions: list[ParsedQuestion] = field(default_factory=list)
    experiences: list[ParsedSection] = field(default_factory=list)
    bonus: list[ParsedBonusCategory] = field(default_factory=list)
    notes: list[ParsedSection] = field(default_factory=list)
    # Which reader understood the file ("seed", "headings", "list", "details", "inline", "bare",
    # "sections", "single", "table": questionbank.importing.SHAPE_LABELS)
    # and why it was chosen ("41 `##` headings, 38 followed by prose").
    shape: str = "seed"
    shape_evidence: str = ""


@dataclass
class ParseResult:
    path: str
    content_hash: str = ""
    topic: ParsedTopic | None = None
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    # A file refused for its shape: the readings a curator may choose between
    # (questionbank.readers.detect.Reading). The reading chosen, when a file was read as one.
    readings: list = field(default_factory=list)
    chosen_shape: str | None = None

    @property
    def ok(self) -> bool:
        return not self.errors and self.topic is not None

    def as_dict(self) -> dict:
        """The import contract's per-file JSON shape (without the summary)."""
        data: dict = {
            "path": self.path,
            "ok": self.ok,
            "errors": list(self.errors),
            "warnings": list(self.warnings),
            "shape": self.topic.shape if self.topic is not None else None,
            "topic": None,
        }
        if not self.ok:
            data["readings"] = [
                {
                    "shape": r.shape,
                    "evidence": r.evidence,
                    "questions": r.questions,
                    "answered": r.answered,
                    "first_questions": list(r.first_questions),
                }
                for r in self.readings
            ]
        if self.topic is not None:
            topic = self.topic
            data["topic"] = {
                "slug": topic.slug,
                "title": topic.title,
                "background": topic.background_md,
                "questions": [
                    {
                        "number": q.number,
                        "group": q.group,
                        "text": q.text,
                        "answer_title": q.answer_title,
                        "has_answer": q.has_answer,
                        "key_points": [kp.text for kp in q.key_points],
                        "follow_ups": list(q.follow_ups),
                    }
                    for q in topic.questions
                ],
                "experiences": [{"title": e.title} for e in topic.experiences],
                "bonus": [{"category": c.name, "items": list(c.items)} for c in topic.bonus],
                "notes": [{"title": n.title} for n in topic.notes],
            }
        return data
