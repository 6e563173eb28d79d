"""A file that is one question: its title is the question, or introduces it, and one section
holds the answer.

    ---                                         # 第8题：Node.js 性能调优？
    title: Attach and verify build provenance
    ---                                         (the whole body answers the title)
    # Attach and verify build provenance

    What should build provenance establish...?  <- the question (or the title, if none)

    ## Answer guide                             <- the answer section
    - Provenance links an image...
    ## References                               <- the file's own: not the answer

Read only when no other shape finds questions in the file (``detect.py``). Either an answer
section (答案, 参考答案, 解析, Answer guide...) or a title worded as a question ending in "?" /
"？" must say so; a title alone ("# Redis 笔记") never makes a file a question.
"""

from __future__ import annotations

import re

from questionbank import rendering
from questionbank.mdtokens import clean_title, heading_level, normalize
from questionbank.parsed import ParsedQuestion, ParsedTopic
from questionbank.readers.answers import set_answer
from questionbank.readers.base import Fit, Reader
from questionbank.readers.document import Document
from questionbank.readers.headings import fold_lead
from questionbank.readers.outline import Item, coverage, finish, is_answer_label, title_index
from questionbank.readers.vocabulary import (
    ANSWER_SECTION,
    QUESTION_SECTION,
    looks_like_question,
    question_title,
    split_number,
    subject_terms,
)

# The file's own sections around the answer: references, what to read next, a summary.
_OWN = re.compile(
    r"参考|引用|链接|延伸|扩展阅读|推荐|相关|总结|小结|"
    r"\b(?:references?|links?|see also|further reading|resources|what to learn next|next steps|"
    r"learn more|summary|sources?|credits|license)\b",
    re.I,
)
# How a file whose title asks is read (detect.py prefers it to readings that explain little).
TITLE_ASKS = "a title worded as a question, the text below it the answer"
# ...and so when its headings that ask are parts of the title's question (detect.py prefers it
# to a heading per question).
PARTS = ", its headings asking parts of it"
# A title that asks without a question mark: a request or a question word first.
_REQUEST = re.compile(
    r"^(?:请|试)?(?:解释|说说|说一说|谈谈|谈一谈|讲讲|简述|介绍|描述|什么是|为什么|如何|怎么|"
    r"explain|describe|what|why|how)",
    re.I,
)
# How a file of one question section and one answer section under a title is read (detect.py
# prefers it, too, to readings that explain little).
PAIRED = ", after one question section"
_ANSWER_HEADING = re.compile(r"^(?:.{0,6})?(?:" + ANSWER_SECTION.pattern + r")(?:.{0,12})$")


class SingleReader(Reader):
    shape = "single"

    def fit(self, doc: Document) -> Fit | None:
        skip = title_index(doc)
        if skip is None:
            skip = _opening_heading(doc)
        lead = ""  # the answer's first words on its label's line ("**Sample Answer:** …")
        heads = [i for i in range(len(doc.top)) if doc.is_heading(i) and i != skip]
        title = clean_title(doc.heading_text(skip)) if skip is not None else ""
        if skip is None and not any(heading_level(doc.top[i]) == 1 for i in heads):
            # No H1: the title in the front matter names the question ("title: When should
            # you choose BFS…?" over "## Short answer").
            title = clean_title(doc.cache.get("meta_title", ""))
        asks = title.rstrip().endswith(("?", "？")) and looks_like_question(title)
        # "# 解释一下JavaScript中的闭包是什么以及它的作用", its answer's opening below it, then
        # "### 什么是闭包？", "### 如何创建闭包？": the headings ask parts of the title's question.
        parts = (
            skip is not None
            and looks_like_question(title)
            and (asks or bool(_REQUEST.match(normalize(title))))
            and _parts_of_title(doc, title, skip, heads)
        )
        asks = asks or parts
        answer_heads = [
            i for i in heads if _ANSWER_HEADING.match(normalize(clean_title(doc.heading_text(i))))
        ]
        asked = [i for i in heads if QUESTION_SECTION.search(normalize(doc.heading_text(i)))]
        paired = _question_section(doc, heads, asked, answer_heads) if title else None
        if not asks and asked and paired is None:
            return None  # a question section: the seed format's (not "## 一、核心问题" under a
            # title that asks: the question's own part of the answer)
        start = skip + 1 if skip is not None else 0
        first_head = heads[0] if heads else len(doc.top)
        if len(answer_heads) == 1:
            at = answer_heads[0]
            level = heading_level(doc.top[at])
            if any(heading_level(doc.top[i]) < level for i in heads):
                return None  # the answer of one part of the file, not of the file
            end = next(
                (i for i in heads if i > at and heading_level(doc.top[i]) <= level), len(doc.top)
            )
            if (at == first_head or paired is not None) and title:
                # The answer section opens the body: the sections after it ("Detailed
                # explanation", "Comparison") go on answering, up to the file's own.
                end = next((i for i in heads if i > at and _OWN.search(doc.heading_text(i))),
                           len(doc.top))  # fmt: skip
            question_blocks = (start, first_head) if start < first_head else None
            if paired is not None:
                question_blocks = (paired + 1, next(i for i in heads if i > paired))
            answer = (at + 1, end)
            how = f"one answer section '{clean_title(doc.heading_text(at))[:40]}'"
            if paired is not None:
                how += PAIRED
        elif not answer_heads and asks:
            own = [i for i in heads if _OWN.search(doc.heading_text(i))]
            end = own[0] if own else len(doc.top)
            question_blocks, answer, at = None, (start, end), None
            how = TITLE_ASKS + (PARTS if parts else "")
        elif not answer_heads and (marked := _marked_question(doc, heads)) is not None:
            # one heading that says it is a question ("### Q: …", "## 第1题 …") over its answer
            label = next(
                (k for k in range(marked + 1, len(doc.top))
                 if (found := doc.label_at(k)) and is_answer_label(found.label)),
                None,
            )  # fmt: skip
            question_blocks = (
                (marked + 1, label) if label is not None and marked + 1 < label else None
            )
            at = label
            lead = doc.label_at(label).rest_md if label is not None else ""
            answer = (label + 1 if label is not None else marked + 1, len(doc.top))
            title = clean_title(question_title(doc.heading_text(marked)))
            start = marked
            how = f"one heading marked as a question '{title[:40]}'"
        elif not answer_heads and (at := _one_fold(doc, heads)) is not None:
            # "#### this", a code listing, "<details><summary>答案</summary>…": the file is the
            # question above its one folded answer
            lead = fold_lead(doc, at) or ""
            if heads:
                start, title = heads[-1] + 1, clean_title(doc.heading_text(heads[-1]))
            question_blocks = (start, at) if start < at else None
            answer = (at + 1, len(doc.top))
            how = "one folded answer"
        else:
            return None
        if not doc.markdown(*answer).strip() and not lead:
            return None
        text = doc.markdown(*question_blocks) if question_blocks else ""
        if (how.startswith(("one heading marked", "one folded")) or paired) and text and title:
            text = f"{title}\n\n{text}"
        if not (text or title):
            return None
        item = Item(line=doc.line_of(question_blocks[0] if question_blocks else (skip or 0)),
                    number=1, text=text or title, block=question_blocks[0] if question_blocks
                    else skip if skip is not None else at if at is not None else start,
                    end=answer[1])  # fmt: skip
        item.answer, item.answer_label_at, item.description = answer, at, question_blocks
        item.answer_lead = lead
        extra = {
            n
            for i in heads
            if _OWN.search(doc.heading_text(i))
            for n in range(doc.top[i].first_line, _section_end(doc, heads, i))
        }
        explained, gaps = coverage(doc, [item], extra)
        evidence = f"one question: {how}"
        return Fit(self.shape, 1.0, explained, evidence, questions=1, answered=1, plan=[item],
                   gaps=gaps)  # fmt: skip

    def read(self, doc: Document, fit: Fit, topic: ParsedTopic) -> ParsedTopic | None:
        item: Item = fit.plan[0]
        question = ParsedQuestion(number=1, text=item.text, line=item.line)
        question.text_html = rendering.render_markdown(question.text)
        start, end = item.answer
        line = doc.line_of(item.answer_label_at if item.answer_label_at is not None else start)
        set_answer(doc, question, "", start, end, line, lead=item.answer_lead)
        topic.questions = [question]
        finish(doc, topic, [item])
        return topic


