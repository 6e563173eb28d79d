"""``<details><summary>question</summary>answer</details>`` files (devops-exercises style):

    <details>
    <summary>What is a Pod?</summary><br><b>

    The smallest deployable unit...
    </b></details>

The summary is the question, the body the answer (a question may have none). The HTML is
turned into Markdown (``html_to_md.py``), so answers render as Markdown, never raw HTML. The
heading above a ``<details>`` is its group. Markers inside fenced code are never read.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from questionbank.mdtokens import clean_title, heading_level
from questionbank.parsed import ParsedTopic
from questionbank.readers.base import Fit, Reader
from questionbank.readers.document import Document
from questionbank.readers.html_to_md import html_to_markdown
from questionbank.readers.lists import read_items, without_empty_answers
from questionbank.readers.outline import Item, coverage, group_above
from questionbank.readers.vocabulary import (
    is_reveal_label,
    looks_like_question,
    question_title,
    split_number,
)

_OPEN = re.compile(r"<details\b[^>]*>", re.I)
_CLOSE = re.compile(r"</details\s*>", re.I)
_SUMMARY_OPEN = re.compile(r"<summary\b[^>]*>", re.I)
_SUMMARY_CLOSE = re.compile(r"</summary\s*>", re.I)


@dataclass
class _Block:
    first: int  # line of <details>
    last: int  # line of </details> (inclusive)
    source: str  # the text between <details> and </details>


def find_details(doc: Document) -> list[_Block]:
    """The outermost ``<details>`` blocks outside code, by source line."""
    fenced = doc.fenced_lines()
    found: list[_Block] = []
    depth, first, parts = 0, 0, []
    for n, line in enumerate(doc.lines):
        if n in fenced:
            if depth:
                parts.append(line)
            continue
        pos = 0
        while True:
            opening = _OPEN.search(line, pos)
            closing = _CLOSE.search(line, pos)
            if opening and (not closing or opening.start() < closing.start()):
                if depth == 0:
                    first, parts = n, []
                    segment_start = opening.end()
                else:
                    parts.append(line[pos : opening.end()])
                    segment_start = opening.end()
                depth += 1
                pos = segment_start
                if depth == 1:
                    continue
            elif closing and depth:
                depth -= 1
                if depth == 0:
                    parts.append(line[pos : closing.start()])
                    found.append(_Block(first, n, "\n".join(parts)))
                    pos = closing.end()
                    continue
                parts.append(line[pos : closing.end()])
                pos = closing.end()
                continue
            else:
                if depth:
                    parts.append(line[pos:])
                break
    return found


def find_details_in(source: str) -> list[str]:
    """The insides of the outermost ``<details>`` blocks of one piece of HTML."""
    return [source[opened.end() : closed.start()] for opened, closed in _outer_folds(source)]


def _outer_folds(source: str):
    """(opening tag, closing tag) matches of each outermost ``<details>`` in ``source``."""
    depth, opened = 0, None
    for match in _INNER.finditer(source):
        if match.group(0)[1] != "/":
            depth += 1
            if depth == 1:
                opened = match
        elif depth:
            depth -= 1
            if depth == 0:
                yield opened, match


def split_summary(source: str) -> tuple[str, str]:
    """(summary, body) of the inside of one ``<details>``."""
    opening = _SUMMARY_OPEN.search(source)
    if not opening:
        return "", source
    closing = _SUMMARY_CLOSE.search(source, opening.end())
    if not closing:
        return source[opening.end() :], ""
    return source[opening.end() : closing.start()], source[closing.end() :]


def _group(doc: Document, line: int, starts: list[int], headings: list[tuple[int, int]]) -> str:
    """The nearest heading above source line ``line``, the title aside."""
    at = bisect.bisect_right(starts, line) - 1
    if at < 0:
        return ""
    return group_above(doc, headings[at][1] + 1)


_INNER = re.compile(r"<details\b[^>]*>|</details\s*>", re.I)


def _asked_in_body(summary: str, body: str) -> tuple[str, str] | None:
    """(question, answer HTML) of a fold whose summary only numbers it ("Question 3", "Q3",
    "第3题"): the question is the text of its body above the folds inside it, the answer the
    body of the first of those that reveals one ("<summary>Answer</summary>"); other folds in
    it ("Follow-up Questions") are neither. None for a summary with words of its own."""
    number, _kind, rest = split_number(" ".join(summary.split()))
    if number is None or rest.strip("*_:：.。 "):
        return None
    folds = [(opened.start(), closed.end()) for opened, closed in _outer_folds(body)]
    above = html_to_markdown(body[: folds[0][0]] if folds else body).strip()
    if not above:
        return None
    for first, end in folds:
        label, inside = split_summary(body[first:end])
        if is_reveal_label(html_to_markdown(label)):
            return above, _CLOSE.sub("", _OPEN.sub("", inside, count=1))
    return above, ""


class DetailsReader(Reader):
    shape = "details"

    def plan(self, doc: Document) -> list[Item]:
        blocks = find_details(doc)
        # a heading inside a fold ("#### bind" in an answer) is the answer's, no group
        firsts = [block.first for block in blocks]
        headings = [
            (line, index)
            for line, index in sorted(doc.headings_by_line().items())
            if (at := bisect.bisect_right(firsts, line) - 1) < 0 or line > blocks[at].last
        ]
        starts = [first for first, _index in headings]
        items = []
        for block in blocks:
            summary, body = split_summary(block.source)
            question = html_to_markdown(summary)
            if (asked := _asked_in_body(question, body)) is not None:
                question, body = asked
            if not question.strip() or is_reveal_label(question):
                continue  # "查看答案": a fold around an answer, read by the heading above it
            one_line = " ".join(question.split())
            text = question if "```" in question else clean_title(question_title(one_line))
            item = Item(line=block.first + 1, number=None, text=text or one_line,
                        group=_group(doc, block.first, starts, headings),
                        span=(block.first, block.last + 1))  # fmt: skip
            item.answer_md = html_to_markdown(body, keep_bold=True)
            item.answer_line = block.first + 1 if item.answer_md else None
            items.append(item)
        # "<summary>查看中文</summary>" on every block: a fold label the author repeats, not a
        # question (a question is not asked twice in one file).
        seen: dict[str, int] = {}
        for item in items:
            seen[item.text] = seen.get(item.text, 0) + 1
        kept = [i for i in items if seen[i.text] == 1 or looks_like_question(i.text)]
        return without_empty_answers(kept)

    def fit(self, doc: Document) -> Fit | None:
        items = self.plan(doc)
        if len(items) < 2:
            return None
        answered = sum(1 for item in items if item.answered)
        levels = {heading_level(doc.top[i]) for i in doc.headings_by_line().values()}
        groups = len({item.group for item in items if item.group})
        evidence = f"{len(items)} <details> blocks with a <summary>, {answered} with an answer"
        if groups:
            evidence += f", under {groups} heading{'s' if groups > 1 else ''}"
        del levels
        explained, gaps = coverage(doc, items)
        return Fit(self.shape, 1.0, explained, evidence, questions=len(items),
                   answered=answered, plan=items, gaps=gaps)  # fmt: skip

    def read(self, doc: Document, fit: Fit, topic: ParsedTopic) -> ParsedTopic | None:
        return read_items(doc, fit.plan, topic)
