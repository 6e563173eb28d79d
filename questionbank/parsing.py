"""Interview Markdown to a :class:`ParsedTopic`: the front door. Pure: no Django, no database.

A file is decoded and its front matter read (``readers/front_matter.py``), parsed once with
markdown-it-py (``readers/document.py``), and handed to the reader whose shape it fits best
(``readers/detect.py``): the seed format (``readers/seed.py``, DESIGN.md "The Markdown format")
or one of the other shapes real interview files come in (``readers/headings.py``,
``readers/lists.py``, ``readers/details.py``, ``readers/inline.py``, ``readers/bare.py``).

Problems are collected, never raised: ``errors`` reject the file, ``warnings`` do not, and each
names the line it concerns.
"""

from __future__ import annotations

import hashlib
import re

from questionbank import rendering
from questionbank.mdtokens import clean_title
from questionbank.parsed import (
    ParsedBonusCategory,
    ParsedKeyPoint,
    ParsedQuestion,
    ParsedSection,
    ParsedTopic,
    ParseResult,
)
from questionbank.problems import Problem
from questionbank.readers import detect
from questionbank.readers.answers import MAX_QUESTION_NUMBER
from questionbank.readers.base import SHAPE_NAMES
from questionbank.readers.document import Document
from questionbank.readers.front_matter import decode, strip_head
from questionbank.readers.topic import file_stem, meta_text, slugify
from scoring.keypoints import KEYPOINTS_VERSION

# Part of every file's and question's hash, with the renderer's and the key-point extractor's:
# a new version of any of them re-imports (and re-renders) files that did not change.
PARSER_VERSION = 6
VERSIONS = (
    f"parser-{PARSER_VERSION};renderer-{rendering.RENDERER_VERSION};keypoints-{KEYPOINTS_VERSION}"
)
DEFAULT_MAX_BYTES = 256 * 1024
# The lengths of Topic.slug and Topic.title: the readers cut longer ones to fit.
SLUG_MAX = 100
TITLE_MAX = 200


def content_hash(data: bytes, *, shape: str | None = None) -> str:
    """What decides "unchanged": the file's bytes, the parser that read them and the reading
    a curator chose for it, if any."""
    chosen = f"shape-{shape};" if shape else ""
    digest = hashlib.sha256(f"{VERSIONS};{chosen}".encode())
    digest.update(data)
    return digest.hexdigest()


def parse_topic(
    data: bytes,
    *,
    filename: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    digest: str | None = None,
    shape: str | None = None,
) -> ParseResult:
    """Parse one interview Markdown file. Never raises for bad input: see ``errors``.

    ``digest``: the file's :func:`content_hash` when the caller has it already. ``shape``: read
    the file as this shape (a reading a curator chose among ``readings``, which a file refused
    for its shape offers), past the detector's doubts; every other error still refuses it."""
    result = ParseResult(
        path=filename, content_hash=digest or content_hash(data, shape=shape), chosen_shape=shape
    )
    if shape is not None and shape not in SHAPE_NAMES:
        names = ", ".join(SHAPE_NAMES)
        result.errors.append(Problem("shape_unknown", shape=shape, names=names))
        return result
    if len(data) > max_bytes:
        result.errors.append(
            Problem("too_big", size=f"{len(data) / 1024:.0f}", limit=f"{max_bytes / 1024:.0f}")
        )
        return result
    text, problem = decode(data)
    if problem:
        result.errors.append(problem)
        return result
    lines = text.split("\n")
    meta, head_errors, head_warnings = strip_head(lines)
    result.errors.extend(head_errors)
    result.warnings.extend(head_warnings)
    if head_errors:
        return result
    if not "".join(lines).strip():
        result.errors.append(Problem("empty"))
        return result
    text = "\n".join(lines)
    doc = Document(text, result)
    doc.check()
    topic = detect.read(doc, meta, filename, shape=shape)
    if topic is None and result.errors and result.errors[-1].code in RETRY_SPACED:
        topic = _with_spaced_headings(doc, result, meta, filename, shape) or topic
    unsure = result.errors and all(p.code in UNSURE_REFUSALS for p in result.errors)
    if topic is None and shape is None and unsure:
        result.readings = detect.readings(doc)
    if not result.errors:
        result.topic = topic
        if topic is not None:
            result.warnings.extend(_cut_to_fit(topic, doc, meta, filename))
    return result


_SLUG_SEPARATORS = re.compile(r"[-\s_]+")


