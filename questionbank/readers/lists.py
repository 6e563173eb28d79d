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
from questionbank.readers.answers import (
    is_hollow,
    is_link_only,
    set_answer_markdown,
    split_question_code,
)
from questionbank.readers.base import Fit, Reader
from questionbank.readers.document import Document
from questionbank.readers.outline import (
    Item,
    apply_answer_key,
    assign_numbers,
    coverage,
    finish,
    group_above,
    is_answer_label,
    title_index,
)
from questionbank.readers.vocabulary import (
    has_cjk_text,
    is_question_section_label,
    looks_like_question,
    looks_like_task,
    question_title,
    split_number,
)

_MARKER = re.compile(r"^(\s*)(?:[-*+]|\d{1,9}[.)])(\s+|$)")
# Matched against a stripped line; every part is bounded, so no long line can make it slow.
_LABEL_LINE = re.compile(
    r"^(?:\*\*|__)?(?P<label>[^*_:：\n]{1,12})(?:\*\*|__)?[ \t]{0,4}[:：]?[ \t]{0,4}(?:\*\*|__)?"
)


_BLOCK_START = re.compile(r"^\s*(?:[-*+]\s|\d{1,9}[.)]\s|```|~~~|>|\|)")


_SUB_ITEM = re.compile(r"^\s*[-*+]\s+(.*)$")


def _follow_ups(question: str, answer: str) -> list[str]:
    """Sub-items under a question that are more of the question, not its answer: after a
    question ending in a colon ("Explain these headers:"), or sub-questions ("* If so, which?")."""
    lines = [line for line in answer.split("\n") if line.strip()]
    items: list[str] = []
    for line in lines:
        if m := _SUB_ITEM.match(line):
            items.append(m.group(1).strip())
        elif items and line.startswith((" ", "\t")):  # a sub-item wrapped onto the next line
            items[-1] = f"{items[-1]} {line.strip()}"
        else:
            return []
    if not items:
        return []
    if question.rstrip().endswith((":", "：")) or sum(map(_asks_more, items)) * 2 > len(items):
        return items
    return []


def _asks_more(item: str) -> bool:
    """A sub-item that asks ("If so, which?"), not one that answers with a sentence that
    happens to hold a question word ("Docker is a platform..., which virtualize hardware.")."""
    text = clean_title(item).rstrip("*_ ")
    if text.endswith(("?", "？")):
        return True
    if _NEXT_SENTENCE.search(text):
        return False  # two sentences or more: an explanation
    if text.endswith((".", "。", "!", "！")):
        return looks_like_task(text)  # "Describe what you like about..." asks for more
    return looks_like_question(text)


_NEXT_SENTENCE = re.compile(r"[.。!！;；]\s*\S")
# "**确认规则**：人数、信息是否完全……": a term and what it means.
_TERM = re.compile(r"^(\*\*|__)([^*_\n]{1,30}?)(?:[:：]\1|\1\s*[:：])\s*(\S.*)$", re.S)
# ...unless what follows the term opens as a question or a request ("**题目1**：说说…").
_ASK_START = re.compile(
    r"^(?:请|试|说说|谈谈|讲讲|聊聊|简述|描述|介绍|解释|列举|说明|如何|怎么|怎样|为什么|为何|什么|哪些|是否|能否)"
)
# A statement of two sentences or more, this long, is an explanation, not a question.
STATEMENT_MIN = 40


def _statement(item: str) -> bool:
    """An item that states rather than asks, whatever question words it holds ("是否",
    "不同"): a bold term and its explanation (not worded as a task: "**Closures**: explain..."
    asks), or two sentences or more of some length; never one with a question mark."""
    text = item.strip()
    if "?" in text or "？" in text:
        return False
    if term := _TERM.match(text):
        rest = term.group(3)
        return not (looks_like_task(rest) or _ASK_START.match(rest))
    return len(text) >= STATEMENT_MIN and bool(_NEXT_SENTENCE.search(text.rstrip("。.!！ ")))


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
    stray: list[tuple[int, str, str]] = field(default_factory=list)  # doubts: see Fit.doubts


def list_items(doc: Document, index: int) -> list[tuple[int, int, str]]:
    """(first line, last line, number info) of each top-level item of list block ``index``."""
    block = doc.top[index]
    level = doc.tokens[block.start].level + 1
    found = []
    for token in doc.tokens[block.start : block.end]:
        if token.type == "list_item_open" and token.level == level and token.map:
            found.append((token.map[0], token.map[1], token.info))
    return found


# "A) Java is always pass by value.": an answer lettered A under its question...
_LETTER_ANSWER = re.compile(r"^\s*(?:A|Ans)\)\s*")
# ...unless "B)" follows: then they are options.
_LETTER_OPTION = re.compile(r"^\s*[B-D][).]\s")
_LINE_BREAK = re.compile(r"(?:\s*<br\s*/?>)+\s*$", re.I)