def _parts_of_title(doc: Document, title: str, skip: int, heads: list[int]) -> bool:
    """Text opens the answer right under the title, and every heading that asks is about the
    title's subject (shares a word with it: "闭包")."""
    first = heads[0] if heads else len(doc.top)
    if not any(doc.top[b].type == "paragraph" for b in range(skip + 1, first)):
        return False
    subject = subject_terms(title)
    asking = [text for i in heads if looks_like_question(text := clean_title(doc.heading_text(i)))]
    return bool(asking) and all(subject_terms(text) & subject for text in asking)


def _question_section(
    doc: Document, heads: list[int], asked: list[int], answer_heads: list[int]
) -> int | None:
    """Under a title, one "### Question" section of prose and, after it, one "### Answer"
    section at its level ("## 2. Explain Terraform state", "### Question", "### Short
    explanation", "### Answer", "### Detailed explanation"...): the question's own words,
    where the seed format would look for a list of questions. Its index, or None."""
    if len(asked) != 1 or len(answer_heads) != 1 or not asked[0] < answer_heads[0]:
        return None
    at = asked[0]
    if heading_level(doc.top[at]) != heading_level(doc.top[answer_heads[0]]):
        return None
    end = next(i for i in heads if i > at)
    if end == at + 1 or any(doc.top[b].type != "paragraph" for b in range(at + 1, end)):
        return None
    return at


def _opening_heading(doc: Document) -> int | None:
    """ "## 2. Explain Terraform state…" opening a file with no H1, every other heading deeper
    ("### Question", "### Answer"): the file's title, though not an H1."""
    heads = [i for i in range(len(doc.top)) if doc.is_heading(i)]
    if not heads or heads[0] != 0:
        return None
    level = heading_level(doc.top[0])
    if all(heading_level(doc.top[i]) > level for i in heads[1:]):
        return 0
    return None


def _one_fold(doc: Document, heads: list[int]) -> int | None:
    """The block opening the file's one folded answer ("<summary>答案</summary>"), when it comes
    after the last heading (a heading below it would start something else)."""
    folds = [b for b in range(len(doc.top)) if fold_lead(doc, b) is not None]
    if len(folds) != 1 or (heads and folds[0] < heads[-1]):
        return None
    return folds[0]


def _marked_question(doc: Document, heads: list[int]) -> int | None:
    """The one heading of the file (the title aside) marked as a question by its words ("Q:",
    "Question 3", "第1题"), when it is the last heading (those above it introduce it): the
    file is that question."""
    marked = [i for i in heads if _asks_itself(doc.heading_text(i))]
    return marked[0] if len(marked) == 1 and marked[0] == heads[-1] else None


def _asks_itself(text: str) -> bool:
    _number, kind, rest = split_number(text)
    return kind == "question" and bool(rest)


def _section_end(doc: Document, heads: list[int], index: int) -> int:
    level = heading_level(doc.top[index])
    following = next((i for i in heads if i > index and heading_level(doc.top[i]) <= level), None)
    return doc.top[following].first_line if following is not None else len(doc.lines)
