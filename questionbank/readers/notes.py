"""Sections of a question file that are study notes, not questions: kept as the topic's notes.

    ## 面试题                       <- read as questions (a list, <details>, markers...)
    - 什么是 Pod？
    - 什么是 Service？
    ## 学习笔记                      <- prose, quotes, tables, code: a note, not refused
    Pod 是最小的部署单元……

A section is a note when none of its lines is a question of the reading and nothing in it is
shaped like one: no list item, paragraph or heading worded as a question, no numbered paragraph.
Another reading that finds questions there still makes the file "mixed" (``detect.py``): a note is
never a question dropped silently.
"""

from __future__ import annotations

import re

from questionbank.mdtokens import clean_title, heading_level
from questionbank.parsed import ParsedTopic
from questionbank.readers.base import Fit
from questionbank.readers.document import Document
from questionbank.readers.outline import (
    content_lines,
    covered_lines,
    is_answer_label,
    title_index,
)
from questionbank.readers.vocabulary import looks_like_question

# Readings whose questions are found by their own markers, so the rest of the file can be
# prose beside them.
NOTE_SHAPES = ("list", "bare", "details", "inline", "table")
_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,4}[.)、])\s+(.*)$")
_NUMBERED = re.compile(r"^\s{0,3}\d{1,4}\s*[.、．)）]")
_PROSE_BLOCKS = ("paragraph", "blockquote", "table", "fence", "code_block", "hr", "html_block")


# A line this short at most that asks reads as one question of a list written line by line.
_ASKING_LINE_MAX = 60
# The label a paragraph opens with ("**Answer**:", "答：", "Answer -").
_LABEL = re.compile(r"^\s*[*_]{0,2}([^*_:：\n]{1,20}?)[*_]{0,2}\s*[:：]")


def _asks(text: str) -> bool:
    return text.rstrip().rstrip("*_ ").endswith(("?", "？")) or looks_like_question(text)


def _ends_asking(text: str) -> bool:
    return text.rstrip().rstrip("*_ ").endswith(("?", "？"))


def is_prose_block(doc: Document, index: int) -> bool:
    """A block with nothing shaped like a question in it."""
    block = doc.top[index]
    lines = doc.lines[block.first_line : block.last_line]
    if doc.is_heading(index):
        return not _asks(clean_title(doc.heading_text(index)))
    if block.type in ("bullet_list", "ordered_list"):
        # an item ending in a question mark asks; question words ("什么", "不同") in a few
        # statements among many ("**结论：** ……选型不同") do not make the list ask
        items = [m.group(1) for line in lines if (m := _ITEM.match(line))]
        if any(_ends_asking(item) for item in items):
            return False
        return sum(1 for item in items if _asks(item)) * 2 < len(items) or not items
    if block.type == "paragraph":
        first = lines[0] if lines else ""
        if _NUMBERED.match(first) or first.rstrip().endswith(("?", "？")):
            return False
        if (label := _LABEL.match(first)) and is_answer_label(label.group(1)):
            return False  # "**Answer**: ..." answers a question: not a note
        # "Nodejs 和python的区别" / "Nodejs的内部原理" / "如何发送数据从前端到后端": short
        # lines, most of them asking, one question a line
        said = [line for line in lines if line.strip()]
        asking = sum(1 for line in said if len(line.strip()) <= _ASKING_LINE_MAX and _asks(line))
        return not (asking and asking * 2 > len(said))
    return block.type in _PROSE_BLOCKS


def note_sections(doc: Document, fit: Fit) -> list[tuple[int, int]]:
    """(heading block, end block) of each section that is a note beside the fit's questions."""
    if fit.shape.split("+")[0] not in NOTE_SHAPES or not isinstance(fit.plan, list):
        return []
    covered = covered_lines(doc, fit.plan)
    skip = title_index(doc)
    heads = [i for i in range(len(doc.top)) if doc.is_heading(i) and i != skip]
    found: list[tuple[int, int]] = []
    after = -1
    for k, i in enumerate(heads):
        if i < after:
            continue  # inside a note already taken
        level = heading_level(doc.top[i])
        end = next((j for j in heads[k + 1 :] if heading_level(doc.top[j]) <= level), len(doc.top))
        first, last = doc.top[i].first_line, doc.top[end - 1].last_line
        if end == i + 1 or any(n in covered for n in range(first, last)):
            continue
        if all(is_prose_block(doc, b) for b in range(i, end)):
            found.append((i, end))
            after = end
    return found


def with_notes(doc: Document, fit: Fit) -> tuple[float, list[tuple[int, int]]]:
    """The share of the file the fit explains once its note sections count, and those sections."""
    sections = note_sections(doc, fit)
    if not sections:
        return fit.explained, []
    content = content_lines(doc)
    covered = covered_lines(doc, fit.plan)
    notes = {
        n for i, end in sections for n in range(doc.top[i].first_line, doc.top[end - 1].last_line)
    }
    extra = len((notes & content) - covered)
    return min(1.0, fit.explained + extra / len(content)), sections


def add_notes(doc: Document, topic: ParsedTopic, sections: list[tuple[int, int]]) -> None:
    for i, end in sections:
        topic.notes.append(doc.section_as(doc.heading_text(i), doc.line_of(i), i + 1, end))