def split_item(lines: list[str]) -> tuple[str, str, int]:
    """(question, answer, offset of the answer's first line) of one list item's source lines."""
    head = lines[0]
    marker = _MARKER.match(head)
    column = marker.end() if marker else 0
    body = [head[column:].strip(), *(_dedent(line, max(column, 2)) for line in lines[1:])]
    question: list[str] = []
    k = 0
    lettered = _LETTER_ANSWER.match(body[1]) if len(body) > 1 else None
    if lettered and any(_LETTER_OPTION.match(line) for line in body[2:]):
        lettered = None  # "A) ..." then "B) ...": the options of a multiple-choice question
    while k < len(body) and body[k].strip():
        if k and (answer_label(body[k]) is not None or _BLOCK_START.match(body[k])):
            break  # the answer starts right under the question: a label, a list, code...
        if k == 1 and lettered:
            break  # "**q?**<br>" then "A) the answer"
        last = _LINE_BREAK.sub("", question[-1].rstrip()) if question else ""
        if k and last.rstrip("*_").endswith(("?", "？")) and not _asks_on(body[k]):
            break  # "1. q？" with the answer on the next line (not "…？" then "请阐明思路。")
        if k == 1 and _answers_on(last, body[k]):
            break  # "2. map可不可以在遍历的时候删除" then "首先问清楚条件边界，……。" below
        question.append(body[k])
        k += 1
    if question:
        question[-1] = _LINE_BREAK.sub("", question[-1])  # "**q?**<br/>": the break is no word
    rest = body[k:]
    offset = k
    while rest and not rest[0].strip():
        rest, offset = rest[1:], offset + 1
    if rest and (lead := answer_label(rest[0])) is not None:
        rest = [lead, *rest[1:]]
    elif rest and lettered and (letter := _LETTER_ANSWER.match(rest[0])):
        rest = [rest[0][letter.end() :], *rest[1:]]
    answer = "\n".join(_dedent_block(rest)).strip("\n")
    return " ".join(q.strip() for q in question), answer, offset


# A line of Chinese prose that reads as an answer: this long at least, with a full stop.
_ANSWER_LINE_CHARS = 20


def _answers_on(question: str, line: str) -> bool:
    """A Chinese question line with no closing punctuation, then a long line of prose with
    a full stop: the answer, written on the next line of the same paragraph (Chinese text is
    not wrapped by hand, so the question does not go on there)."""
    question, line = question.strip().rstrip("*_ "), line.strip()
    return (
        has_cjk_text(question)
        and has_cjk_text(line)
        and not question.endswith(("，", ",", "、", "：", ":", "；", "（", "("))
        and len(line) >= _ANSWER_LINE_CHARS
        and "。" in line
        and not _asks_on(line)
    )


def _asks_on(line: str) -> bool:
    """A wrapped line that goes on asking: another question, or a request ("请阐明思路…")."""
    text = line.strip().rstrip("*_ ")
    return text.endswith(("?", "？")) or bool(re.match(r"(?:请|试|please\b)", text, re.I))


def _dedent_block(lines: list[str]) -> list[str]:
    indents = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip()]
    common = min(indents, default=0)
    return [line[common:] for line in lines]


def plan_lists(doc: Document) -> ListPlan:
    """The question lists of the file (worked out once, for this reader and ``bare.py``)."""
    if "lists" not in doc.cache:
        doc.cache["lists"] = _plan_lists(doc)
    return doc.cache["lists"]


# A paragraph that CommonMark did not take for a list item but a reader does: "18.java 容器都有
# 哪些？" (no space after the dot), "21、如何查看端口？".
_NUMBERED_PARAGRAPH = re.compile(r"^\s{0,3}(\d{1,4})\s*(?:[、．]|\.(?=\S))\s*(\S.*)$")
# "...\n4. How does it work?" inside a paragraph: CommonMark lets no list but "1." interrupt one.
_NUMBERED_LINE = re.compile(r"^\s{0,3}(\d{1,4})\s*[.、．]\s+(\S.*)$")
# "12<TAB>What is JSX?" (a spreadsheet column pasted as text), or "12. What is JSX?"
_NUMBER_TAB = re.compile(r"^\s{0,3}(\d{1,4})(?:\t+|\s*[.、．)]\s*)(\S.*)$")
# A short line ending in a colon ("common:", "Scenario:", "基础题：") above lines of questions.
_LINES_LABEL = re.compile(r"^\s{0,3}[^\s:：][^:：\n]{0,30}[:：]\s*$")
_DETAILS_ITEM = re.compile(r"^\s*<details\b", re.I)
_TOC_ENTRY = re.compile(r"^\s*\[[^\]]+\]\(#[^)]*\)\s*$")
# A few questions with text under them among many bare ones: the text may be notes, hints or
# follow-ups rather than answers ("* 如果不用 JS 完成，可以加分"), a count only a person can make.
FEW_ANSWERS_MIN = 2
FEW_ANSWERS_SHARE = 0.2
# One-item lists asking ("- q？" then its answer), this many and most of the one-item lists:
# the others, up to this long, opening text as they do, are questions too.
SPINE_MIN = 4
SPINE_ITEM_MAX = 60
# A run of numbered items (1, 2, 3...) is a list of questions when this share is worded as one.
RUN_ASKS = 0.4
MIN_RUN = 3
# ...or this share, for numbered paragraphs 1, 2, 3... one after another, nothing between them,
# in a file that calls itself a set of questions.
COUNTED_RUN_ASKS = 0.2


@dataclass
class _Unit:
    kind: str  # "item" (a list item), "para" (a numbered paragraph), "line", "heading", "other"
    block: int
    first: int = 0
    end: int = 0
    number: int | None = None
    words: str = ""
    answer: str = ""
    offset: int = 0
    list_size: int = 0
    asks: bool = False
    accepted: bool = False
    in_run: bool = False  # accepted as part of a run of numbers: what follows answers it
    follow_ups: list[str] = field(default_factory=list)
    md: str = ""  # its own Markdown, when it is one part of a paragraph
    labelled: bool = False  # holds an answer label ("**Answer:**", "A) ...")
    follow_up: bool = False  # asks more about the numbered question paragraph above it


