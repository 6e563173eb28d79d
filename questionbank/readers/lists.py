"""A list whose items are questions and whose indented or continuation content is the answer.

    1. **What is a Pod?**

       The smallest deployable unit...        <- indented: the item's own answer

    1. What is a Service?                     <- lazy numbering: every item "1."
    **Answer:** A stable address for Pods...  <- continuation: up to the next question list

Numbering may restart per section (the heading above a list is its questions' group); indents
of 2-8 spaces are all the same item. A list of questions without any answer is ``bare.py``'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from questionbank import rendering
from questionbank.mdtokens import clean_title
from questionbank.parsed import ParsedQuestion, ParsedTopic
from questionbank.readers.answers import set_answer_markdown
from questionbank.readers.base import Fit, Reader
from questionbank.readers.document import Document
from questionbank.readers.outline import (
    Item,
    assign_numbers,
    coverage,
    finish,
    group_above,
    is_answer_label,
    title_index,
)
from questionbank.readers.vocabulary import looks_like_question, question_title

_MARKER = re.compile(r"^(\s*)(?:[-*+]|\d{1,9}[.)])(\s+|$)")
# Matched against a stripped line; every part is bounded, so no long line can make it slow.
_LABEL_LINE = re.compile(
    r"^(?:\*\*|__)?(?P<label>[^*_:：\n]{1,12})(?:\*\*|__)?[ \t]{0,4}[:：]?[ \t]{0,4}(?:\*\*|__)?"
)


_BLOCK_START = re.compile(r"^\s*(?:[-*+]\s|\d{1,9}[.)]\s|```|~~~|>|\|)")


def _dedent(line: str, columns: int) -> str:
    stripped = len(line) - len(line.lstrip(" "))
    return line[min(stripped, columns) :]


def answer_label(line: str) -> str | None:
    """The rest of a line that opens with an answer label (``**Answer:** x`` -> ``x``)."""
    stripped = line.strip()
    match = _LABEL_LINE.match(stripped)
    if not match or not is_answer_label(match.group("label")):
        return None
    marked = match.group(0)
    if not (":" in marked or "：" in marked or marked.startswith(("**", "__"))):
        return None  # "A dog..." is a sentence, not a label
    return stripped[match.end() :].strip()


@dataclass
class ListPlan:
    items: list[Item] = field(default_factory=list)
    lists: int = 0
    asks: int = 0
    extra: set[int] = field(default_factory=set)


def list_items(doc: Document, index: int) -> list[tuple[int, int, str]]:
    """(first line, last line, number info) of each top-level item of list block ``index``."""
    block = doc.top[index]
    level = doc.tokens[block.start].level + 1
    found = []
    for token in doc.tokens[block.start : block.end]:
        if token.type == "list_item_open" and token.level == level and token.map:
            found.append((token.map[0], token.map[1], token.info))
    return found


def split_item(lines: list[str]) -> tuple[str, str, int]:
    """(question, answer, offset of the answer's first line) of one list item's source lines."""
    head = lines[0]
    marker = _MARKER.match(head)
    column = marker.end() if marker else 0
    body = [head[column:].strip(), *(_dedent(line, max(column, 2)) for line in lines[1:])]
    question: list[str] = []
    k = 0
    while k < len(body) and body[k].strip():
        if k and (answer_label(body[k]) is not None or _BLOCK_START.match(body[k])):
            break  # the answer starts right under the question: a label, a list, code...
        question.append(body[k])
        k += 1
    rest = body[k:]
    offset = k
    while rest and not rest[0].strip():
        rest, offset = rest[1:], offset + 1
    if rest and (lead := answer_label(rest[0])) is not None:
        rest = [lead, *rest[1:]]
    answer = "\n".join(_dedent_block(rest)).strip("\n")
    return " ".join(q.strip() for q in question), answer, offset


def _dedent_block(lines: list[str]) -> list[str]:
    indents = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip()]
    common = min(indents, default=0)
    return [line[common:] for line in lines]


def plan_lists(doc: Document) -> ListPlan:
    """The question lists of the file (worked out once, for this reader and ``bare.py``)."""
    if "lists" not in doc.cache:
        doc.cache["lists"] = _plan_lists(doc)
    return doc.cache["lists"]


def _plan_lists(doc: Document) -> ListPlan:
    plan = ListPlan()
    skip = title_index(doc)
    last: Item | None = None
    for i, block in enumerate(doc.top):
        if i == skip:
            continue
        if doc.is_heading(i):
            last = None
            continue
        if block.type in ("bullet_list", "ordered_list"):
            entries = []
            for first, end, info in list_items(doc, i):
                question, answer, offset = split_item(doc.lines[first:end])
                words = clean_title(question_title(question))
                entries.append((first, end, info, words, answer, offset))
            asks = sum(1 for e in entries if looks_like_question(e[3]))
            if entries and asks * 2 > len(entries):
                plan.lists += 1
                plan.asks += asks
                group = group_above(doc, i)
                for first, end, info, words, answer, offset in entries:
                    number = int(info) if info.isdigit() else None
                    item = Item(line=first + 1, number=number, text=words, group=group,
                                block=i, span=(first, end))  # fmt: skip
                    item.answer_md = answer
                    item.answer_line = first + 1 + offset if answer else None
                    plan.items.append(item)
                # Paragraphs after a one-item list ("1. q" then its answer, lazy numbering)
                # answer it; after a longer list they are the file's own prose.
                last = plan.items[-1] if len(entries) == 1 else None
                continue
        if last is not None:  # continuation: the answer to the list's last question
            markdown = doc.markdown(i, i + 1)
            if markdown:
                last.answer_md = f"{last.answer_md}\n\n{markdown}" if last.answer_md else markdown
                if last.answer_line is None:
                    last.answer_line = doc.line_of(i)
                last.span = (last.span[0], block.last_line)
    for item in plan.items:
        if (lead := answer_label(item.answer_md.split("\n", 1)[0])) is not None:
            rest = item.answer_md.split("\n", 1)[1:] or [""]
            item.answer_md = "\n".join([lead, *rest]).strip("\n")
    return plan


class ListsReader(Reader):
    shape = "list"

    def fit(self, doc: Document) -> Fit | None:
        plan = plan_lists(doc)
        items = plan.items
        answered = sum(1 for item in items if item.answered)
        if len(items) < 2 or not answered:
            return None
        evidence = (
            f"{plan.lists} list{'s' if plan.lists > 1 else ''} with {len(items)} items "
            f"worded as questions, {answered} followed by an answer"
        )
        score = (plan.asks / len(items)) * (0.5 + 0.5 * answered / len(items))
        explained, gaps = coverage(doc, items)
        return Fit(self.shape, score, explained, evidence, questions=len(items),
                   answered=answered, plan=items, gaps=gaps)  # fmt: skip

    def read(self, doc: Document, fit: Fit, topic: ParsedTopic) -> ParsedTopic | None:
        return read_items(doc, fit.plan, topic)


def read_items(doc: Document, items: list[Item], topic: ParsedTopic) -> ParsedTopic:
    """Questions from items whose answers are Markdown text (lists, details, inline markers)."""
    questions = []
    for number, item in zip(assign_numbers(items), items, strict=True):
        question = ParsedQuestion(number=number, text=item.text, line=item.line)
        question.group = item.group
        question.text_html = rendering.render_markdown(item.text)
        set_answer_markdown(question, item.answer_md, item.answer_line)
        questions.append(question)
    topic.questions = questions
    finish(doc, topic, items)
    return topic
