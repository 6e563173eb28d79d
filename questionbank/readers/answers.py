"""Filling a question's answer (Markdown, HTML, plain text, key points), shared by every reader,
and the checks on a topic's question numbers."""

from __future__ import annotations

import re

from questionbank import rendering
from questionbank.mdtokens import blocks, inline_text, normalize, plain_text
from questionbank.parsed import ParsedKeyPoint, ParsedQuestion
from questionbank.readers.document import Document
from questionbank.readers.vocabulary import KEY_POINTS_LABEL, WEIGHT
from scoring.keypoints import extract_key_points

MAX_QUESTION_NUMBER = 999
MAX_KEY_POINTS = 12


def set_answer(
    doc: Document,
    question: ParsedQuestion,
    title: str,
    start: int,
    end: int,
    line: int,
    *,
    lead: str = "",
    parts=None,
) -> None:
    """The blocks [start, end) (or ``parts``, several such ranges) are the question's answer."""
    parts = [p for p in (parts or [(start, end)]) if p[0] < p[1]]
    explicit: list[ParsedKeyPoint] = []
    if parts:
        last_start, last_end = doc.trim(*parts[-1])
        if (
            last_end - last_start >= 2
            and doc.top[last_end - 1].type in ("bullet_list", "ordered_list")
            and (label := doc.label_at(last_end - 2))
            and KEY_POINTS_LABEL.match(normalize(label.label))
        ):
            explicit = explicit_key_points(doc, last_end - 1)
            parts[-1] = (last_start, last_end - 2)
    markdown = "\n\n".join(m for s, e in parts if (m := doc.markdown(s, e)))
    html = "".join(doc.html(s, e) for s, e in parts)
    plain = "\n".join(doc.plain(s, e) for s, e in parts)
    if lead:  # "**答案**：一个抽象。" then the blocks: the lead is part of the answer
        markdown = f"{lead}\n\n{markdown}" if markdown else lead
        html = rendering.render_markdown(markdown)
        plain = plain_text(rendering.MD.parse(markdown))
    question.answer_title = title
    question.answer_md = markdown
    question.answer_html = html
    question.answer_plain = plain
    question.answer_line = line
    if explicit:
        question.key_points, question.key_points_explicit = explicit, True
    else:
        question.key_points = [
            ParsedKeyPoint(text)
            for s, e in parts
            for text in extract_key_points(
                doc.tokens,
                doc.top[s].start if s < e else 0,
                doc.top[e - 1].end if s < e else 0,
            )
        ][:MAX_KEY_POINTS]


def set_answer_markdown(question: ParsedQuestion, markdown: str, line: int | None) -> None:
    """An answer given as Markdown text (not a range of the file): parsed and rendered alone."""
    markdown = markdown.strip("\n")
    if not markdown.strip():
        return
    env: dict = {}
    tokens = rendering.MD.parse(markdown, env)
    question.answer_md = markdown
    question.answer_html = rendering.render_tokens(tokens, env)
    question.answer_plain = plain_text(tokens)
    question.answer_line = line
    question.key_points = [
        ParsedKeyPoint(text) for text in extract_key_points(tokens, 0, len(tokens))
    ][:MAX_KEY_POINTS]


def explicit_key_points(doc: Document, list_index: int) -> list[ParsedKeyPoint]:
    block = doc.top[list_index]
    points = []
    for item in blocks(doc.tokens, block.start + 1, block.end - 1):
        first = next((t for t in doc.tokens[item.start : item.end] if t.type == "inline"), None)
        text = inline_text(first).strip() if first else ""
        weight = 1
        if match := WEIGHT.search(text):
            weight = max(1, min(10, int(match.group(1))))
            text = text[: match.start()].strip()
        if text:
            points.append(ParsedKeyPoint(text[:300], weight))
    return points


def check_numbers(doc: Document, questions: list[ParsedQuestion]) -> None:
    seen: dict[int, ParsedQuestion] = {}
    for question in questions:
        if not 1 <= question.number <= MAX_QUESTION_NUMBER:
            doc.error(
                question.line, "number_range", max=MAX_QUESTION_NUMBER, number=question.number
            )
            continue
        if not question.text.strip():
            doc.error(question.line, "question_no_text", number=question.number)
        if question.number in seen:
            doc.error(
                question.line,
                "question_twice",
                number=question.number,
                first=seen[question.number].line,
                second=question.line,
            )
        seen[question.number] = question
    numbers = sorted(seen)
    if numbers and numbers[-1] - len(numbers) < 20:
        missing = sorted(set(range(1, numbers[-1] + 1)) - set(numbers))
        if missing:
            doc.warn(
                questions[0].line,
                "numbers_missing",
                last=numbers[-1],
                missing=", ".join(map(str, missing)),
            )


# What a pointer to an answer elsewhere may say around its link: "答案见", "See", "Answer: see".
POINTER_TEXT_MAX = 20
# A pointer is one short paragraph: longer text, or text without a link opener, is never one,
# and is not parsed again (a 200 KB table or run of brackets took seconds to re-parse).
POINTER_MARKDOWN_MAX = 2000
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def is_link_only(markdown: str) -> bool:
    """True when the answer is only a pointer to another page ("答案总结在[…](./other.md)"):
    one paragraph whose words outside its links are a few at most. Such a body answers nothing."""
    markdown = markdown.strip()
    if len(markdown) > POINTER_MARKDOWN_MAX or not ("[" in markdown or "<" in markdown):
        return False
    if _BLANK_LINE.search(markdown):
        return False
    tokens = rendering.MD.parse(markdown)
    if [t.type for t in tokens] != ["paragraph_open", "inline", "paragraph_close"]:
        return False
    outside, depth, links = [], 0, 0
    for child in tokens[1].children or []:
        if child.type == "link_open":
            depth, links = depth + 1, links + 1
        elif child.type == "link_close":
            depth -= 1
        elif depth == 0 and child.type in ("text", "code_inline"):
            outside.append(child.content)
    words = "".join(outside).strip(" \t\n:：.,，。;；-–—()（）")
    return links > 0 and len(words) <= POINTER_TEXT_MAX


# "*(A classic whiteboard question.)*": a remark about the question in parentheses, in italics.
_ASIDE = re.compile(r"^(?:([*_])[(（][^\n]*[)）][.。]?\1|[(（]([*_])[^\n]*\2[)）])[.。]?$")


def is_aside(markdown: str) -> bool:
    """True when the body under a question is only an italic remark in parentheses about it
    (what it tests, where it was asked): a note on the question, not its answer."""
    return bool(_ASIDE.match(markdown.strip()))