def _units(doc: Document) -> list[_Unit]:
    skip = title_index(doc)
    units: list[_Unit] = []
    for i, block in enumerate(doc.top):
        if i == skip:
            continue
        if block.type == "heading":
            units.append(_Unit("heading", i))
        elif block.type in ("bullet_list", "ordered_list") and (
            shallow := _shallow_sub_list(doc, i, units)
        ):
            units[-1] = shallow
        elif block.type in ("bullet_list", "ordered_list"):
            items = list_items(doc, i)
            listed = []
            # A list made only of links, URLs and pictures is a reading list (or a table of
            # contents to other files): no questions. One such item among questions stays one.
            references = all(_reference_item(doc.lines[first:end]) for first, end, _i in items)
            for first, end, info in items:
                source = doc.lines[first:end]
                marker = _MARKER.match(source[0])
                if _TOC_ENTRY.match(source[0][marker.end() if marker else 0 :]):
                    continue  # a table of contents entry: a link to a heading of this file
                if _DETAILS_ITEM.match(source[0][marker.end() if marker else 0 :]):
                    continue  # "- <details><summary>q</summary>a</details>": details.py reads it
                question, answer, offset = split_item(source)
                words = clean_title(question_title(question))
                if not words and not answer.strip():
                    continue  # "7. " with nothing after it: no question
                if references:
                    doc.cache.setdefault("reference_lines", set()).update(range(first, end))
                    continue
                follow_ups = _follow_ups(question, answer)
                if follow_ups:
                    answer = ""
                number = int(info) if info.isdigit() else None
                asks = looks_like_question(words) or (number is not None and looks_like_task(words))
                # "1. Output of `2 ** 3`.\n   **Answer:**": an item that holds an answer label
                # is a question, whatever its wording.
                labelled = any(answer_label(line) is not None for line in source[1:]) or bool(
                    len(source) > 1
                    and _LETTER_ANSWER.match(source[1])
                    and not any(_LETTER_OPTION.match(line) for line in source[2:])
                )
                asks = (asks or labelled) and not _statement(question)
                listed.append(_Unit("item", i, first, end, number, words, answer, offset,
                                    len(items), asks, follow_ups=follow_ups,
                                    labelled=labelled))  # fmt: skip
            units.extend(listed or [_Unit("other", i)])
        elif block.type == "paragraph":
            units.extend(_paragraph_units(doc, i))
        else:
            units.append(_Unit("other", i))
    _question_paragraphs(doc, units)
    return units


# Paragraphs that are questions one after another, nothing else between them: at least this
# many, this share ending in a question mark (the others worded as a question or a task)...
MIN_PARAGRAPHS = 3
PARAGRAPHS_ASK = 0.7
# ...and each short enough to be a question, not an explanation.
PARAGRAPH_QUESTION_MAX = 300
# In a file that calls itself a set of questions, prompts of a few sentences ("Explain how…
# Describe… Provide an example…"), each opening as a question or a request, up to this long.
PARAGRAPH_PROMPT_MAX = 600
_PROMPT_START = re.compile(
    # A word boundary after the English words only: Chinese has none between characters.
    r"^\[?(?:(?:what|why|how|when|where|which|who|is|are|do|does|can|could|should|would|"
    r"explain|describe|define|list|name|compare|give|discuss|write|implement|design|tell)\b|"
    r"请|试|说说|谈谈|讲讲|简述|描述|介绍|解释|列举|说明|如何|怎么|怎样|为什么|什么|哪些|是否)",
    re.I,
)


def _question_paragraphs(doc: Document, units: list[_Unit]) -> None:
    """Questions written as plain paragraphs, one a paragraph, without list markers or answers:
    a run of such paragraphs that fills its section (under the title or a heading not itself
    worded or numbered as a question, up to the next heading; so never the paragraphs of an
    answer) is a bare list of questions."""
    k = 0
    while k < len(units):
        if not _asking_paragraph(doc, units[k]):
            k += 1
            continue
        end = k
        while end < len(units) and (_asking_paragraph(doc, units[end]) or _rule(doc, units[end])):
            end += 1
        run = [u for u in units[k:end] if not _rule(doc, u)]
        before = next((units[j] for j in range(k - 1, -1, -1) if not _rule(doc, units[j])), None)
        after = next((units[j] for j in range(end, len(units)) if not _rule(doc, units[j])), None)
        bounded = (before is None or _group_heading(doc, before)) and (
            after is None or after.kind == "heading"
        )
        ending = sum(1 for u in run if _plain(doc, u).rstrip().endswith(("?", "？")))
        prompts = doc.cache.get("declares_questions") and all(
            _PROMPT_START.match(_plain(doc, u)) for u in run
        )
        if (
            len(run) >= MIN_PARAGRAPHS
            and bounded
            and (ending >= PARAGRAPHS_ASK * len(run) or prompts)
        ):
            for unit in run:
                block = doc.top[unit.block]
                unit.kind, unit.first, unit.end = "line", block.first_line, block.last_line
                unit.words = clean_title(question_title(_plain(doc, unit)))
                unit.list_size, unit.asks, unit.accepted = len(run), True, True
        k = end


def _group_heading(doc: Document, unit: _Unit) -> bool:
    """A heading over questions, not one itself (whose paragraphs would be its answer)."""
    if unit.kind != "heading":
        return False
    _number, kind, rest = split_number(clean_title(doc.heading_text(unit.block)))
    return not (kind in ("question", "number") or rest.rstrip("*_ ").endswith(("?", "？")))


def _rule(doc: Document, unit: _Unit) -> bool:
    return unit.kind == "other" and doc.top[unit.block].type == "hr"


def _plain(doc: Document, unit: _Unit) -> str:
    block = doc.top[unit.block]
    return " ".join(line.strip() for line in doc.lines[block.first_line : block.last_line])


def _asking_paragraph(doc: Document, unit: _Unit) -> bool:
    if unit.kind != "other" or doc.top[unit.block].type != "paragraph":
        return False
    text = _plain(doc, unit)
    if _MARKER.match(text) or len(text) > PARAGRAPH_PROMPT_MAX:
        return False
    if len(text) > PARAGRAPH_QUESTION_MAX:  # a prompt of a few sentences, in a set of questions
        return bool(doc.cache.get("declares_questions") and _PROMPT_START.match(text))
    words = text.rstrip("*_ ")
    return words.endswith(("?", "？")) or looks_like_question(words) or looks_like_task(words)


