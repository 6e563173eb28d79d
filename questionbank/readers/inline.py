"""Inline markers: the question and answer are marked in the text itself.

    问：什么是 Pod？            Q: What is a Pod?           **12. What is a Pod?**
    答：最小的部署单元。        A: The smallest unit.       **Answer:** The smallest unit.

Also ``**题目**`` / ``**参考答案**`` label blocks, and bold paragraphs that are a question by
themselves (``**1. Redis 和 Memcache 的区别是什么？**``) followed by their answer. What stands
between a question marker and its answer marker belongs to the question (a code listing, say);
without an answer marker, everything up to the next question is the answer. Headings end an
answer and are the following questions' group. Markers inside code are never read.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from questionbank.mdtokens import clean_title
from questionbank.parsed import ParsedTopic
from questionbank.readers.base import Fit, Reader
from questionbank.readers.document import Document
from questionbank.readers.lists import read_items, without_empty_answers
from questionbank.readers.outline import Item, apply_answer_key, coverage, title_index
from questionbank.readers.vocabulary import (
    looks_like_question,
    question_title,
    split_number,
    visible,
)

_OPEN = r"^\s*(?:[*_]{1,2})?\s*"
_QUESTION = re.compile(
    _OPEN + r"(?:(?:q|question|问|问题|题目|面试题)\s*(?P<n>\d{1,4})?\s*[:：.、]"
    # "golang question :", "SQL question:" (a colon only: "This question. It..." is prose)
    r"|(?!follow)[a-z][\w+#-]{0,15} question\s*[:：])\s*(?:[*_]{2})?"
    r"\s*(?P<rest>.*)$",
    re.I,
)
_QUESTION_LABEL = re.compile(_OPEN + r"(?:题目|问题|question)\s*(?:[*_]{2})\s*[:：]?\s*$", re.I)
_ANSWER = re.compile(
    _OPEN
    # "Sample Answer:", "Model answer:": an answer labelled by the kind of answer it is
    + r"(?:a|ans|(?:(?:sample|model|suggested|reference|example)\s+)?answer"
    + r"|答|答案|参考答案|标准答案|解答|回答|参考回答)\s*(?:\d{1,4}\s*(?=[:：]))?"
    r"(?:[:：]\s*(?:[*_]{2})?|(?:[*_]{2})\s*[:：]?)\s*(?P<rest>.*)$",
    re.I,
)
_BOLD_LINE = re.compile(r"^\s*([*_]{2})(?P<inner>[^*_].*?)\1\s*$")


@dataclass
class _Draft:
    item: Item
    question: list[str] = field(default_factory=list)
    answer: list[str] | None = None  # None until an answer marker (or prose) starts it
    marked: bool = False  # the answer started at an explicit marker
    style: str = ""
    absorbing: bool = False  # its answer took in the headings that follow its marker
    absorbed: list[str] = field(default_factory=list)  # those headings' titles


def _content(answer: str) -> bool:
    """Text in an answer besides headings, rules and blank lines."""
    return any(
        line.strip() and not line.lstrip().startswith("#") and re.sub(r"[\s*_\-=~]+", "", line)
        for line in answer.splitlines()
    )


def _hollow_so_far(draft: _Draft) -> bool:
    """An explicit answer marker followed so far by nothing but rules, or by a heading."""
    if not draft.marked or draft.answer is None:
        return False
    text = "\n".join(draft.answer).strip()
    return not re.sub(r"[\s*_\-=~]+", "", text) or text.startswith("#")  # "**A:** ### Title"


def _question_start(line: str) -> tuple[str, str, int | None] | None:
    """(style, text, number) when ``line`` opens a question."""
    line = visible(line)
    if match := _QUESTION.match(line):
        rest = match.group("rest").strip().rstrip("*_").strip()
        number = int(match.group("n")) if match.group("n") else None
        return "marker", rest, number
    if _QUESTION_LABEL.match(line):
        return "label", "", None
    if match := _BOLD_LINE.match(line):
        inner = match.group("inner").strip()
        number, kind, rest = split_number(inner)
        asks = kind in ("number", "question") or looks_like_question(inner)
        if asks and not rest.endswith((":", "：")) and not _ANSWER.match(line):
            return "bold", rest, number
    return None


_LIST_NUMBER = re.compile(r"^(\d{1,3})[.)]\s+(\S.*)$")


def _numbered_on(draft: _Draft | None, block, lines: list[str]) -> list | None:
    """The items of an ordered list, each one line at the margin, numbered on from the bold
    question before it ("**1. q**" ... "2. q", "3. q"): [(offset, number, words)], or None."""
    if (
        block.type != "ordered_list"
        or draft is None
        or draft.style != "bold"
        or draft.item.number is None
    ):
        return None
    found, expected = [], draft.item.number + 1
    for offset, line in enumerate(lines):
        if not line.strip():
            continue
        match = _LIST_NUMBER.match(line)
        if match is None or int(match.group(1)) != expected:
            return None
        found.append((offset, expected, match.group(2)))
        expected += 1
    return found or None


def plan_inline(doc: Document) -> tuple[list[Item], dict[str, int]]:
    skip = title_index(doc)
    fenced = doc.fenced_lines()
    items: list[Item] = []
    styles: dict[str, int] = {}
    draft: _Draft | None = None
    group = ""

    def close() -> None:
        nonlocal draft, group
        if draft is None:
            return
        item = draft.item
        question = "\n".join(draft.question).strip()
        answer = "\n".join(draft.answer or []).strip("\n")
        if draft.absorbed and not _content(answer):
            # "**A:**" then "## Part 2" then the next question: no answer after all, and the
            # heading is the group of the questions that follow.
            answer, group = "", draft.absorbed[-1]
        if draft.answer is None and not draft.marked:
            answer = ""
        item.text = question
        item.answer_md = answer if answer.strip() else ""
        item.marked = draft.style == "marker"
        if question:
            items.append(item)
            styles[draft.style] = styles.get(draft.style, 0) + 1
        draft = None

    for index, block in enumerate(doc.top):
        if index == skip:
            continue
        if block.type == "heading":  # "#" or underlined: it ends an answer, unless ...
            if draft is not None and (draft.absorbing or _hollow_so_far(draft)):
                # ... the answer marker came with nothing but a rule: "**A:**", "---", then
                # "## 1. CPU utilisation": the headings are the answer's own, not groups.
                draft.absorbing = True
                draft.absorbed.append(clean_title(doc.heading_text(index))[:200])
                lines = doc.lines[block.first_line : block.last_line]
                draft.answer.extend(["", *lines])
                draft.item.span = (draft.item.span[0], block.last_line)
                continue
            close()
            group = clean_title(doc.heading_text(index))[:200]
            continue
        lines = doc.lines[block.first_line : block.last_line]
        if (following := _numbered_on(draft, block, lines)) is not None:
            # "**1. q**" and its answer, then "2. q" as a list item, then "**3. q**": the
            # list's items go on numbering the questions (each without an answer yet).
            close()
            for offset, number, words in following:
                n = block.first_line + offset
                item = Item(line=n + 1, number=number, text="", group=group, span=(n, n + 1))
                draft = _Draft(item, [clean_title(words)], style="bold")
                if offset != following[-1][0]:
                    close()
            continue
        if block.type != "paragraph":
            if draft is not None:
                target = draft.answer if draft.answer is not None else draft.question
                if draft.answer is None and draft.style == "bold":
                    draft.answer = []
                    target = draft.answer
                target.extend(["", *lines])
                draft.item.span = (draft.item.span[0], block.last_line)
            continue
        for offset, line in enumerate(lines):
            n = block.first_line + offset
            if n in fenced:
                continue
            start = _question_start(line) if (offset == 0 or draft is None or
                                              _QUESTION.match(line)) else None  # fmt: skip
            if start is not None and not _ANSWER.match(line):
                style, text, number = start
                title = None
                if (
                    style == "marker"
                    and draft is not None
                    and draft.style == "bold"
                    and (draft.answer is None and len(draft.question) == 1)
                ):  # "**21. Scenario: Blue-Green**" then "*Question:* q": one question
                    title, number = draft.question[0], number or draft.item.number
                    draft = None
                close()
                if style == "bold" and offset + 1 < len(lines) and number is None:
                    start = None  # a bold first line of a longer paragraph: not a question
                else:
                    # "**1. q**" with its answer on the next line of the same paragraph
                    item = Item(line=n + 1, number=number, text="", group=group,
                                span=(n, block.last_line))  # fmt: skip
                    words = clean_title(question_title(text)) if text else ""
                    draft = _Draft(item, [title, "", words] if title else [words], style=style)
                    if style == "bold" and offset + 1 < len(lines):
                        draft.answer, item.answer_line = [], n + 2
                    continue
            if draft is None:
                continue
            answer = _ANSWER.match(line)
            if answer and draft.answer is None:
                draft.answer = [re.sub(r"^[*_]{1,2}(?=\s|$)\s*", "", answer.group("rest"))]
                draft.marked = True
                draft.item.answer_line = n + 1
            elif draft.answer is not None:
                if offset == 0:
                    draft.answer.append("")
                draft.answer.append(line)
            elif draft.style == "bold" and offset == 0:
                draft.answer = [line]
                draft.item.answer_line = n + 1
            else:
                if offset == 0 and any(draft.question):
                    draft.question.append("")
                draft.question.append(line.strip() if offset else line)
        if draft is not None:
            draft.item.span = (draft.item.span[0], block.last_line)
    close()
    for item in items:
        item.text = re.sub(r"[ \t]+$", "", item.text, flags=re.M)
    apply_answer_key(doc, items)
    return without_empty_answers(items), styles


# "解析：<br>", "**答案**：", "Explanation:": the line where a question's answer starts, in a
# file of questions separated by rules.
_SEGMENT_LABEL = re.compile(
    r"^\s*(?:[*_]{2})?(?:解析|答案|参考答案|答案解析|解答|answer|explanation|solution)(?:[*_]{2})?"
    r"\s*[:：](?:[*_]{2})?\s*(?P<rest>.*)$",
    re.I,
)
_SEGMENT_HINT = re.compile(r"解析|答案|解答|answer|explanation|solution", re.I)
# At least this many questions, each between rules, for a file to read that way.
SEGMENTS_MIN = 3


def plan_segments(doc: Document) -> list[Item]:
    """Questions separated by thematic breaks ("---"), unnumbered, each with one answer label
    line ("解析：", "Answer:"): the lines above the label are the question (its code, its
    options), the label and what follows its answer. Headings inside are groups, not part of a
    question. [] unless every part between rules is such a question."""
    fenced = doc.fenced_lines()
    skip = title_index(doc)
    cuts = [block.first_line for block in doc.top if block.type == "hr"]
    bounds = [0, *cuts, len(doc.lines)]
    items: list[Item] = []
    group = ""
    for start, end in itertools.pairwise(bounds):
        if start in cuts:
            start += 1
        first = start
        for i, block in enumerate(doc.top):  # the question starts below any heading in it
            if start <= block.first_line < end and doc.is_heading(i):
                first = block.last_line
                if i != skip:
                    group = clean_title(doc.heading_text(i))[:200]
        lines = doc.lines[first:end]
        if not any(line.strip() for line in lines):
            continue
        labels = [
            k
            for k, line in enumerate(lines)
            if first + k not in fenced
            and _SEGMENT_HINT.search(line[:40])  # cheap first: most lines hold no label
            and _SEGMENT_LABEL.match(visible(line))
        ]
        if len(labels) != 1 or not "".join(lines[: labels[0]]).strip():
            return []  # a part without a question and its one answer: not this shape
        at = labels[0]
        question = "\n".join(lines[:at]).strip("\n")
        rest = _SEGMENT_LABEL.match(visible(lines[at])).group("rest")
        answer = "\n".join([re.sub(r"^(?:<br\s*/?>\s*)+", "", rest), *lines[at + 1 :]]).strip()
        item = Item(line=first + next(k for k, ln in enumerate(lines) if ln.strip()) + 1,
                    number=None, text=question, group=group, span=(first, end))  # fmt: skip
        item.answer_md, item.answer_line = answer, first + at + 1
        items.append(item)
    return items if len(items) >= SEGMENTS_MIN else []


# A file of one "Q:"/"A:" pair: the pair explains this share of it at least.
LONE_PAIR_EXPLAINED = 0.9


class InlineReader(Reader):
    shape = "inline"

    def fit(self, doc: Document) -> Fit | None:
        items, styles = plan_inline(doc)
        # One "Q:" and its "A:" and nothing else: the whole file is one question.
        pair = len(items) == 1 and items[0].marked and items[0].answered
        if len(items) < 2 and (segments := plan_segments(doc)):
            items, styles = segments, {"segment": len(segments)}
        if len(items) < 2 and not pair:
            return None
        answered = sum(1 for item in items if item.answered)
        names = {"marker": "Q:/问： markers", "label": "**题目** labels", "bold": "bold questions",
                 "segment": "questions between rules with an answer label"}  # fmt: skip
        shown = ", ".join(f"{n} {names[s]}" for s, n in sorted(styles.items(), key=lambda x: -x[1]))
        evidence = f"{shown}, {answered} with an answer"
        score = 1.0 if styles.get("marker") or styles.get("label") else 0.8
        explained, gaps = coverage(doc, items)
        if pair and explained < LONE_PAIR_EXPLAINED:
            return None  # a "Q:" among notes, not a file of one question
        return Fit(self.shape, score, explained, evidence, questions=len(items),
                   answered=answered, plan=items, gaps=gaps)  # fmt: skip

    def read(self, doc: Document, fit: Fit, topic: ParsedTopic) -> ParsedTopic | None:
        return read_items(doc, fit.plan, topic)
