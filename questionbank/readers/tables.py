"""A table whose header names a question column, and perhaps an answer column: one question per
row.

    | # | Question                 | Answer                          |
    |---|--------------------------|---------------------------------|
    |   | **Basics**               |                                 |   <- no number: a group
    | 1 | What is JSX?             | HTML-like syntax in JavaScript. |
    | 2 | What is a Pod?           |                                 |   <- unanswered

The header is the evidence (its words must *be* a column label: "Question", "问题"...), never a
table inside an answer. A table of contents (its questions are links to this file's headings) is
the headings' reader's, not this one's.
"""

from __future__ import annotations

import re

from questionbank.mdtokens import clean_title
from questionbank.parsed import ParsedTopic
from questionbank.readers.answers import is_hollow, is_link_only
from questionbank.readers.base import Fit, Reader
from questionbank.readers.document import Document
from questionbank.readers.lists import read_items
from questionbank.readers.outline import Item, coverage, group_above

_QUESTION_COLUMN = re.compile(r"^(?:questions?|interview questions?|问题|题目|面试题|q)$", re.I)
_ANSWER_COLUMN = re.compile(
    r"^(?:answers?|short answer|sample answer|答案|参考答案|解答|回答|解析|a)$", re.I
)
_NUMBER_COLUMN = re.compile(r"^(?:#|no\.?|number|n|序号|编号)$", re.I)
_IN_FILE_LINK = re.compile(r"\]\(#[^)]*\)")
_BREAK = re.compile(r"\s*<br\s*/?>\s*", re.I)


def _cell_words(text: str) -> str:
    return clean_title(text).strip("*_ :：").lower()


def _rows(doc: Document, index: int) -> list[tuple[int, list[str]]]:
    """(source line, cells' Markdown) of each row of table block ``index``, the header first;
    only the header when it names no question column (a big table of data is not read)."""
    block = doc.top[index]
    rows: list[tuple[int, list[str]]] = []
    for token in doc.tokens[block.start : block.end]:
        if token.type == "tr_open" and token.map:
            if len(rows) == 1 and not any(
                _QUESTION_COLUMN.match(_cell_words(c)) for c in rows[0][1]
            ):
                break
            rows.append((token.map[0], []))
        elif token.type == "inline" and rows:
            rows[-1][1].append(token.content.strip())
    return rows


def plan_tables(doc: Document) -> tuple[list[Item], set[int]]:
    """The questions of the file's question tables, and the lines of those tables' headers."""
    items: list[Item] = []
    headers: set[int] = set()
    for index, block in enumerate(doc.top):
        if block.type != "table":
            continue
        rows = _rows(doc, index)
        if len(rows) < 2:
            continue
        header = [_cell_words(cell) for cell in rows[0][1]]
        asked = [k for k, cell in enumerate(header) if _QUESTION_COLUMN.match(cell)]
        if len(asked) != 1:
            continue
        q_col = asked[0]
        a_col = next((k for k, cell in enumerate(header) if _ANSWER_COLUMN.match(cell)), None)
        n_col = next((k for k, cell in enumerate(header) if _NUMBER_COLUMN.match(cell)), None)
        body = [(line, cells) for line, cells in rows[1:] if len(cells) > q_col]
        if any(_IN_FILE_LINK.search(cells[q_col]) for _line, cells in body):
            continue  # a table of contents: links to this file's own headings
        group = group_above(doc, index)
        headers.update(range(block.first_line, min(block.first_line + 2, block.last_line)))
        for line, cells in body:
            question = _BREAK.sub("\n", cells[q_col]).strip()
            number_cell = cells[n_col].strip() if n_col is not None and n_col < len(cells) else ""
            if not question:
                continue
            others = [c for k, c in enumerate(cells) if k != q_col and c.strip()]
            if n_col is not None and not number_cell and not others:
                group = clean_title(question)[:200]  # "|   | **Core React** |   |": a group row
                headers.add(line)
                continue
            item = Item(line=line + 1, number=int(number_cell) if number_cell.isdigit() else None,
                        text=question, group=group, span=(line, line + 1))  # fmt: skip
            if a_col is not None and a_col < len(cells):
                answer = _BREAK.sub("\n\n", cells[a_col]).strip()
                if answer and not is_link_only(answer) and not is_hollow(answer):
                    item.answer_md, item.answer_line = answer, line + 1
            items.append(item)
    return items, headers


class TableReader(Reader):
    shape = "table"

    def fit(self, doc: Document) -> Fit | None:
        items, headers = plan_tables(doc)
        if len(items) < 2:
            return None
        answered = sum(1 for item in items if item.answered)
        evidence = f"{len(items)} table rows under a 'Question' column, {answered} with an answer"
        explained, gaps = coverage(doc, items, headers)
        return Fit(self.shape, 1.0, explained, evidence, questions=len(items),
                   answered=answered, plan=items, gaps=gaps)  # fmt: skip

    def read(self, doc: Document, fit: Fit, topic: ParsedTopic) -> ParsedTopic | None:
        return read_items(doc, fit.plan, topic)