_LINK_TEXT = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_URL = re.compile(r"<?https?://[^\s<>]+>?")


def _reference_item(source: list[str]) -> bool:
    marker = _MARKER.match(source[0])
    question, answer, _offset = split_item(source)
    return _reference(question) and not answer.strip() and bool(marker)


def _reference(text: str) -> bool:
    """An item that is only a link, a bare URL or a picture whose words do not ask anything:
    an entry of a reading list or a table of contents ("[Vue](./vue/question.md)")."""
    if not is_link_only(text):
        return False
    words = _URL.sub("", _LINK_TEXT.sub(lambda m: m.group(1), text)).strip()
    return not (looks_like_question(words) or looks_like_task(words))


def _shallow_sub_list(doc: Document, i: int, units: list[_Unit]) -> _Unit | None:
    """ "10. q" then "   * Can you give an example?": indented, but less than "10. " needs, so
    CommonMark starts a new list. Follow-up questions are the item's own."""
    block = doc.top[i]
    line = doc.lines[block.first_line]
    if not units or not line.startswith(" ") or block.type != "bullet_list":
        return None
    above = units[-1]
    if above.kind != "item" or above.block != i - 1 or above.end != block.first_line:
        return None
    marker = _MARKER.match(doc.lines[above.first])
    if not marker or len(line) - len(line.lstrip(" ")) >= marker.end():
        return None
    end = block.first_line
    for first, item_end, _info in list_items(doc, i):
        if not doc.lines[first].startswith(" "):
            rest = doc.lines[first:item_end]
            if looks_like_question(" ".join(rest)):
                return None  # the list goes on with questions of its own
            break  # "* ### Next group": the file's own, not the item's
        end = item_end
    source = doc.lines[above.first : end]
    question, answer, offset = split_item(source)
    follow_ups = _follow_ups(question, answer)
    if not follow_ups:
        return None  # an answer indented too little: a doubt (_cut_off_answers), not a guess
    return _Unit("item", above.block, above.first, end, above.number, above.words, "", offset,
                 above.list_size, above.asks, follow_ups=follow_ups)  # fmt: skip


def _paragraph_units(doc: Document, i: int) -> list[_Unit]:
    block = doc.top[i]
    lines = doc.lines[block.first_line : block.last_line]
    opens = i == 0 or doc.top[i - 1].type in ("heading", "hr")  # not in the flow of an answer
    if opens and (lined := _numbered_lines(i, block.first_line, lines)):
        return lined
    # "**1、谈谈 Redis 和 Memcached 的区别。**（出处）": a bold numbered question, its source after
    numbered = [_unbold(lines[0]), *lines[1:]]
    # "答案。\n12、下一题？": a numbered question can start on any line of a paragraph.
    starts = [0] + [
        k
        for k in range(1, len(lines))
        if (_NUMBERED_PARAGRAPH.match(lines[k]) or _NUMBERED_LINE.match(lines[k]))
        and lines[k].rstrip().endswith(("?", "？"))
    ]
    if len(starts) > 1 or _NUMBERED_PARAGRAPH.match(numbered[0]):
        units = []
        for at, end in zip(starts, [*starts[1:], len(lines)], strict=True):
            unit = _numbered_segment(i, block.first_line + at, numbered[at:end])
            if unit is None:
                unit = _Unit("other", i, block.first_line + at, block.first_line + end)
            unit.md = "\n".join(lines[at:end]).strip()
            units.append(unit)
        return units
    # "Scenario:" above the question lines: a label of the lines below, not a question.
    label = 1 if _LINES_LABEL.match(lines[0]) and not looks_like_question(lines[0]) else 0
    lines, first_line = lines[label:], block.first_line + label
    asking = [line for line in lines if looks_like_question(line)]
    if len(lines) >= 3 and len(asking) >= 0.7 * len(lines) and not _MARKER.match(lines[0]):
        numbered = [_NUMBER_TAB.match(line) for line in lines]
        labels = [line for line, m in zip(lines, numbered, strict=True) if not m and line.strip()]
        if sum(1 for m in numbered if m) >= 0.7 * len(lines) and not any(
            line.rstrip().endswith(("?", "？")) for line in labels
        ):  # an unnumbered line that asks is a question (or half of one), never a label
            # "1<TAB>What is React?" lines with "React Router" lines between them: the
            # numbered lines are the questions, the others label the groups that follow.
            return [
                _Unit(
                    "line",
                    i,
                    n,
                    n + 1,
                    int(m.group(1)),
                    clean_title(question_title(m.group(2))),
                    "",
                    0,
                    len(lines),
                    True,
                    True,
                )
                for n, m in enumerate(numbered, start=first_line)
                if m is not None
            ]
        return [
            _Unit(
                "line",
                i,
                n,
                n + 1,
                None,
                clean_title(question_title(line)),
                "",
                0,
                len(lines),
                True,
                True,
            )
            for n, line in enumerate(lines, start=first_line)
            if line.strip() and not is_question_section_label(line.strip().rstrip(":："))
        ]
    return [_Unit("other", i)]


# "计算机网络" above "15.http2.0", "16.tcp udp区别"...: a short title line, not a sentence.
_HEAD_LINE = re.compile(r"^\s{0,3}[^\s\d][^\n]{0,29}$")
# Lines of a numbered paragraph longer than this are prose, not a list of short questions.
LINE_QUESTION_MAX = 80


