"""A bare list of interview questions, no answers: imported as unanswered questions (usable in
interviews; scoring says there is no standard answer), with one warning saying how many."""

from __future__ import annotations

from questionbank.parsed import ParsedTopic
from questionbank.readers.base import Fit, Reader
from questionbank.readers.document import Document
from questionbank.readers.lists import plan_lists, read_items
from questionbank.readers.outline import coverage


class BareReader(Reader):
    shape = "bare"

    def fit(self, doc: Document) -> Fit | None:
        plan = plan_lists(doc)
        items = plan.items
        if len(items) < 2 or any(item.answered for item in items):
            return None
        evidence = (
            f"{plan.lists} list{'s' if plan.lists > 1 else ''} with {len(items)} items, "
            f"{plan.asks} worded as questions, none followed by an answer"
        )
        explained, gaps = coverage(doc, items, doc.cache.get("reference_lines"))
        return Fit(self.shape, plan.asks / len(items), explained, evidence,
                   questions=len(items), plan=items, gaps=gaps, doubts=plan.stray)  # fmt: skip

    def read(self, doc: Document, fit: Fit, topic: ParsedTopic) -> ParsedTopic | None:
        return read_items(doc, fit.plan, topic)
