"""Files that mix shapes, read section by section.

    # Docker
    ## Basics                         <- a section read as a bare list
    - What is a container?
    - What is an image?
    ## Advanced                       <- a section read as a heading per question
    ### How do multi-stage builds work?
    They copy artefacts from one stage into another.
    ## References                     <- a section without questions: a note
    Some prose.

When no single reading explains a file (``detect.py`` refused it for its shape, not for a
reading's doubt), the file is split at its
top-level sections (the shallowest heading level below the title that opens at least two
sections, and whose headings are not all worded or numbered as questions) and each section is
read (a run of sections whose headings are questions is read together, as one part) on
its own, as a small file of the file's title, the section's heading and its body, with the
reader that fits it best (never as our own format or as one question: a section alone is no file
of either). A section that a reading refuses for mixing shapes in turn is split again, one level
deeper. A section where no reading finds questions and nothing is shaped like one (only
paragraphs, quotes, tables, code) is a note of the topic; a section whose questions all stand in
other sections is a table of contents.

The file is still refused (with the whole-file reading's message) when any section has doubts,
is ambiguous or holds something shaped like a question that no reading takes, when no section
holds questions, or when the sections read as questions, with the notes, explain less of the
file than a single reading must. Notes count as explained only beside questions found by their
own markers (lists, ``<details>``, markers, tables), as for a single reading: beside question
headings, a heading with prose under it may be a question not worded as one. Every question
keeps the group its reader gave it, or else its section's title.
"""

from __future__ import annotations

import re

from questionbank import rendering
from questionbank.mdtokens import clean_title, heading_level
from questionbank.parsed import ParsedTopic, ParseResult
from questionbank.problems import Problem
from questionbank.readers.base import MIN_EXPLAINED, SHAPE_NAMES
from questionbank.readers.document import Document
from questionbank.readers.notes import NOTE_SHAPES, add_notes, is_prose_block
from questionbank.readers.outline import assign_numbers, content_lines, title_index, untagged
from questionbank.readers.topic import start_topic
from questionbank.readers.vocabulary import looks_like_question, split_number

# More sections than this are not read one by one (each is parsed again): refused as before.
MAX_SECTIONS = 60
# How many times a section that mixes shapes is split again, one heading level deeper.
MAX_DEPTH = 2


class _Refused(Exception):
    """A section that cannot be read: the whole file is refused."""


def split_level(doc: Document, start: int, end: int) -> int | None:
    """The shallowest heading level in [start, end) that opens two sections or more."""
    skip = title_index(doc)
    counts: dict[int, int] = {}
    for i in range(start, end):
        if i != skip and doc.is_heading(i):
            level = heading_level(doc.top[i])
            counts[level] = counts.get(level, 0) + 1
    for level in sorted(counts):
        if counts[level] >= 2:
            heads = [i for i in range(start, end) if i != skip and doc.is_heading(i)
                     and heading_level(doc.top[i]) == level]  # fmt: skip
            if all(_asks(clean_title(untagged(doc.heading_text(i)))) for i in heads):
                return None  # the headings are questions: their sections are answers
            return level
    return None


def _asks(title: str) -> bool:
    """A heading worded or numbered as a question ("为什么…？", "第3题", "Q3", "3. How…"),
    not a group ("一、基础", "Kubernetes Questions")."""
    _number, kind, rest = split_number(title)
    if title.rstrip("*_ ").endswith(("?", "？")) or kind == "question":
        return True
    return kind == "number" and looks_like_question(rest)