def _numbered_lines(i: int, first: int, lines: list[str]) -> list[_Unit]:
    """A paragraph whose lines are numbered one after another ("15.http2.0", "16.tcp udp区别",
    "17.DNS过程"; no space after the dot, so CommonMark saw no list), under an optional title
    line: one question per line, whatever their wording. [] when it is not such a paragraph."""
    head = 0 if _NUMBERED_PARAGRAPH.match(lines[0]) else 1
    if head and not (_HEAD_LINE.match(lines[0]) and not lines[0].rstrip().endswith(_STOPS)):
        return []
    found = [_NUMBERED_PARAGRAPH.match(line) for line in lines[head:]]
    if len(found) < MIN_RUN or not all(found):
        return []
    numbers = [int(m.group(1)) for m in found if m]
    if numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        return []
    if any(len(line.strip()) > LINE_QUESTION_MAX for line in lines[head:]):
        return []
    return [
        _Unit("line", i, first + head + k, first + head + k + 1, int(m.group(1)),
              clean_title(question_title(m.group(2))), "", 0, len(found), True, True)
        for k, m in enumerate(found)
        if m
    ]  # fmt: skip


_STOPS = (".", "。", "?", "？", "!", "！", ":", "：", ";", "；", ",", "，")


_BOLD_NUMBER = re.compile(r"^(\s{0,3})(\*\*|__)(\d{1,4}\s*[、．.]\s*[^*_\s][^\n]*?)\2(.*)$")


def _unbold(line: str) -> str:
    """ "**3、Redis 为什么快？**（link）" -> "3、Redis 为什么快？（link）"; others unchanged."""
    match = _BOLD_NUMBER.match(line)
    return f"{match.group(1)}{match.group(3)}{match.group(4)}" if match else line


def _numbered_segment(i: int, first: int, lines: list[str]) -> _Unit | None:
    match = _NUMBERED_PARAGRAPH.match(lines[0]) or (
        _NUMBERED_LINE.match(lines[0])
        if first and lines[0].rstrip().endswith(("?", "？"))
        else None
    )
    if not match:
        return None
    words = clean_title(question_title(match.group(2)))
    rest = "\n".join(lines[1:]).strip()
    if rest and not words.endswith(("?", "？")):  # one question over several lines
        words = clean_title(" ".join([words, *(line.strip() for line in lines[1:])]))
        rest = ""
    asks = looks_like_question(words) or looks_like_task(words)
    return _Unit("para", i, first, first + len(lines), int(match.group(1)), words, rest, 1, 1,
                 asks)  # fmt: skip


# Items of a list of topics to ask about are short ("vite", "插槽", "父子组件通信").
TOPIC_ITEM_MAX = 60


def _rule_split_lists(doc: Document, by_block: dict[int, list[_Unit]]) -> int:
    """In a file that calls itself a set of questions, lists split only by rules ("---")
    where some are lists of questions and none holds an answer: every such list is one, its
    short items questions whatever their wording ("* vite", "* 插槽"), sub-items their
    follow-ups. Returns how many lists this adds."""
    order = sorted(by_block)
    runs: list[list[int]] = []
    for block in order:
        between = range(runs[-1][-1] + 1, block) if runs else range(0)
        if between and all(doc.top[k].type == "hr" for k in between):
            runs[-1].append(block)
        else:
            runs.append([block])
    added = 0
    for run in runs:
        units = [u for b in run for u in by_block[b]]
        if len(run) < 2 or not any(u.accepted for u in units):
            continue
        follow_ups = {id(u): _sub_items(u.answer) for u in units}
        if any(u.answer.strip() and follow_ups[id(u)] is None for u in units) or any(
            len(u.words) > TOPIC_ITEM_MAX or not u.words for u in units
        ):
            continue  # an answer, or a long line: not a list of topics
        for u in units:
            if not u.accepted:
                u.accepted = True
                added += u is by_block[u.block][0]
            if follow_ups[id(u)]:
                u.follow_ups, u.answer = follow_ups[id(u)], ""
    return added


def _sub_items(answer: str) -> list[str] | None:
    """The sub-items when an item's "answer" is only a list of short sub-items, else None."""
    lines = [line for line in answer.split("\n") if line.strip()]
    found = [m.group(1).strip() for line in lines if (m := _SUB_ITEM.match(line))]
    if not lines or len(found) != len(lines) or any(len(f) > TOPIC_ITEM_MAX for f in found):
        return None
    return found


def _next_type(blocks_of: dict[int, str], block: int) -> str:
    return blocks_of.get(block + 1, "")


