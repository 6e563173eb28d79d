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
from questionbank.readers.outline import Item, coverage, finish, title_index
from questionbank.readers.vocabulary import ANSWER_SECTION, QUESTION_SECTION, looks_like_question

# The file's own sections around the answer: references, what to read next, a summary.
_OWN = re.compile(
    r"参考|引用|链接|延伸|扩展阅读|推荐|相关|总结|小结|"
    r"\b(?:references?|links?|see also|further reading|resources|what to learn next|next steps|"
    r"learn more|summary|sources?|credits|license)\b",
    re.I,
)
_ANSWER_HEADING = re.compile(r"^(?:.{0,6})?(?:" + ANSWER_SECTION.pattern + r")(?:.{0,12})$")


class SingleReader(Reader):
    shape = "single"

    def fit(self, doc: Document) -> Fit | None:
        skip = title_index(doc)
        heads = [i for i in range(len(doc.top)) if doc.is_heading(i) and i != skip]
        if any(QUESTION_SECTION.search(normalize(doc.heading_text(i))) for i in heads):
            return None  # a question section: the seed format's
        answer_heads = [
            i for i in heads if _ANSWER_HEADING.match(normalize(clean_title(doc.heading_text(i))))
        ]
        start = skip + 1 if skip is not None else 0
        first_head = heads[0] if heads else len(doc.top)
        title = clean_title(doc.heading_text(skip)) if skip is not None else ""
        if len(answer_heads) == 1:
            at = answer_heads[0]
            level = heading_level(doc.top[at])
            if any(heading_level(doc.top[i]) < level for i in heads):
                return None  # the answer of one part of the file, not of the file
            end = next(
                (i for i in heads if i > at and heading_level(doc.top[i]) <= level), len(doc.top)
            )
            question_blocks = (start, first_head) if start < first_head else None
            answer = (at + 1, end)
            how = f"one answer section '{clean_title(doc.heading_text(at))[:40]}'"
        elif (
            not answer_heads and title.rstrip().endswith(("?", "？")) and looks_like_question(title)
        ):
            own = [i for i in heads if _OWN.search(doc.heading_text(i))]
            end = own[0] if own else len(doc.top)
            question_blocks, answer, at = None, (start, end), None
            how = "a title worded as a question, the text below it the answer"
        else:
            return None
        if not doc.markdown(*answer).strip():
            return None
        text = doc.markdown(*question_blocks) if question_blocks else ""
        if not (text or title):
            return None
        item = Item(line=doc.line_of(question_blocks[0] if question_blocks else (skip or 0)),
                    number=1, text=text or title, block=question_blocks[0] if question_blocks
                    else skip, end=answer[1])  # fmt: skip
        item.answer, item.answer_label_at, item.description = answer, at, question_blocks
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
        set_answer(doc, question, "", start, end, line)
        topic.questions = [question]
        finish(doc, topic, [item])
        return topic


def _section_end(doc: Document, heads: list[int], index: int) -> int:
    level = heading_level(doc.top[index])
    following = next((i for i in heads if i > index and heading_level(doc.top[i]) <= level), None)
    return doc.top[following].first_line if following is not None else len(doc.lines)
