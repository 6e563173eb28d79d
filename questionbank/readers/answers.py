"""Filling a question's answer (Markdown, HTML, plain text, key points), shared by every reader,
and the checks on a topic's question numbers."""

from __future__ import annotations

import itertools
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
    if (kept := _CLOSING_TAIL.sub("", markdown)) != markdown:
        # "…赋值不会。\n</p>\n</details>": the end of a fold around the answer, not its text
        markdown = kept.rstrip()
        if not lead:
            html = rendering.render_markdown(markdown)
            plain = plain_text(rendering.MD.parse(markdown))
    lead_tokens = None
    if lead:  # "**答案**：一个抽象。" then the blocks: the lead is part of the answer
        markdown = f"{lead}\n\n{markdown}" if markdown else lead
        html = rendering.render_markdown(markdown)
        lead_tokens = rendering.MD.parse(markdown)
        plain = plain_text(lead_tokens)
    question.answer_title = title
    question.answer_md = markdown
    question.answer_html = html
    question.answer_plain = plain
    question.answer_line = line
    if explicit:
        question.key_points, question.key_points_explicit = explicit, True
    elif lead_tokens is not None:  # the lead is the answer's first words: its points count
        question.key_points = [
            ParsedKeyPoint(text) for text in extract_key_points(lead_tokens, 0, len(lead_tokens))
        ][:MAX_KEY_POINTS]
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


# Lines at the end of an answer that only close the HTML folded around it.
_CLOSING_TAIL = re.compile(
    r"(?:\n[ \t]*(?:</(?:details|p|div|article|section|b|strong)>[ \t]*)+)+\s*$", re.I
)


def set_answer_markdown(question: ParsedQuestion, markdown: str, line: int | None) -> None:
    """An answer given as Markdown text (not a range of the file): parsed and rendered alone."""
    markdown = _CLOSING_TAIL.sub("", markdown).strip("\n")
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
_BREAKS = re.compile(r"<br\s*/?>", re.I)
_BARE_URL = re.compile(r"^<?https?://[^\s<>]+>?$")


# "- Category: `Misc`", "难度：中等": a line saying what kind of question it is, not an answer.
_META_LINE = re.compile(
    r"^(?:[-*+]\s+)?(?:\*\*|__)?(?:category|categories|tags?|topic|difficulty|level|source|"
    r"company|companies|asked (?:at|in)|分类|类别|标签|难度|来源|出处|公司)(?:\*\*|__)?\s*[:：]"
    r"[^\n]{0,80}$",
    re.I,
)
_ITEM_MARK = re.compile(r"^(?:[-*+]|\d{1,4}[.)])\s+")


def _pointer_card(markdown: str) -> bool:
    """Lines that each only say what kind of question it is ("Category: `Misc`") or point
    elsewhere ("[Open the canonical answer](../bank.md#misc-055)"), at least one of them a
    link: an index entry, not an answer."""
    lines = [line.strip() for line in markdown.split("\n") if line.strip()]
    links = [line for line in lines if not _META_LINE.match(line)]
    return bool(links) and all(
        is_link_only(_ITEM_MARK.sub("", line)) and "\n" not in line for line in links
    )


def is_link_only(markdown: str) -> bool:
    """True when the answer is only a pointer to another page ("答案总结在[…](./other.md)"):
    one paragraph whose words outside its links are a few at most. Such a body answers nothing."""
    markdown = markdown.strip()
    if len(markdown) > POINTER_MARKDOWN_MAX:
        return False
    markdown = _BREAKS.sub("", markdown).strip()
    if _BARE_URL.match(markdown):
        return True  # "https://ithelp.ithome.com.tw/articles/10197529" and nothing else
    if "\n" in markdown and _pointer_card(markdown):
        return True
    if not ("[" in markdown or "<" in markdown):
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


# What an answer may hold and still say nothing (``is_hollow``): line breaks and empty HTML,
# fence lines with nothing between them, list markers with nothing after them, a banner
# ("--- Intermediate Level: ---"), a label with nothing after it ("Ans:", "**答案：**"), or a
# template's placeholder ("> The answer goes here" above an empty fence).
HOLLOW_MARKDOWN_MAX = 5000
_EMPTY_HTML = re.compile(
    r"<br\s*/?>|&nbsp;|&#8195;|<!--.*?-->|</?(?:p|div|span|b|strong|i|em)(?:\s[^>]*)?>", re.I | re.S
)
_QUOTE_MARKS = re.compile(r"^\s*(?:>\s?)*")
_HEADING_LINE = re.compile(r"^#{1,6}(?:\s|$)")  # a section title with nothing of its own
_FENCE_LINE = re.compile(r"^\s*(?:`{3,}|~{3,})[\w+#.-]*\s*$")
_BARE_MARKER = re.compile(r"^\s*(?:[-+*]|\d{1,3}[.)、])?\s*$")
_BANNER = re.compile(r"^\s*([-=])\1{2,}[^\n]{0,80}?\1{3,}\s*$")  # not "***Important***"
_LONE_LABEL = re.compile(
    r"^(?:[*_]{1,2})?\s*(?:(?:ans(?:wer)?s?|a|sample answer|答案?|参考答案|标准答案|解答|回答|解析)"
    r"\s*(?:[*_]{1,2})?\s*[:：]|(?:ans|answers?|sample answer)\s*(?:[*_]{1,2})?\s*\.)"
    r"\s*(?:[*_]{1,2})?\s*$",  # "Answer." too, not "A." (option A of a quiz)
    re.I,
)
_TEMPLATE = re.compile(
    r"^(?:the )?answer goes here\.?$|^(?:write )?your answer(?: goes)? here\.?$|^answer here\.?$"
    r"|^(?:答案|回答|作答)(?:写)?在(?:这里|此处?)\.?。?$|^在此(?:处)?作答。?$"
    r"|^(?:todo|tbd|to be (?:written|added|done)|coming soon|待补充|待完善|未完待续)[.。!！]?$"
    r"|^(?:略|暂无)[.。]?$",  # "略": omitted, as an interview report leaves an answer out
    re.I,
)