def _accept(units: list[_Unit], doc: Document) -> int:
    """Mark the units that are questions; returns how many lists of questions there are."""
    lists = 0
    blocks_of = {i: block.type for i, block in enumerate(doc.top)}
    by_block: dict[int, list[_Unit]] = {}
    for unit in units:
        if unit.kind == "item":
            by_block.setdefault(unit.block, []).append(unit)
    # "- q？" then "> answer", one list per question: what follows those says what follows a
    # question, so a one-item list worded as a question or task and followed alike is one too.
    asking_singles = [
        listed[0]
        for listed in by_block.values()
        if len(listed) == 1 and listed[0].words.endswith(("?", "？"))
    ]
    after_asks = {_next_type(blocks_of, unit.block) for unit in asking_singles} - {""}
    strong = len(asking_singles)
    bullets = [
        b for b, listed in by_block.items() if len(listed) == 1 and blocks_of[b] == "bullet_list"
    ]
    asking_bullets = sum(1 for b in bullets if by_block[b][0].words.endswith(("?", "？")))
    # ...and where most one-item lists ask, each opening the text below it ("- q？", prose,
    # "- $ 和 # 的区别", a numbered list, "- 防止 sql 注入的几种方式", ...), the lists are the
    # file's questions and the text between them their answers, whatever each one's words.
    spine = asking_bullets >= SPINE_MIN and asking_bullets * 2 > len(bullets)
    doc.cache["bullet_spine"] = spine
    for listed in by_block.values():
        if len(listed) == 1 and not listed[0].words.endswith(("?", "？")):
            after = _next_type(blocks_of, listed[0].block)
            alike = (
                strong >= 2
                and len(after_asks) == 1
                and after in after_asks
                and (looks_like_question(listed[0].words) or looks_like_task(listed[0].words))
            ) or (
                spine
                and blocks_of[listed[0].block] == "bullet_list"
                and after not in ("", "bullet_list", "heading")
                and len(listed[0].words) <= SPINE_ITEM_MAX
                and not _statement(listed[0].words)
                and not _reference(listed[0].words)
            )
            if not alike and not listed[0].labelled:
                continue  # one bullet in an answer ("- 变量的作用是固定的") is weak evidence
            listed[0].asks = True
        if sum(1 for u in listed if u.asks) * 2 > len(listed):
            lists += 1
            for unit in listed:
                unit.accepted = True
    if doc.cache.get("declares_questions"):
        lists += _rule_split_lists(doc, by_block)
    # Runs of numbers (1, 2, 3...) of one kind: lazily numbered one-item lists, numbered
    # paragraphs. Questions worded as tasks ("显示当前目录") count when the run as a whole asks.
    declared = doc.cache.get("declares_questions")
    position = {id(u): k for k, u in enumerate(units)}
    for kind in ("item", "para"):
        run: list[_Unit] = []
        for unit in [u for u in units if u.kind == kind and u.number is not None] + [None]:
            if unit is not None and run and unit.number == run[-1].number + 1:
                run.append(unit)
                continue
            asking = sum(1 for u in run if u.asks)
            # "1、内存分配" .. "13、线程安全什么意思？", nothing between them, in a file that calls
            # itself a set of questions: numbered from 1 as questions are, topics to explain
            # among them count (the run's numbering says what they are, not each one's words)
            counted = (
                kind == "para"
                and declared
                and len(run) >= MIN_RUN
                and run[0].number == 1
                and position[id(run[-1])] - position[id(run[0])] == len(run) - 1
            )
            # "1. go 切片初始化", its code, "2. map可不可以…", its text, "3. 函数返回值"...: one-
            # item lists numbered on from 1, each split from the next by its answer, in such a
            # file: the numbering and the answers between say they are questions.
            split = (
                kind == "item"
                and declared
                and len(run) >= MIN_RUN
                and run[0].number == 1
                and len({u.block for u in run}) >= len(run) - 1
            )
            share = 0 if split else COUNTED_RUN_ASKS if counted else RUN_ASKS
            if (len(run) >= MIN_RUN and asking >= share * len(run)) or (
                len(run) >= 2 and asking == len(run)
            ):
                whole = kind == "para" or all(
                    len(by_block[b]) == sum(1 for u in run if u.block == b)
                    for b in {u.block for u in run}
                )  # a run never takes part of a list: the rest would be lost
                if whole:
                    lists += 1
                    spread = kind == "para" or len({u.block for u in run}) > 1
                    for member in run:
                        member.accepted = True
                        member.in_run = spread  # items split by their answers: lazy numbering
            run = [unit] if unit is not None else []
    # "4. q?" that CommonMark folded into a paragraph, its number between the accepted
    # questions' around it (3 and 5): a question of the same run.
    numbered = [u for u in units if u.kind in ("item", "para") and u.number is not None]
    for k, unit in enumerate(numbered):
        if unit.accepted or unit.kind != "para" or not unit.asks or not k:
            continue
        before, after = numbered[k - 1], numbered[k + 1] if k + 1 < len(numbered) else None
        if (
            before.accepted
            and before.number + 1 == unit.number
            and (after is None or (after.accepted and after.number == unit.number + 1))
        ):
            unit.accepted = unit.in_run = True
    lists -= _follow_up_lists(units)
    lists += sum(1 for u in units if u.kind == "line" and u.first == doc_first_line(units, u))
    return lists


def _follow_up_lists(units: list[_Unit]) -> int:
    """Unnumbered lists taken for questions between two questions of a run numbered one after
    another across the file ("2、用户态和内核态。", "* 哪些系统调用会进到内核态", "3、…"; "14. q"
    over "- 实现一个监听器 Observer" and "15. q"): the question above's, not questions of their
    own: its follow-ups when they ask (under paragraphs) or all end asking, else its answer.
    How many such lists."""
    found = 0
    k = 0
    while k < len(units):
        unit = units[k]
        end = k
        while end < len(units) and units[end].kind == "item" and units[end].block == unit.block:
            end += 1
        if end == k:
            k += 1
            continue
        listed = units[k:end]
        before = units[k - 1] if k else None
        after = units[end] if end < len(units) else None
        if (
            before is not None
            and after is not None
            and before.kind == after.kind
            and before.kind in ("para", "item")
            and before.accepted
            and before.in_run
            and after.accepted
            and before.number is not None
            and after.number == before.number + 1
            and all(u.accepted and u.asks and u.number is None for u in listed)
        ):
            found += 1
            # under question paragraphs, bullets that ask ask more; under numbered items, bullets
            # are the answer's points unless each ends asking
            asking = before.kind == "para" or all(u.words.endswith(("?", "？")) for u in listed)
            for member in listed:
                member.accepted, member.follow_up = False, asking
        k = end
    return found


# "7 . Explain..." (a space before the dot): CommonMark sees a paragraph, a reader a question.
_LOOSE_NUMBER = re.compile(r"^\s{0,3}\d{1,4}\s*[.、．)）]\s*(\S.*)$")