def read_by_sections(doc: Document, topic: ParsedTopic, choose, readers) -> ParsedTopic | None:
    """The topic read section by section, or None (nothing changed in ``doc.result``)."""
    try:
        parts = _read_parts(doc, choose, readers, depth=0)
    except _Refused:
        return None
    if parts is None:
        return None
    if not _drop_contents(parts):
        return None
    questions = [q for part in parts for q in part["questions"]]
    if not questions:
        return None
    content = len(content_lines(doc)) or 1
    marked = any(part["shape"] in NOTE_SHAPES for part in parts if part["questions"])
    explained = sum(
        part["explained"] for part in parts if part["questions"] or part.get("contents") or marked
    )
    if explained / content < MIN_EXPLAINED:
        return None
    numbers = assign_numbers([_Numbered(q.number) for q in questions])
    for question, number in zip(questions, numbers, strict=True):
        question.number = number
    topic.questions = questions
    biggest = max(
        (p for p in parts if p["questions"]),
        key=lambda p: (sum(q.has_answer for q in p["questions"]), len(p["questions"])),
    )
    topic.shape = biggest["shape"]
    topic.shape_evidence = "read section by section: " + "; ".join(
        _part_evidence(part) for part in parts
    )
    cjk = any(rendering.is_cjk(ch) for q in questions[:20] for ch in q.text)
    topic.language = "zh" if cjk else "en"
    for part in parts:
        if part["note"] is not None:
            topic.notes.append(part["note"])
        topic.notes.extend(part["notes"])
        if part["background"] and not topic.background_md:
            topic.background_md, topic.background_html = part["background"]
    warnings = [w for part in parts for w in part["warnings"] if w.code != "unanswered"]
    unanswered = [q for q in questions if not q.has_answer]
    if unanswered:
        warnings.append(Problem("unanswered", unanswered[0].line, count=len(unanswered),
                                total=len(questions)))  # fmt: skip
    doc.result.errors.clear()
    doc.result.warnings.extend(warnings)
    return topic


def _part_evidence(part: dict) -> str:
    title = part["title"]
    where = title[:40] if title.startswith("the text above") else f"'{title[:40]}'"
    return f"{where} {part['evidence']}"


def _drop_contents(parts: list[dict]) -> bool:
    """A section of unanswered questions that all stand in other sections too is a table of
    contents: its list is dropped (explained all the same). One that repeats only some of them,
    or repeats answered questions, is a doubt (contents that do not match, or questions asked
    twice): False, the file is refused."""
    keys = [{_key(q.text) for q in part["questions"]} for part in parts]
    for k, part in enumerate(parts):
        if not part["questions"]:
            continue
        elsewhere = set().union(*(keys[j] for j in range(len(parts)) if j != k))
        repeated = keys[k] & elsewhere
        if not repeated:
            continue
        if repeated != keys[k] or any(q.has_answer for q in part["questions"]):
            return False
        part["questions"], keys[k] = [], set()
        part["evidence"] = "a table of contents of the other sections"
        part["contents"] = True
    return True


def _key(text: str) -> str:
    """A question's words for comparing two sections: no number, spaces, marks or case."""
    _number, _kind, rest = split_number(clean_title(text.split("\n")[0]))
    return re.sub(r"[\s`*_?？。.]+", "", rest).lower()


class _Numbered:
    def __init__(self, number: int | None) -> None:
        self.number = number


def _read_parts(doc: Document, choose, readers, depth: int) -> list[dict] | None:
    skip = title_index(doc)
    start = skip + 1 if skip is not None else 0
    level = split_level(doc, start, len(doc.top))
    if level is None:
        return None
    (pre_start, pre_end), sections = doc.sections(start, len(doc.top), level)
    if len(sections) < 2 or len(sections) > MAX_SECTIONS:
        return None
    parts: list[dict] = []
    if pre_start < pre_end:
        if all(is_prose_block(doc, b) for b in range(pre_start, pre_end)):
            parts.append(_note_part(doc, "", None, pre_start, pre_end, background=True))
        else:
            parts.append(_read_section(doc, None, pre_start, pre_end, choose, readers, depth))
    # Sections whose headings are questions ("## 3. What is X?") are read together, a run of
    # them as one part: each is a question, its section the answer, not a file of its own.
    k = 0
    while k < len(sections):
        section, end = sections[k], k + 1
        if _asks(clean_title(untagged(section.title))):
            while end < len(sections) and _asks(clean_title(untagged(sections[end].title))):
                end += 1
            parts.append(_read_section(doc, section.start - 1, section.start,
                                       sections[end - 1].end, choose, readers, depth,
                                       run=end - k))  # fmt: skip
        else:
            parts.append(_read_section(doc, section.start - 1, section.start, section.end,
                                       choose, readers, depth))  # fmt: skip
        k = end
    return parts