def _fenced_words(markdown: str) -> bool:
    """Whether a fenced block in ``markdown`` holds anything."""
    fence = None
    for line in markdown.split("\n"):
        bare = _QUOTE_MARKS.sub("", line)
        if _FENCE_LINE.match(bare):
            fence = None if fence else bare.strip()[:3]
        elif fence and bare.strip():
            return True
    return False


# An answer of this many characters of prose (outside code, links aside) below a "todo".
PROSE_AFTER_PLACEHOLDER = 100
_URL = re.compile(r"https?://\S+|\[[^\]\n]{0,300}\]\([^)\n]{0,500}\)")


def _prose_chars(lines: list[str]) -> int:
    count, fenced = 0, False
    for line in lines:
        if _FENCE_LINE.match(line):
            fenced = not fenced
        elif not fenced:
            count += len(_URL.sub("", line).strip())
    return count


_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)\s*$")


def _setext_titles(lines: list[str]) -> set[str]:
    """The words of the lines an "===" or "---" line right below makes headings ("Coding
    questions:" over "------"): section titles, as "## Coding questions:" would be."""
    return {
        line.strip()
        for line, below in itertools.pairwise(lines)
        if line.strip() and not _UNDERLINE.match(line) and _UNDERLINE.match(below)
    }


def is_hollow(markdown: str) -> bool:
    """True when an "answer" holds no words of an answer: only line breaks, empty fences, bare
    list markers ("+ " under each question), a banner, a label with nothing after it, or a
    template's placeholder line above code left for the answer ("> The answer goes here" then
    a fence). A curator sees no standard answer there, and neither does the importer."""
    if not markdown.strip() or len(markdown) > HOLLOW_MARKDOWN_MAX:
        return not markdown.strip()
    lines = [_QUOTE_MARKS.sub("", line) for line in _EMPTY_HTML.sub("", markdown).split("\n")]
    words = [line.strip() for line in lines if line.strip()]
    if not words:
        return True
    if _TEMPLATE.match(words[0]):
        # everything below the placeholder is the template's (empty fences, "1. cd:"), unless
        # it goes on in prose ("todo" above an answer written after all)
        return _prose_chars(words[1:]) < PROSE_AFTER_PLACEHOLDER
    if _fenced_words(markdown):
        return False  # code is an answer, even code of HTML tags only ("<div ...></div>")
    titles = _setext_titles(lines)
    return all(
        _HEADING_LINE.match(line)
        or line in titles
        or _TEMPLATE.match(line)
        or _FENCE_LINE.match(line)
        or _BARE_MARKER.match(line)
        or _BANNER.match(line)
        or _LONE_LABEL.match(line)
        for line in words
    )


# A question that shows code and asks about it: "下面代码 main 函数执行后的输出结果是？", "What
# will log to console the following code snippet:". The code right below it is the question's.
_REFERS_TO_CODE = re.compile(
    r"(?:下面|以下|如下|下列|下方|示例)的?(?:这段|这个|示例)?\s?(?:[A-Za-z][\w+#.-]{0,11}\s?)?"
    r"(?:代码|程序|片段)|输出(?:结果)?(?:是|为)?(?:什么|多少)"
    r"|\bfollowing (?:[A-Za-z][\w+#.-]{0,11} )?(?:code|snippet|program|function|query)"
    r"|\bcode (?:below|snippet below)"
    r"|\bwhat (?:will|does|would) (?:this|the following|it)?\s*(?:log|print|output|return)"
    r"|\bwhat is (?:the )?output\b|\boutput of the following\b",
    re.I,
)
# Code left for the candidate to fill in: a task's starting point, not its answer.
_CODE_TO_FILL = re.compile(
    r"\bTODO\b|write your code|your code here|在此(?:处)?(?:编写|填写|补充)|请(?:在此)?补全", re.I
)
_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def code_to_fill(code: str) -> bool:
    """Code left for the candidate to fill in ("// TODO", "// Write your code here...")."""
    return bool(_CODE_TO_FILL.search(code))


def split_question_code(question: str, answer_md: str) -> tuple[str, str] | None:
    """(code, rest) when the "answer" opens with a fenced block that belongs to the question:
    code the question refers to ("下面代码…输出结果是？") or code left to fill in ("// TODO").
    The rest, if any, is the answer; None when the code is the answer."""
    lines = answer_md.strip("\n").split("\n")
    opened = _FENCE_OPEN.match(lines[0]) if lines else None
    if not opened:
        return None
    fence = opened.group(1)
    close = next(
        (k for k in range(1, len(lines)) if lines[k].strip().startswith(fence[0] * len(fence))
         and not lines[k].strip().strip(fence[0])),
        None,
    )  # fmt: skip
    if close is None:
        return None
    code = "\n".join(lines[: close + 1])
    if not (_REFERS_TO_CODE.search(question) or code_to_fill(code)):
        return None
    return code, "\n".join(lines[close + 1 :]).strip("\n")