def _stray_question(doc: Document, unit: _Unit) -> tuple[int, str, str] | None:
    """A unit after the first question that no question takes as its answer, yet reads as a
    question: a list item ending in a question mark, or a numbered paragraph worded as a
    question. The reading would drop it silently."""
    if unit.kind == "item" and unit.words.endswith(("?", "？")):
        return unit.first + 1, "question_left_out", unit.words
    if unit.kind == "para" and unit.words.endswith(("?", "？")):  # "9. q?" out of sequence
        return unit.first + 1, "question_left_out", unit.words
    if unit.kind == "other" and doc.top[unit.block].type == "paragraph":
        block = doc.top[unit.block]
        match = _LOOSE_NUMBER.match(doc.lines[block.first_line])
        if match and (looks_like_question(match.group(1)) or looks_like_task(match.group(1))):
            return block.first_line + 1, "question_left_out", clean_title(match.group(1))
        first, end = (unit.first, unit.end) if unit.end else (block.first_line, block.last_line)
        for n in range(first + 1, end):  # "...\n3. How does X work?"
            if asking := _NEXT_NUMBERED.match(doc.lines[n]):
                return n + 1, "question_left_out", clean_title(asking.group(2))
    return None


def _cut_off_answers(units: list[_Unit], taken: dict[int, Item]) -> list[tuple[int, str, str]]:
    """The last question of an answered list left without an answer while the next block, with
    no heading between, is not a question: its answer was probably indented too little to stay
    in the list ("10. **q**" then "   - answer", short of the item's 4 columns)."""
    found = []
    sizes: dict[int, int] = {}  # per list block: its items, and those answered
    answered: dict[int, int] = {}
    for unit in units:
        if unit.kind == "item":
            sizes[unit.block] = sizes.get(unit.block, 0) + 1
            item = taken.get(id(unit))
            answered[unit.block] = answered.get(unit.block, 0) + bool(item and item.answer_md)
    for k, unit in enumerate(units[:-1]):
        after = units[k + 1]
        item = taken.get(id(unit))
        if unit.kind != "item" or item is None or item.answer_md or after.block == unit.block:
            continue
        others = sizes[unit.block] - 1  # the item itself is unanswered
        if (
            others
            and answered[unit.block] * 2 >= others
            and after.kind != "heading"
            and (not after.accepted)
        ):
            found.append((unit.first + 1, "answer_cut_off", unit.words))
    return found


_NEXT_NUMBERED = re.compile(r"^\s{0,3}(\d{1,4})\s*[.、]\s*(\S.*[?？])\s*$")


def _numbered_in_answers(items: list[Item]) -> list[tuple[int, str, str]]:
    """A line in an answer that asks with the next question's number ("3. q?" then, inside
    its answer, "4. How does it work?" that CommonMark folds into the paragraph): a question
    the reading leaves out."""
    found = []
    for item in items:
        if item.number is None or not item.answer_md:
            continue
        for k, line in enumerate(item.answer_md.split("\n")):
            match = _NEXT_NUMBERED.match(line)
            if match and int(match.group(1)) == item.number + 1:
                line_no = (item.answer_line or item.line) + k
                found.append((line_no, "question_left_out", match.group(2)))
                break
    return found


def _asks_alone(words: str) -> bool:
    return looks_like_question(words) or looks_like_task(words)


# A list of this many questions or more, this share of them sentences that ask...
LABELS_MIN_LIST = 5
LABELS_SENTENCES = 0.75
# ...where an item this short, not worded as a question, may be a label of the ones below it.
LABEL_MAX = 40
_ID_PREFIX = re.compile(r"^[A-Z][A-Z0-9]{0,9}-\d{1,5}\s*[—–:-]\s*")


def _labels_among_questions(items: list[Item]) -> list[tuple[int, str, str]]:
    """In a list of question sentences ("PROJ-007 — Tell me about yourself.", "What is...?"),
    items that are a few words asking nothing ("Terraform", "⸻", "Azure Scenarios"): labels of
    the questions below them, or questions only their author knows; a count only a person can
    make ("label_among_questions", refused as an unclear reading)."""
    found = []
    by_block: dict[int | None, list[Item]] = {}
    for item in items:
        by_block.setdefault(item.block, []).append(item)
    for listed in by_block.values():
        if len(listed) < LABELS_MIN_LIST:
            continue
        words = [
            _ID_PREFIX.sub("", clean_title(item.text.split("\n")[0])).strip() for item in listed
        ]
        sentences = [_sentence(w) for w in words]
        if sum(sentences) < LABELS_SENTENCES * len(listed):
            continue
        for item, text, sentence in zip(listed, words, sentences, strict=True):
            if sentence or len(text) > LABEL_MAX:
                continue
            if not (looks_like_question(text) or looks_like_task(text)):
                found.append((item.line, "label_among_questions", text or item.text))
    return found


_SENTENCE_ENDS = ("?", "？", ".", "。")
_TRAILING_ASIDE = re.compile(r"\s*[(（][^()（）]{0,80}[)）]$")


def _sentence(text: str) -> bool:
    """Asks with a question mark, or ends as a sentence does (an aside in brackets aside)."""
    if "?" in text or "？" in text:
        return True
    return _TRAILING_ASIDE.sub("", text.rstrip("*_ ")).endswith(_SENTENCE_ENDS)


def doc_first_line(units: list[_Unit], unit: _Unit) -> int:
    return min(u.first for u in units if u.kind == "line" and u.block == unit.block)


