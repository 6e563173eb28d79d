"""A heading per question, its answer below it: ``### 1. q``, ``## 第N题：q``, ``### Q3: q``,
``### [1、q](url)``, or unnumbered ``## q?`` headings under a title.

The question level is the heading level holding the most question-like headings; shallower
headings above the questions are their groups (``## 一、基础``); deeper ones belong to the answer.
An answer may be labelled (``**答案：**``, ``**参考答案**``, ``**Answer:**``): what comes before the
label then belongs to the question. An answer held entirely in fenced code is still an answer.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from questionbank import rendering
from questionbank.mdtokens import clean_title, heading_level, normalize
from questionbank.parsed import ParsedQuestion, ParsedTopic
from questionbank.readers.answers import (
    code_to_fill,
    is_aside,
    is_hollow,
    is_link_only,
    set_answer,
    set_answer_markdown,
)
from questionbank.readers.base import Fit, Reader
from questionbank.readers.details import find_details_in, split_summary
from questionbank.readers.document import Document
from questionbank.readers.html_to_md import html_to_markdown
from questionbank.readers.lists import plan_lists
from questionbank.readers.outline import (
    Item,
    assign_numbers,
    coverage,
    finish,
    is_answer_label,
    title_index,
    untagged,
)
from questionbank.readers.vocabulary import (
    ANSWER_SECTION,
    is_question_section_label,
    is_reveal_label,
    looks_like_question,
    looks_like_task,
    question_title,
    split_number,
    subject_terms,
)


@dataclass
class _Candidate:
    index: int
    level: int
    text: str
    number: int | None
    numbered: bool
    asks: bool  # worded as a question, or a numbered task ("1.显示当前目录")
    worded: bool  # worded as a question


# Sections of a file's own, not questions, at the level of its questions.
_SIDE_SECTION = re.compile(
    r"参考|总结|小结|结语|前言|引言|目录|附录|延伸阅读|相关阅读|推荐阅读|资料|链接|说明|"
    r"\b(?:references?|summary|conclusion|introduction|overview|resources|links|see also|"
    r"further reading|table of contents|appendix|notes?|credits|license|contributing)\b",
    re.I,
)
# A side section's heading is short ("## 参考链接", "## 目录") or opens with its word ("## 总结一
# 下"), and asks nothing; headings merely holding the word ask or set a task ("#### 软链接与硬
# 链接的区别", "#### 统计 /var/log 目录中的文件总数").
_SIDE_SECTION_CHARS = 10


def _side_section(text: str) -> bool:
    words = clean_title(untagged(text))
    _number, _kind, words = split_number(words)
    match = _SIDE_SECTION.search(words)
    if match is None or looks_like_question(words):
        return False
    return len(words) <= _SIDE_SECTION_CHARS or not words[: match.start()].strip(" #*_:：-")


# sections.py: this share of a file's headings (of the question level) worded as questions.
SECTIONS_WORDED = 0.6
# ...or, in a file with no title whose headings are all of one level, this many of them.
FLAT_MIN = 6
# A run of headings numbered one after another this long, this share of them worded as
# questions, is a run of questions.
LONG_RUN = 6
LONG_RUN_ASKS = 0.35
# Headings without any answer are questions only in a run of this many, all worded as questions.
UNANSWERED_MIN = 3
_CLOSE_DETAILS = re.compile(
    r"^\s*(?:</?(?:details|article|section|div|p|span|b|strong|center)\b[^<>]*>\s*)+$", re.I
)  # "</details>", "</article>", "<article data-level=…>": the markup around an answer
_FOLD = re.compile(r"^\s*<details[^>]*>\s*<summary[^>]*>(.*?)</summary>\s*$", re.I | re.S)
_FOLD_OPEN = re.compile(r"^\s*<details\b", re.I)


# "<details><summary><b>答案</b></summary>\n<p>\nundefined", the fold going on in later blocks
_FOLD_HEAD = re.compile(r"^\s*<details[^>]*>\s*<summary[^>]*>(.*?)</summary>(.*)$", re.I | re.S)


def _reveal_fold(doc: Document, index: int) -> bool:
    """A ``<details><summary>查看答案</summary>`` paragraph: the answer follows, folded (it may
    start in the same paragraph, right after the summary)."""
    return fold_lead(doc, index) is not None


def fold_lead(doc: Document, index: int) -> str | None:
    """The start of a folded answer in the paragraph that opens the fold ("" when the answer
    starts below it); None when the paragraph does not open an answer's fold."""
    if doc.top[index].type not in ("paragraph", "html_block"):
        return None
    match = _FOLD_HEAD.match(doc.markdown(index, index + 1))
    if not match or "</details" in match.group(2).lower():
        return None  # a fold closed in the same paragraph: _folded_answer's
    if not is_reveal_label(re.sub(r"<[^>]+>", "", match.group(1))):
        return None
    return (
        html_to_markdown(match.group(2), keep_bold=True).strip() if match.group(2).strip() else ""
    )


_DETAILS_OPEN = re.compile(r"<details\b", re.I)
_DETAILS_CLOSE = re.compile(r"</details\s*>", re.I)