def _sub_document(doc: Document, heading: int | None, start: int, end: int) -> Document:
    """The section as a small file with the same line numbers: the file's title and the
    section (its heading as it is, so a reading that could take it for a question still
    does), every other line blank."""
    first = doc.top[heading if heading is not None else start].first_line
    last = doc.top[end - 1].last_line if end > start else doc.top[heading].last_line
    lines = [""] * first + doc.lines[first:last]
    skip = title_index(doc)
    if skip is not None and doc.top[skip].last_line <= first:
        for n in range(doc.top[skip].first_line, doc.top[skip].last_line):
            lines[n] = doc.lines[n]
    sub = Document("\n".join(lines), ParseResult(path=doc.result.path))
    sub.cache["declares_questions"] = doc.cache.get("declares_questions", False)
    sub.cache["meta_title"] = doc.cache.get("meta_title", "")
    return sub


def _read_section(doc, heading, start, end, choose, readers, depth, run=0) -> dict:
    title = clean_title(doc.heading_text(heading)) if heading is not None else ""
    group = "" if run else title  # a run of question headings: no section to group them
    if run:
        title = f"{run} question heading{'s' if run > 1 else ''} from '{title[:30]}'"
    sub = _sub_document(doc, heading, start, end)
    fit = choose(sub)
    if fit is None or fit.shape in ("seed", "single"):
        first = heading if heading is not None else start
        if not run and all(is_prose_block(doc, b) for b in range(first, end)):
            return _note_part(doc, title, heading, start, end)
        if (
            depth + 1 < MAX_DEPTH
            and sub.result.errors
            and sub.result.errors[0].code
            in (
                "shape_mixed",
                "shape_partial",
                "shape_unclear",
                "no_shape",
            )
        ):
            sub.result.errors.clear()
            inner = _read_parts(sub, choose, readers, depth + 1)
            if inner is not None and any(part["questions"] for part in inner):
                return _joined(title, inner)
        raise _Refused(title)
    shape = fit.shape.split("+")[0]
    reader = next(r for r in readers if r.shape == shape)
    part_topic = start_topic(sub, {}, doc.result.path or "section.md")
    if part_topic is None:
        raise _Refused(title)
    read = reader.read(sub, fit, part_topic)
    if read is None or sub.result.errors:
        raise _Refused(title)
    add_notes(sub, read, sub.cache.get("note_sections", []))
    for question in read.questions:
        if not question.group:
            question.group = group[:200]
    content = len(content_lines(sub)) + (1 if heading is not None else 0)
    background = (read.background_md, read.background_html) if read.background_md else None
    return {
        "title": title or "the text above the first section",
        "questions": read.questions,
        "shape": shape,
        "evidence": f"as {SHAPE_NAMES.get(shape, shape)} ({fit.evidence})",
        "explained": fit.explained * content,
        "note": None,
        "notes": read.notes,
        "background": None if heading is not None else background,
        "warnings": sub.result.warnings,
    }


def _joined(title: str, inner: list[dict]) -> dict:
    return {
        "title": title,
        "questions": [q for part in inner for q in part["questions"]],
        "shape": next(part["shape"] for part in inner if part["questions"]),
        "evidence": "split again: " + "; ".join(_part_evidence(part) for part in inner),
        "explained": sum(part["explained"] for part in inner),
        "note": None,
        "notes": [n for part in inner for n in [part["note"], *part["notes"]] if n is not None],
        "background": None,
        "warnings": [w for part in inner for w in part["warnings"]],
    }


def _note_part(doc, title, heading, start, end, background=False) -> dict:
    lines = {
        n
        for b in range(heading if heading is not None else start, end)
        for n in range(doc.top[b].first_line, doc.top[b].last_line)
        if doc.lines[n].strip() and doc.top[b].type != "hr"
    }
    if background:
        markdown = doc.markdown(start, end)
        return {"title": "the text above the first section", "questions": [], "shape": "",
                "evidence": "kept as the background", "explained": len(lines), "note": None,
                "notes": [], "background": (markdown, doc.html(start, end)) if markdown else None,
                "warnings": []}  # fmt: skip
    note = doc.section_as(title, doc.line_of(heading), start, end) if end > start else None
    return {"title": title, "questions": [], "shape": "", "evidence": "kept as a note",
            "explained": len(lines), "note": note, "notes": [], "background": None,
            "warnings": []}  # fmt: skip