def _plan_lists(doc: Document) -> ListPlan:
    plan = ListPlan()
    units = _units(doc)
    plan.lists = _accept(units, doc)
    last: Item | None = None
    taken: dict[int, Item] = {}  # id of an accepted unit -> its item
    # questions written one list each ("- q？" then its answer): another one-item list asking
    # or asking for something, taken into an answer, may be a question the reading drops
    singles = sum(
        1 for u in units if u.kind == "item" and u.list_size == 1 and u.words.endswith(("?", "？"))
    )
    # The last question of a longer list that has an answer of its own ("2. q\nAnswer: ..."),
    # with what follows it up to the next question: that text goes on with its answer (a list,
    # a paragraph) when another question comes before any heading; else it is the file's prose.
    held: Item | None = None
    owed: list[tuple[str, int]] = []
    for k, unit in enumerate(units):
        if unit.kind == "heading":
            last, held, owed = None, None, []
            continue
        if unit.accepted and held is not None:
            for markdown, block_index in owed:
                held.answer_md = f"{held.answer_md}\n\n{markdown}"
                held.span = (held.span[0], doc.top[block_index].last_line)
            held, owed = None, []
        stray = None if last or unit.accepted or not plan.items else _stray_question(doc, unit)
        if stray is not None:
            plan.stray.append(stray)
        if unit.follow_up and last is not None:
            last.follow_ups.append(unit.words)
            continue
        if unit.accepted:
            item = Item(line=unit.first + 1, number=unit.number, text=unit.words,
                        group=group_above(doc, unit.block), block=unit.block,
                        span=(unit.first, unit.end))  # fmt: skip
            item.answer_md = unit.answer
            taken[id(unit)] = item
            item.follow_ups = unit.follow_ups
            item.answer_line = unit.first + 1 + unit.offset if unit.answer else None
            plan.items.append(item)
            plan.asks += unit.asks
            # What follows a one-item list or a numbered paragraph ("1. q" then its answer,
            # lazy numbering) answers it; after a longer list it is the file's own prose.
            last = item if unit.kind == "para" or unit.list_size == 1 or unit.in_run else None
            ends_list = k + 1 == len(units) or units[k + 1].block != unit.block
            answered_last = unit.kind == "item" and bool(unit.answer) and ends_list
            held, owed = (item if last is None and answered_last else None), []
            continue
        if last is None and held is not None and unit.kind != "line":
            whole = unit.kind != "item" or unit.first == doc.top[unit.block].first_line
            if whole and (markdown := unit.md or doc.markdown(unit.block, unit.block + 1)):
                owed.append((markdown, unit.block))
            continue
        if last is None or unit.kind == "line":
            continue
        block = doc.top[unit.block]
        if unit.kind == "item" and unit.first != doc.top[unit.block].first_line:
            continue  # the rest of a list already added whole
        markdown = unit.md or doc.markdown(unit.block, unit.block + 1)
        if (
            unit.kind == "item"
            and unit.list_size == 1
            and singles >= 2
            and _asks_alone(unit.words)
            and not (doc.cache.get("bullet_spine") and block.type == "ordered_list")
        ):
            # "- 请给出...。" taken into the answer above: a question, or part of the answer?
            # (not "1. 使用 ${}…" under "- $ 和 # 的区别": a step of the answer, numbered as
            # the questions, one-item bullet lists, are not)
            plan.stray.append((unit.first + 1, "question_left_out", unit.words))
        if markdown:
            last.answer_md = f"{last.answer_md}\n\n{markdown}" if last.answer_md else markdown
            if last.answer_line is None:
                last.answer_line = doc.line_of(unit.block)
            last.span = (last.span[0], block.last_line)
    plan.stray.extend(_cut_off_answers(units, taken))
    plan.stray.extend(_numbered_in_answers(plan.items))
    plan.stray.extend(_labels_among_questions(plan.items))
    apply_answer_key(doc, plan.items)
    for item in plan.items:
        if (lead := answer_label(item.answer_md.split("\n", 1)[0])) is not None:
            rest = item.answer_md.split("\n", 1)[1:] or [""]
            item.answer_md = "\n".join([lead, *rest]).strip("\n")
        if item.answer_md and (shown := split_question_code(item.text, item.answer_md)):
            code, item.answer_md = shown  # the code the question asks about, or leaves to fill
            item.text = f"{item.text}\n\n{code}"
    without_empty_answers(plan.items)
    return plan


def without_empty_answers(items: list[Item]) -> list[Item]:
    """``items`` whose "answers" are a pointer elsewhere ("[9_answer](9_O_big.py)") or hold no
    words (a heading with nothing of its own) left unanswered: the same for every reading of
    Markdown-text items (lists, <details>, markers), so their counts agree."""
    for item in items:
        if item.answer_md and (is_link_only(item.answer_md) or is_hollow(item.answer_md)):
            item.answer_md, item.answer_line = "", None
    return items


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
        explained, gaps = coverage(doc, items, doc.cache.get("reference_lines"))
        doubts = list(plan.stray)
        if FEW_ANSWERS_MIN <= answered < FEW_ANSWERS_SHARE * len(items):
            first = next(item for item in items if item.answered)
            doubts.append((first.line, "few_answers", first.text))
        return Fit(self.shape, score, explained, evidence, questions=len(items),
                   answered=answered, plan=items, gaps=gaps, doubts=doubts)  # fmt: skip

    def read(self, doc: Document, fit: Fit, topic: ParsedTopic) -> ParsedTopic | None:
        return read_items(doc, fit.plan, topic)


def read_items(doc: Document, items: list[Item], topic: ParsedTopic) -> ParsedTopic:
    """Questions from items whose answers are Markdown text (lists, details, inline markers)."""
    questions = []
    for number, item in zip(assign_numbers(items), items, strict=True):
        question = ParsedQuestion(number=number, text=item.text, line=item.line)
        question.group = item.group
        question.text_html = rendering.render_markdown(item.text)
        question.follow_ups = list(item.follow_ups)
        set_answer_markdown(question, item.answer_md, item.answer_line)
        questions.append(question)
    topic.questions = questions
    finish(doc, topic, items)
    return topic