def in_answer_folds(doc: Document) -> set[int]:
    """The blocks inside an answer's fold, from ``<details><summary>参考答案</summary>`` to the
    ``</details>`` closing it: a heading there ("## 一、考察点") is part of the folded answer,
    not a question or a section of the file. A fold never closed hides nothing. So are a
    heading labelling the answer to the question heading above it and its section
    (:func:`_answer_label_sections`)."""
    if "in_answer_folds" in doc.cache:
        return doc.cache["in_answer_folds"]
    found: set[int] = set()
    pending: list[int] = []
    depth = 0
    for k, block in enumerate(doc.top):
        markup = block.type in ("paragraph", "html_block")
        if not depth:
            if markup and _reveal_fold(doc, k):
                text = doc.markdown(k, k + 1)
                depth = len(_DETAILS_OPEN.findall(text)) - len(_DETAILS_CLOSE.findall(text))
                pending = []
            continue
        if markup:
            text = doc.markdown(k, k + 1)
            depth += len(_DETAILS_OPEN.findall(text)) - len(_DETAILS_CLOSE.findall(text))
            if depth <= 0:
                depth = 0
                found.update(pending)
                continue
        pending.append(k)
    found.update(_answer_label_sections(doc))
    doc.cache["in_answer_folds"] = found
    return found


# "#### LICSLAN回答:", "### 参考答案": a heading that only labels the answer to the heading above.
_ANSWER_WORD = re.compile(r"回答|答案|解答|answer", re.I)
_NAMED_ANSWER = re.compile(
    r"^(?:[a-z0-9 ._-]{1,20}|我的|my )\s*(?:回答|答案|解答|answer)\s*[:：]?$"
)


def _answer_label_sections(doc: Document) -> set[int]:
    """Headings that label the answer to the question heading right above them, at its level
    or below ("#### 01.q" then "#### LICSLAN回答:" then the answer), and the blocks under them
    up to the next heading of their level or above: the answer, as a fold's body is."""
    found: set[int] = set()
    if not _ANSWER_WORD.search(doc.text):
        return found  # most files: no heading can be such a label
    heads = [k for k in range(len(doc.top)) if doc.is_heading(k)]
    above = None  # the heading above, outside any answer found
    for at, k in enumerate(heads):
        if k in found:
            continue
        if above is not None and _labels_answer_to(doc, k, above):
            level = heading_level(doc.top[k])
            end = next((j for j in heads[at + 1 :] if heading_level(doc.top[j]) <= level),
                       len(doc.top))  # fmt: skip
            found.update(range(k, end))
            continue
        above = k
    return found


def _labels_answer_to(doc: Document, k: int, above: int) -> bool:
    if not _ANSWER_WORD.search(doc.heading_text(k)):
        return False  # cheap first: most headings are no label
    words = normalize(clean_title(untagged(doc.heading_text(k))))
    if not (is_answer_label(words) or _NAMED_ANSWER.match(words)):
        return False
    if heading_level(doc.top[above]) > heading_level(doc.top[k]):
        return False
    asked = normalize(clean_title(untagged(doc.heading_text(above))))
    _number, kind, rest = split_number(asked)
    asks = kind in ("number", "question") or looks_like_question(rest)
    return asks and not is_question_section_label(asked)


def _folded_answer(doc: Document, index: int) -> str | None:
    """The answer inside one HTML block ``<details><summary>第 1 题的答案</summary>...</details>``
    (no blank line in it, so the whole fold is one block), as Markdown; None otherwise."""
    if doc.top[index].type not in ("paragraph", "html_block"):
        return None
    source = doc.markdown(index, index + 1)
    if not _FOLD_OPEN.match(source):
        return None
    blocks = find_details_in(source)
    if len(blocks) != 1:
        return None
    summary, body = split_summary(blocks[0])
    if not is_reveal_label(re.sub(r"<[^>]+>", "", summary)):
        return None
    return html_to_markdown(body, keep_bold=True).strip()


def _question_markdown(doc: Document, start: int, end: int) -> str:
    """The blocks under a question heading that belong to the question, without the markup of
    a fold around a hint ("<details><summary>💡 Hint</summary>" becomes "**💡 Hint**")."""
    parts = []
    for k in range(start, end):
        text = doc.markdown(k, k + 1)
        markup = doc.top[k].type in ("paragraph", "html_block")
        if markup and (fold := _FOLD.match(text)):
            parts.append(f"**{clean_title(re.sub(r'<[^>]+>', '', fold.group(1)))}**")
        elif not (markup and _CLOSE_DETAILS.match(text)):
            parts.append(text)
    return "\n\n".join(p for p in parts if p.strip())


def _title(text: str) -> str:
    """The question's words in its heading; "" for "第 1 题 🟢" (the text below is the question)."""
    title = clean_title(question_title(text))
    if not any(ch.isalnum() for ch in title):
        _number, kind, _rest = split_number(text)
        return "" if kind else clean_title(text)
    return title


# "10.1 如果…？": a heading numbered as a part of question 10.
_PART_NUMBER = re.compile(r"^\s*(\d{1,4})\.\d{1,3}(?!\d)")


def _counted(chosen: list[_Candidate]) -> bool:
    """Every question heading numbered, in runs 1, 2, 3... (restarting under a new group)."""
    previous = None
    for h in chosen:
        if h.number is None or not (h.number == 1 or (previous and h.number == previous + 1)):
            return False
        previous = h.number
    return True


def _in_numbered_run(chosen: list[_Candidate]) -> set[int]:
    """Question headings numbered one after another ("## 7.", "## 8.", "## 9."): each is a
    question of the run, never a group of the questions in its answer ("## 8. ...?" over "-
    **Reduce scope** — are there features...?", its answer's points)."""
    ordered = sorted(chosen, key=lambda h: h.index)
    found = set()
    for before, after in itertools.pairwise(ordered):
        if before.number is not None and after.number == before.number + 1:
            found.update((before.index, after.index))
    return found


