"""Which reader understands a file: each reader reports its fit, the best one reads the file,
and a file no reader explains well is refused with a message naming what it does look like."""

from __future__ import annotations

from questionbank.parsed import ParsedTopic
from questionbank.readers.base import Fit, Reader
from questionbank.readers.document import Document
from questionbank.readers.seed import SeedReader
from questionbank.readers.topic import start_topic

READERS: tuple[Reader, ...] = (SeedReader(),)


def fits(doc: Document) -> list[Fit]:
    found = [fit for reader in READERS if (fit := reader.fit(doc)) is not None]
    return sorted(found, key=lambda f: f.score * f.explained, reverse=True)


def read(doc: Document, meta: dict, filename: str) -> ParsedTopic | None:
    """The topic in ``doc``, or None with the reason among ``doc.result.errors``."""
    topic = start_topic(doc, meta, filename)
    if topic is None:
        return None
    found = fits(doc)
    if not found:
        h1 = doc.h1()
        doc.error(doc.line_of(h1) if h1 is not None else 1, "no_question_section")
        return None
    best = found[0]
    reader = next(r for r in READERS if r.shape == best.shape)
    topic.shape, topic.shape_evidence = best.shape, best.evidence
    return reader.read(doc, best, topic)