def _cut_to_fit(topic: ParsedTopic, doc: Document, meta: dict, filename: str) -> list[Problem]:
    """Warnings for a slug or title the reader cut to the database's length: said, not silent.

    The reader keeps only the cut value, so the full one is found again among the places it
    comes from (the H1, front matter, the file name): one longer that starts with it.
    """
    problems = []
    if len(topic.title) == TITLE_MAX:
        h1 = doc.h1()
        titles = [meta_text(meta, "title"), file_stem(filename)]
        if h1 is not None:
            titles.insert(0, clean_title(doc.heading_text(h1)))
        full = next((t for t in titles if len(t) > TITLE_MAX and t.startswith(topic.title)), "")
        if full:
            problems.append(Problem("title_cut", length=len(full), limit=TITLE_MAX))
    if len(topic.slug) == SLUG_MAX:
        for value in (meta_text(meta, "slug"), file_stem(filename)):
            full = _uncut_slug(value)
            if len(full) > SLUG_MAX and full.startswith(topic.slug):
                problems.append(
                    Problem("slug_cut", slug=topic.slug, length=len(full), limit=SLUG_MAX)
                )
                break
    return problems


def _uncut_slug(value: str) -> str:
    """slugify's slug without its cut to SLUG_MAX: slugified word by word, in pieces short
    enough never to be cut, then joined as slugify joins them."""
    words = (
        "".join(slugify(word[i : i + SLUG_MAX]) for i in range(0, len(word), SLUG_MAX))
        for word in _SLUG_SEPARATORS.split(value)
    )
    return "-".join(filter(None, words))


# Refusals about the file's shape and a reading's doubts: a second reading, with "###1.1 q"
# taken as the heading it is meant to be, may turn them into an import, and a curator may
# choose a reading past them (the detector's two lists, one place).
UNSURE_REFUSALS = tuple(dict.fromkeys((*detect.SHAPE_REFUSALS, *detect.DOUBTS)))
# ...and a chosen reading that finds no questions may find them in "###1.1 q" headings too.
RETRY_SPACED = (*UNSURE_REFUSALS, "chosen_not_found")
_UNSPACED_HEADING = re.compile(r"^(#{1,6})(?=[^\s#!])", re.M)
MIN_UNSPACED = 3


def _with_spaced_headings(
    doc: Document, result: ParseResult, meta: dict, filename: str, shape: str | None
):
    """Read again with a space after the '#'s of '###1.1 q' lines (CommonMark wants one,
    many authors leave it out), as the detector decides or as ``shape`` (a chosen reading);
    kept only if the file then reads well, with a warning."""
    if len(_UNSPACED_HEADING.findall(doc.text, 0)) < MIN_UNSPACED:
        return None  # nothing to gain: no second parse
    lines = doc.lines[:]
    fenced = doc.fenced_lines()
    changed = 0
    for n, line in enumerate(lines):
        if n not in fenced and _UNSPACED_HEADING.match(line):
            lines[n] = _UNSPACED_HEADING.sub(r"\1 ", line, count=1)
            changed += 1
    if changed < MIN_UNSPACED:
        return None
    second = ParseResult(path=result.path)
    retry = Document("\n".join(lines), second)
    retry.check()
    topic = detect.read(retry, meta, filename, shape=shape)
    if topic is None or second.errors:
        return None
    result.errors.clear()
    result.warnings[:] = [*second.warnings,
                          Problem("headings_unspaced", None, count=changed)]  # fmt: skip
    return topic


def sniff_slug(data: bytes, *, filename: str) -> str | None:
    """The slug a file would import as, read cheaply (front matter and file name only).

    Only used to find the stored topic for the unchanged-file check; the full parse decides.
    """
    head = data[:8192].removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="ignore")
    meta, _errors, _warnings = strip_head(
        head.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    )
    stem = file_stem(filename)
    return slugify(meta_text(meta, "slug")) or slugify(stem) or None


__all__ = [
    "DEFAULT_MAX_BYTES",
    "MAX_QUESTION_NUMBER",
    "PARSER_VERSION",
    "SLUG_MAX",
    "TITLE_MAX",
    "VERSIONS",
    "ParseResult",
    "ParsedBonusCategory",
    "ParsedKeyPoint",
    "ParsedQuestion",
    "ParsedSection",
    "ParsedTopic",
    "content_hash",
    "parse_topic",
    "slugify",
    "sniff_slug",
]