def _asks(doc: Document, start: int, end: int) -> bool:
    """Does the text's first line ask or set a task ("What will log…", "Write a function…")?"""
    first = doc.plain(start, end).strip().split("\n", 1)[0]
    return bool(first) and looks_like_question(first)


def _leaves_code(doc: Document, start: int, end: int) -> bool:
    """Does the text hold code left for the candidate to fill ("// Write your code here...")?
    Then it sets a task: the question's own, not its answer."""
    return any(
        doc.top[b].type in ("fence", "code_block") and code_to_fill(doc.markdown(b, b + 1))
        for b in range(start, end)
    )


def _section_end(doc: Document, index: int, level: int) -> int:
    """Where the text under the heading at ``index`` ends: the next heading of ``level`` or
    above, not one inside an answer's fold (:func:`in_answer_folds`)."""
    hidden = in_answer_folds(doc)
    return next(
        (
            k
            for k in range(index + 1, len(doc.top))
            if doc.is_heading(k) and heading_level(doc.top[k]) <= level and k not in hidden
        ),
        len(doc.top),
    )


_LIST_MARK = re.compile(r"^(?:[-*+]|\d{1,3}[.)])\s+")


# A heading that names the questions below it ("## 常见题", "## Docker Interview Questions").
_DECLARES_SECTION = re.compile(
    r"题|面试|八股|问答|\binterview|\bquestions?\b|\bq\s*&\s*a\b|\bfaq\b", re.I
)


def _parent_section(doc: Document, at_level: list[_Candidate]) -> int | None:
    """The heading, not the title, whose section holds every heading of ``at_level`` and whose
    words name questions ("## 常见题" over "### TCP 报文的结构是什么？", "### 输入URL会发生什么"):
    its index, or None."""
    if not at_level:
        return None
    level, first, last = at_level[0].level, at_level[0].index, at_level[-1].index
    parent = next(
        (k for k in range(first - 1, -1, -1)
         if doc.is_heading(k) and heading_level(doc.top[k]) < level),
        None,
    )  # fmt: skip
    if parent is None or parent == title_index(doc):
        return None
    depth = heading_level(doc.top[parent])
    if any(
        doc.is_heading(k) and heading_level(doc.top[k]) <= depth for k in range(parent + 1, last)
    ):
        return None  # another section of the parent's level comes between
    text = clean_title(untagged(doc.heading_text(parent)))
    if _side_section(text) or not _DECLARES_SECTION.search(text):
        return None
    return parent


def _after_answer_heading(doc: Document, start: int, head: _Candidate) -> bool:
    """Is there an answer heading ("### Answer:") at ``head``'s level or above between the
    question heading at ``start`` and ``head``?"""
    return any(
        doc.is_heading(k)
        and heading_level(doc.top[k]) <= head.level
        and is_answer_label(clean_title(doc.heading_text(k)))
        for k in range(start + 1, head.index)
    )


# "- [3. K8S pod通信方式](#3-k8s-pod通信方式)": an entry of the file's table of contents.
_CONTENTS_ENTRY = re.compile(
    r"^\s{0,8}(?:[-*+]\s+|\d{1,3}[.)]\s+)?\[[^\]\n]{1,300}\]\(#[^)\s]{0,300}\)\s*$"
)


def _contents(doc: Document) -> set[int]:
    """The lines of the file's table of contents, links to its own headings: navigation, not
    text a reading failed to explain."""
    if "contents_lines" not in doc.cache:
        doc.cache["contents_lines"] = {
            n for n, line in enumerate(doc.lines) if "](#" in line and _CONTENTS_ENTRY.match(line)
        }
    return doc.cache["contents_lines"]


def _lead_in_at(doc: Document, index: int) -> bool:
    text = doc.heading_text(index)
    return bool(_LEAD_IN.search(text)) and not looks_like_question(text)


def _answer_elsewhere(doc: Document, index: int, end: int) -> bool:
    """A link that says it leads to the answer ("[答案&解析](url)", "[See answer](url)") among
    the blocks under the heading at ``index``: the answer is there, not here."""
    for b in range(index + 1, end):
        if doc.top[b].type != "paragraph":
            continue
        text = doc.markdown(b, b + 1)
        if "](" in text and is_link_only(text) and ANSWER_SECTION.search(text.lower()):
            return True
    return False


def _all_answered(doc: Document, heads: list[_Candidate], at_level: list[_Candidate]) -> bool:
    """Each of ``heads`` has text under it, up to the next heading of the level or above, that
    answers (not a pointer elsewhere, not a placeholder); a lead-in ending in a colon aside."""
    if not heads:
        return False
    level = at_level[0].level
    for h in heads:
        if _LEAD_IN.search(h.text):
            continue
        if not _answers(doc, h.index + 1, _section_end(doc, h.index, level)):
            return False
    return True


def _answers(doc: Document, start: int, end: int) -> bool:
    """Text under a heading that answers like a question's answer: words (not a picture alone,
    not a pointer elsewhere, not a placeholder), however short ("a、span、img。")."""
    body = doc.markdown(start, end)
    if not body.strip() or is_hollow(body) or is_link_only(body):
        return False
    return len(_NOT_WORDS.sub("", _IMAGES.sub("", body))) >= _ANSWER_CHARS


