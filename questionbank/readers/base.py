"""The one interface every shape reader implements, and the fit it reports to the detector."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from questionbank.parsed import ParsedTopic
from questionbank.readers.document import Document

# A reading (of a whole file, or of a file section by section) must explain at least this share
# of the file's lines.
MIN_EXPLAINED = 0.6

# What each shape is called in messages and evidence.
SHAPE_NAMES = {
    "seed": "the seed format",
    "headings": "a heading per question",
    "list": "a list of questions with answers",
    "details": "<details> pairs",
    "inline": "question/answer markers",
    "bare": "a bare list of questions",
    "sections": "a section per question",
    "single": "one question",
    "table": "a table of questions",
}


@dataclass
class Fit:
    """How well a file fits one reader's shape.

    ``score`` (0-1) says how sure the reader is that this is its shape; ``explained`` (0-1) how
    much of the file's text the shape accounts for (questions, answers and the sections around
    them); ``evidence`` says why, in words a curator understands. ``plan`` is the reader's own
    notes for :meth:`Reader.read`, so nothing is looked for twice.
    """

    shape: str
    score: float
    explained: float
    evidence: str
    questions: int = 0
    answered: int = 0
    gaps: str = ""  # what the fit leaves unexplained, in words
    # (line, problem code, question text) of what this reading may count wrongly (a question it
    # leaves out, an answer it cuts off): a reason to refuse the file rather than import it.
    doubts: list[tuple[int, str, str]] = field(default_factory=list)
    plan: Any = field(default=None, repr=False)


class Reader:
    shape = ""

    def fit(self, doc: Document) -> Fit | None:
        """How well ``doc`` fits this shape; None when it does not at all."""
        raise NotImplementedError

    def read(self, doc: Document, fit: Fit, topic: ParsedTopic) -> ParsedTopic | None:
        """Fill ``topic`` (title, slug, tags are set) from ``doc``; problems go to ``doc``."""
        raise NotImplementedError