_IMAGES = re.compile(r"!\[[^\]\n]{0,300}\]\([^)\n]{0,500}\)|<img\b[^<>]{0,500}>", re.I)
_NOT_WORDS = re.compile(r"[\W_]+")
# An answer-like section: this many characters of text at least ("mounted" is one).
_ANSWER_CHARS = 4


# "### 另外还有一些关于 title 属性的知识：": a heading that leads into the text below it.
_LEAD_IN = re.compile(r"[:：]\s*$")


def _heading_key(text: str) -> str:
    _number, _kind, rest = split_number(clean_title(untagged(text)))
    return re.sub(r"[\s`*_]+", "", rest).lower()


def _lists_headings(doc: Document, head: _Candidate, heads: list[_Candidate], end: int) -> bool:
    """A heading over a table of contents: a list whose items repeat other headings of the file
    ("### HTML" over "- 1、前端需要注意哪些`SEO`" when "### 1、前端需要注意哪些SEO" follows). It
    groups those questions; it is not a question, the list not its answer."""
    items = [m.group(1) for n in range(doc.top[head.index].last_line, end)
             if (m := _MARKED_ITEM.match(doc.lines[n]))]  # fmt: skip
    if len(items) < 2:
        return False
    if "heading_keys" not in doc.cache:  # worked out once, for the files that need it
        doc.cache["heading_keys"] = {_heading_key(h.text) for h in heads} - {""}
    keys = doc.cache["heading_keys"]
    repeated = 0
    for item in items:
        if _heading_key(item) in keys:
            repeated += 1
            if repeated >= 2:
                return True
    return False


_MARKED_ITEM = re.compile(r"^\s{0,8}(?:[-*+]|\d{1,4}[.)])\s+(.+)$")


# "27.string与stringbuffer的区别？" as a paragraph: a question written without its heading.
_PARAGRAPH_NUMBER = re.compile(r"^\s{0,3}(\d{1,4})\s*[.、．]\s*(\S.*)$")


def _numbered_in_answers(doc: Document, items: list[Item]) -> list[Item]:
    """A paragraph in a question's answer numbered as the next question ("##### 26. q" over
    "27.q？", then "##### 28. q") and worded as one: a question of its own, whose answer is
    what follows it, not the end of question 26's answer."""
    found: list[Item] = []
    for k, item in enumerate(items):
        found.append(item)
        following = items[k + 1].number if k + 1 < len(items) else None
        if item.number is None or item.answer is None or following != item.number + 2:
            continue
        start, end = item.answer
        for b in range(start, end):
            match = _PARAGRAPH_NUMBER.match(doc.lines[doc.top[b].first_line])
            if (
                doc.top[b].type != "paragraph"
                or not match
                or int(match.group(1)) != item.number + 1
                or not looks_like_question(match.group(2))
            ):
                continue
            item.answer = (start, b) if start < b else None
            if item.answer is None:
                item.answer_lead = ""
            text = clean_title(question_title(doc.plain(b, b + 1).strip()))
            extra = Item(line=doc.line_of(b), number=item.number + 1, text=text,
                         group=item.group, block=b, end=item.end)  # fmt: skip
            extra.answer = (b + 1, end) if b + 1 < end else None
            item.end = b
            found.append(extra)
            break
    return found


class HeadingsReader(Reader):
    shape = "headings"

    def candidates(self, doc: Document) -> list[_Candidate]:
        skip = title_index(doc)
        folded = in_answer_folds(doc)
        found = []
        for i in range(len(doc.top)):
            if i == skip or not doc.is_heading(i) or i in folded:
                continue
            text = doc.heading_text(i)
            number, kind, rest = split_number(text)
            numbered = kind in ("number", "question")
            asks = kind == "question" or (
                looks_like_question(rest) and not is_question_section_label(text)
            )
            worded = asks
            asks = asks or (numbered and looks_like_task(rest))
            level = heading_level(doc.top[i])
            found.append(_Candidate(i, level, text, number, numbered, asks, worded))
        # "## 🟢 Junior: Build a DAG" over a scenario and "<summary>✅ Solution</summary>": a
        # heading whose own section folds an answer away is a question, whatever its words;
        # one whose section folds several away ("### JavaScript Questions" over "<summary>
        # Question 1</summary>" ... "<summary>Answer</summary>", many times) is their group.
        folds = [
            b
            for b, block in enumerate(doc.top)
            if block.type in ("paragraph", "html_block")
            and _FOLD_OPEN.match(doc.lines[block.first_line])
            and _reveal_fold(doc, b)
        ]
        if folds:
            ends, open_heads = {}, []
            for h in found:  # each heading's section: up to the next one at its level or above
                while open_heads and open_heads[-1].level >= h.level:
                    ends[open_heads.pop().index] = h.index
                open_heads.append(h)
            for h in found:
                end = ends.get(h.index, len(doc.top))
                inside = bisect.bisect_left(folds, end) - bisect.bisect_right(folds, h.index)
                h.asks = h.asks or inside == 1
        return found

    # Every heading of the question level is one question (sections.py), not only those
    # worded as questions.
    all_at_level = False

    def analyse(self, doc: Document):
        """(headings, question level, its questions, its headings, whether all of them are)."""
        heads = self.candidates(doc)
        # The question level: the one with the most headings worded as questions (numbered
        # tasks count only within it, so a task-like "### 1. 使用 key" under "## 31. 如何优化？"
        # stays in the answer).
        best_level, best, best_key = None, [], (0, 0)
        for level in sorted({h.level for h in heads}):
            at_level = [h for h in heads if h.level == level]
            chosen = self.questions_at(at_level)
            key = (sum(1 for h in chosen if h.worded), len(chosen))
            if key > best_key:
                best_level, best, best_key = level, chosen, key
        if best_level is None:
            return None
        at_level = [h for h in heads if h.level == best_level]
        run = _in_numbered_run(best)
        best = [h for h in best if not self.groups_questions(doc, h, heads, run)]
        return heads, best_level, best, at_level, run, self.promoted(doc, at_level, best)

    def fit(self, doc: Document) -> Fit | None:
        if "headings" not in doc.cache:  # shared with sections.py: worked out once
            doc.cache["headings"] = self.analyse(doc)
        if doc.cache["headings"] is None:
            return None
        heads, best_level, best, at_level, run, promote = doc.cache["headings"]
        if bool(promote) != self.all_at_level:
            return None  # the file is the other reader's (headings.py or sections.py)
        if promote:
            best = [
                h
                for h in at_level
                if not _side_section(h.text)
                and (h.worded or not _LEAD_IN.search(h.text))
                and not self.groups_questions(doc, h, heads, run)
            ]
        if len(best) < 2:
            return None
        best = self.with_stray_levels(heads, best, best_level)
        items = self.asking_paragraphs(doc, self.items(doc, best, best_level, heads))
        items = _numbered_in_answers(doc, items)
        answered = sum(1 for item in items if item.answered)
        asks = sum(1 for h in best if h.asks)
        if not answered and (
            promote or len(best) < UNANSWERED_MIN or (asks < len(best) and not _counted(best))
        ):
            return None  # unanswered headings: only a run of questions, every one worded so
            # or numbered 1, 2, 3... (restarting per group)
        others = [] if answered else self.unasked_headings(at_level, best)
        marks = "#" * best_level
        evidence = (
            f"{len(at_level)} `{marks}` headings, {len(best)} read as questions "
            f"({asks} worded as questions), {answered} followed by an answer"
        )
        if len(items) > len(best):
            evidence += f"; {len(items) - len(best)} question paragraphs under them"
        if promote:
            evidence += f"; {promote}"
        score = (len(best) / len(at_level)) * (0.6 + 0.4 * asks / len(best))
        score *= 0.5 + 0.5 * answered / len(items)
        explained, gaps = coverage(doc, items, self.preface(doc, at_level) | _contents(doc))
        return Fit(
            self.shape,
            score,
            explained,
            evidence,
            gaps=gaps,
            questions=len(items),
            answered=answered,
            plan=items,
            doubts=[
                *([] if promote else self.answered_topics(doc, at_level, best, best_level)),
                *self.quoted_questions(doc),
                *self.asking_answers(doc, items),
                *((doc.line_of(h.index), "question_left_out", clean_title(h.text)) for h in others),
                *self.deeper_questions(doc, heads, best_level, {h.index for h in best}),
                *(self.topics_after_empty(items, best) if promote else []),
            ],
        )

    @staticmethod
    def preface(doc: Document, at_level: list[_Candidate]) -> set[int]:
        """The headings and links above a section of questions ("## Topics" and its links,
        then "## Docker Interview Questions and Answers" over the questions): the file's own
        table of contents, not text a reading failed to explain. Prose there (notes on
        deployment, then "## 常见问题") stays unexplained: such a file is notes first."""
        parent = _parent_section(doc, at_level)
        if parent is None:
            return set()
        found: set[int] = set()
        heading, prose = None, False  # the preface's heading above, and prose under it
        for n in range(doc.top[parent].first_line):
            line = _LIST_MARK.sub("", doc.lines[n].strip())
            if line.startswith("#"):
                if heading is not None and not prose:
                    found.add(heading)
                heading, prose = n, False
            elif is_link_only(line):
                found.add(n)
            elif line:
                prose = True
        if heading is not None and not prose:
            found.add(heading)
        return found | set(range(doc.top[parent].first_line, doc.top[parent].last_line))

    @staticmethod
    def topics_after_empty(items: list[Item], chosen: list[_Candidate]) -> list[tuple]:
        """A question heading with nothing under it, then a heading not worded as a question
        with text under it ("### 如何进行网站性能优化" then "### 优化"): that text may be the
        question's answer, written under a heading of its own, or a topic of its own; a count
        only a person can make."""
        worded = {h.index: h.worded for h in chosen}
        found = []
        for before, after in itertools.pairwise(items):
            if (
                not before.answered
                and after.block == before.block + 1  # nothing at all under the question
                and after.answered
                and not worded.get(after.block, True)
                # "### 优化" after "### 如何进行网站性能优化", not "### vue 打包优化"
                and subject_terms(after.text) & subject_terms(before.text)
            ):
                found.append((after.line, "answer_under_topic", clean_title(before.text)))
        return found

    @staticmethod
    def deeper_questions(
        doc: Document, heads: list[_Candidate], level: int, taken: set[int]
    ) -> list[tuple[int, str, str]]:
        """Headings below the question level worded as questions ("##### CPU利用率达到100%怎么
        排查问题" under "## 如果CPU负载很低...？", beside "## 常用的权限命令"): the reading would
        make them part of an answer, the author may count them as questions of their own."""
        found, above = [], None
        for h in heads:
            if h.level == level:
                above = h
            elif h.index in taken:
                above = h  # "#### Q12:" after "### Q11:": a question of the run, not deeper
            elif h.level > level and h.worded and not _side_section(h.text):
                if above is not None and _after_answer_heading(doc, above.index, h):
                    continue  # "### Key Differences" after "### Answer:": the answer's part
                part = _PART_NUMBER.match(h.text)
                if part and above is not None and above.number == int(part.group(1)):
                    continue  # "##### 10.1 ...？" under "#### 10. ...": the author's part of 10
                found.append((doc.line_of(h.index), "question_left_out", clean_title(h.text)))
        return found

    @staticmethod
    def unasked_headings(at_level: list[_Candidate], chosen: list[_Candidate]) -> list[_Candidate]:
        """In a run of unanswered question headings, the headings of the same level between the
        first question and the last that are not worded as questions ("#### 使用vue写一个tab切换"
        among "#### ...？"): a curator counts them as questions too, the reading would not."""
        positions = {h.index for h in chosen}
        first, last = min(positions), max(positions)
        return [
            h
            for h in at_level
            if h.index not in positions and first < h.index < last and not _side_section(h.text)
        ]

    @staticmethod
    def _asking_run(doc: Document, item: Item) -> list[str]:
        """The paragraphs of an item's "answer" when there are two or more and every one is
        worded as a question (ends in "?"/"？"); [] otherwise."""
        if item.answer is None or item.answer[1] - item.answer[0] < 2:
            return []
        start, end = item.answer
        paragraphs = [doc.plain(k, k + 1).strip() for k in range(start, end)]
        if all(
            doc.top[k].type == "paragraph" and text.endswith(("?", "？"))
            for k, text in zip(range(start, end), paragraphs, strict=True)
        ):
            return paragraphs
        return []

    def asking_answers(self, doc: Document, items: list[Item]) -> list[tuple[int, str, str]]:
        """An "answer" made only of paragraphs each worded as a question ("## q1?" ... "## q9?"
        then seven question paragraphs without headings) among answered questions: questions
        the reading would take for the answer of the heading above them."""
        found = []
        for item in items:
            if paragraphs := self._asking_run(doc, item):
                found.append((doc.line_of(item.answer[0]), "question_left_out", paragraphs[0]))
        return found

    def asking_paragraphs(self, doc: Document, items: list[Item]) -> list[Item]:
        """In a file of unanswered questions, question paragraphs after a question heading
        ("## q9?" then "Why...?", "Do you...?") are more unanswered questions, each its own."""
        runs = {id(item): self._asking_run(doc, item) for item in items}
        if not any(runs.values()) or any(item.answered and not runs[id(item)] for item in items):
            return items  # no such run, or real answers beside it: asking_answers doubts it
        found = []
        for item in items:
            found.append(item)
            if not runs[id(item)]:
                continue
            start, end = item.answer
            item.answer, item.end = None, start
            for k, text in zip(range(start, end), runs[id(item)], strict=True):
                found.append(Item(line=doc.line_of(k), number=None, text=clean_title(text),
                                  group=item.group, block=k, end=k + 1))  # fmt: skip
        return found

    @staticmethod
    def quoted_questions(doc: Document) -> list[tuple[int, str, str]]:
        """ "> #### 4. 什么是 CAS？": a question heading inside a quote. The reading takes it
        for part of the answer above; the author may well count it as a question."""
        found = []
        for block in doc.top:
            if block.type != "blockquote":
                continue
            tokens = doc.tokens[block.start : block.end]
            for k, token in enumerate(tokens[:-1]):
                if token.type != "heading_open" or tokens[k + 1].type != "inline":
                    continue
                text = tokens[k + 1].content.strip()
                _number, kind, rest = split_number(text)
                if kind in ("question", "number") or looks_like_question(rest):
                    line = token.map[0] + 1 if token.map else block.first_line + 1
                    found.append((line, "question_left_out", clean_title(text)))
        return found

    @staticmethod
    def promoted(doc: Document, at_level: list[_Candidate], chosen: list[_Candidate]) -> str:
        """A file that calls itself a collection of questions ("JavaScript基础题", tags 面试)
        whose headings of the question level are mostly worded as questions: the rest of them
        ("## 回流与重绘", "## DOM操作") are questions too, each with its answer below. Why, as
        the evidence says it ("" when they are not)."""
        own = [h for h in at_level if not _side_section(h.text)]
        worded = sum(1 for h in chosen if h.worded)
        if chosen and _counted(chosen):
            # The author numbered the questions 1, 2, 3...: unnumbered headings before the first
            # or after the last ("## 回答模板", "## 公开面经线索") are the file's own sections.
            first, last = min(h.index for h in chosen), max(h.index for h in chosen)
            taken = {h.index for h in chosen}
            rest = [h for h in own if h.index not in taken]
            if all(h.number is None and not first < h.index < last for h in rest):
                return ""
        if (parent := _parent_section(doc, at_level)) is not None and len(own) >= 2:
            # "## 常见题" / "## Docker Interview Questions and Answers" over every heading of
            # the level: the author put them under a section of questions, so each is one,
            # however it is worded ("### 输入URL会发生什么").
            return f"they sit under '{clean_title(doc.heading_text(parent))[:60]}'"
        if not doc.cache.get("declares_questions"):
            # No title and every heading at this one level ("# What is React?", "# JSX",
            # "# Advantages of React"...): a flat file of questions, its headings all questions.
            flat = title_index(doc) is None and len(at_level) == len(doc.headings_by_line())
            mostly = len(own) > len(chosen) and worded >= SECTIONS_WORDED * len(own)
            if not (mostly and len(own) >= FLAT_MIN):
                return ""
            if flat:
                return "every heading of the file is at this level"
            # ...or under a title, every other heading of the level answered as the questions
            # are ("### HTML 全局属性" then its explanation): topics to explain, each a question.
            if _all_answered(doc, [h for h in own if not h.worded], at_level):
                return "the headings not worded as questions are answered as the others are"
            return ""
        if len(own) > len(chosen) and len(own) >= 4 and worded >= SECTIONS_WORDED * len(own):
            return "the file calls itself a set of questions"
        # Fewer worded as questions, but as many setting tasks ("#### 查看 http 并发请求数",
        # "#### 统计 /var/log 目录中的文件总数" beside "#### 如何检测并修复硬盘"), and every one
        # of the rest ("#### Linux 启动顺序") answered as the questions are.
        asking = [h for h in own if h.worded or looks_like_task(h.text)]
        if (
            len(own) > len(chosen) >= 1
            and len(own) >= 4
            and len(asking) * 2 >= len(own)
            and not any(h.numbered for h in own)  # numbered questions say which are
            and _all_answered(doc, [h for h in own if h not in asking], at_level)
        ):
            return "the file calls itself a set of questions and tasks, each answered"
        return ""

    @staticmethod
    def groups_questions(
        doc: Document, head: _Candidate, heads: list[_Candidate], run: set[int]
    ) -> bool:
        """ "## 你知道吗？" above "- 你是否用过 Git？" and more such items: a group of the list's
        questions, not a question whose answer holds questions. Never a heading of ``run``,
        numbered one after another with its neighbours ("## 8. ...?" over "- **Reduce scope**
        — are there features...?"): a question of the run, the items its answer's points."""
        if head.index in run:
            return False
        if "asking_items" not in doc.cache:  # worked out once: linear in the headings
            doc.cache["asking_items"] = sorted(
                item.line - 1
                for item in plan_lists(doc).items
                if item.text.rstrip("*_ ").endswith(("?", "？"))
            )
            ends, open_heads = {}, []
            for h in heads:
                while open_heads and open_heads[-1].level >= h.level:
                    ends[open_heads.pop().index] = doc.top[h.index].first_line
                open_heads.append(h)
            for h in open_heads:
                ends[h.index] = len(doc.lines)
            doc.cache["section_ends"] = ends
        lines = doc.cache["asking_items"]
        start = doc.top[head.index].first_line
        end = doc.cache["section_ends"].get(head.index, len(doc.lines))
        if bisect.bisect_left(lines, end) - bisect.bisect_right(lines, start) >= 2:
            return True
        return _lists_headings(doc, head, heads, end)

    @staticmethod
    def answered_topics(
        doc: Document, at_level: list[_Candidate], chosen: list[_Candidate], level: int
    ) -> list[tuple[int, str, str]]:
        """Headings of the question level, between the first question and the last, that are
        not worded as questions ("### HashMap 的数据结构", "### 生产者分区策略") yet are answered
        like them: a curator may count them as questions, the reading does not. Headings of
        the file's own (references, summary) and a picture alone are not such answers."""
        positions = {h.index for h in chosen}
        first, last = min(positions), max(positions)
        found = []
        for h in at_level:
            if (
                h.index in positions
                or not first < h.index < last
                or _side_section(h.text)
                or _LEAD_IN.search(h.text)  # "### Relationships:": it leads into its text
            ):
                continue
            if _answers(doc, h.index + 1, _section_end(doc, h.index, level)):
                found.append((doc.line_of(h.index), "question_left_out", clean_title(h.text)))
        return found

    @staticmethod
    def questions_at(at_level: list[_Candidate]) -> list[_Candidate]:
        """The headings of one level that are questions: worded as one, or numbered in a run
        where most numbered headings are worded as questions."""
        numbered = [h for h in at_level if h.numbered]
        numbered_ask = sum(1 for h in numbered if h.asks)
        numbers_are_questions = numbered and (
            numbered_ask * 2 >= len(numbered)
            # "### 2. Difference Between a Container and a VM" ... "### 18. ENTRYPOINT vs
            # CMD", numbered one after another, fewer than half worded as questions: the
            # numbering says what they are, when it is long and enough of them ask
            or (
                len(numbered) >= LONG_RUN
                and numbered_ask >= LONG_RUN_ASKS * len(numbered)
                and numbered[0].number in (1, 2)
                and all(b.number == a.number + 1 for a, b in itertools.pairwise(numbered))
            )
        )
        return [h for h in at_level if h.asks or (h.numbered and numbers_are_questions)]

    @staticmethod
    def with_stray_levels(
        heads: list[_Candidate], chosen: list[_Candidate], level: int
    ) -> list[_Candidate]:
        """Add a numbered question at another level (``### 2.`` among ``#### 1.``, ``#### 3.``):
        it is a question when its number is the one between its neighbours'."""
        positions = {h.index for h in chosen}
        ordered = sorted(chosen, key=lambda h: h.index)
        added = []
        for h in heads:
            if h.index in positions or h.level == level or not h.numbered:
                continue
            if abs(h.level - level) > 1 and not h.worded:
                continue  # further off, only a heading worded as a question
            if h.level > level and not h.asks:
                continue  # "#### 3. High-Consistency Data:" deeper, in an answer: its part
            before = [c for c in ordered if c.index < h.index]
            after = [c for c in ordered if c.index > h.index]
            previous = before[-1].number if before else None
            following = after[0].number if after else None
            if (
                previous is not None
                and h.number == previous + 1
                and (following is None or following == h.number + 1)
            ) or (previous is None and h.number == 1 and following == 2):
                # ...or "## 1. q" above "### 2. q", "### 3. q"; and the run goes on at the
                # other level ("#### Q12:", "#### Q13:" after "### Q11:")
                added.append(h)
                ordered = sorted([*ordered, h], key=lambda c: c.index)
        return sorted([*chosen, *added], key=lambda h: h.index)

    def items(
        self, doc: Document, chosen: list[_Candidate], level: int, heads: list[_Candidate]
    ) -> list[Item]:
        items = []
        unlabelled: list[Item] = []  # answered by the text below the heading, with no label
        folds = 0  # answers folded away ("<summary>Expand answer</summary>")
        positions = {h.index for h in chosen}
        groups: dict[int, str] = {}
        group = ""
        for h in heads:  # a group is a heading above the questions that is not one of them
            if h.index in positions:
                groups[h.index] = group
            elif h.level < level:
                words = clean_title(untagged(h.text))  # "<h3 id="1">阿里</h3>": 阿里
                _number, kind, rest = split_number(words)
                group = words if kind == "zh-ordinal" else rest
                group = re.sub(r"^\d{1,3}\s+(?=\S)", "", group)[:200]  # "#1 Java 基础"
        hidden = in_answer_folds(doc)
        for h in chosen:
            end = len(doc.top)
            deepest = max(level, h.level)
            for k in range(h.index + 1, len(doc.top)):
                if k in positions or (
                    doc.is_heading(k)
                    and heading_level(doc.top[k]) <= deepest
                    and k not in hidden
                    # "#### User Table:" under "#### Q22: Create an ER diagram…": a heading
                    # leading into the question's own text, at its level, goes on with it
                    and not (heading_level(doc.top[k]) == h.level and _lead_in_at(doc, k))
                ):
                    end = k
                    break
            while end - 1 > h.index and _CLOSE_DETAILS.match(doc.markdown(end - 1, end)):
                end -= 1  # the "</details>" closing a fold around the answer
            label_at = next(
                (
                    k
                    for k in range(h.index + 1, end)
                    if ((label := doc.label_at(k)) and is_answer_label(label.label))
                    or _reveal_fold(doc, k)
                    or (k in hidden and doc.is_heading(k))  # "#### LICSLAN回答:"
                ),
                None,
            )
            folded = next(
                (
                    (k, answer)
                    for k in range(h.index + 1, end)
                    if (answer := _folded_answer(doc, k)) is not None
                ),
                None,
            )
            if label_at is None and folded is not None:
                k, answer = folded
                item = Item(line=doc.line_of(h.index), number=h.number, text=_title(h.text),
                            group=groups.get(h.index, ""), block=h.index)  # fmt: skip
                item.description = (h.index + 1, k)
                item.answer_md, item.answer_line, item.end = answer, doc.line_of(k), end
                items.append(item)
                continue
            item = Item(
                line=doc.line_of(h.index),
                number=h.number,
                text=_title(h.text),
                group=groups.get(h.index, ""),
                block=h.index,
            )
            if label_at is not None:
                folds += bool(_reveal_fold(doc, label_at))
                item.description = (h.index + 1, label_at)
                item.answer = (label_at + 1, end) if label_at + 1 < end else None
                label = doc.label_at(label_at)
                item.answer_lead = label.rest_md if label else fold_lead(doc, label_at) or ""
                item.answer_label_at = label_at
                if item.answer_lead and item.answer is None:
                    item.answer = (label_at + 1, label_at + 1)
            elif body := doc.markdown(h.index + 1, end):
                if is_aside(body) or is_link_only(body) or _answer_elsewhere(doc, h.index, end):
                    # a note on the question, a pointer, or the question's code and a link
                    # to its answer ("[答案&解析](…/issues/37)")
                    item.description = (h.index + 1, end)
                elif is_hollow(body):  # "> The answer goes here" and an empty fence: unanswered
                    pass
                else:
                    item.answer = (h.index + 1, end)
                    unlabelled.append(item)
            item.end = end
            items.append(item)
        folds += sum(1 for item in items if item.answer_md)
        if folds:
            # A file that folds its answers away: the open text under a question without a
            # fold is the question's own (its code, its task), not an answer. Where a few
            # answers are folded and more are open, only open text that asks is the question's.
            most = folds >= len(unlabelled)
            for item in unlabelled:
                if most or _asks(doc, *item.answer) or _leaves_code(doc, *item.answer):
                    item.description, item.answer = item.answer, None
        return items

    def read(self, doc: Document, fit: Fit, topic: ParsedTopic) -> ParsedTopic | None:
        items: list[Item] = fit.plan
        questions = []
        for number, item in zip(assign_numbers(items), items, strict=True):
            question = ParsedQuestion(number=number, text=item.text, line=item.line)
            question.group = item.group
            if item.description and (description := _question_markdown(doc, *item.description)):
                question.text = f"{item.text}\n\n{description}" if item.text else description
            question.text_html = rendering.render_markdown(question.text)
            if item.answer_md:
                set_answer_markdown(question, item.answer_md, item.answer_line)
            elif item.answer is not None:
                start, end = item.answer
                line = doc.line_of(item.answer_label_at or start) if start < len(doc.top) else None
                set_answer(doc, question, "", start, end, line or item.line,
                           lead=item.answer_lead)  # fmt: skip
            if not question.text.strip():  # "## 第 1 题" with nothing that reads as the question
                doc.error(question.line, "question_no_text", number=number)
                return None
            questions.append(question)
        topic.questions = questions
        finish(doc, topic, items)
        return topic
