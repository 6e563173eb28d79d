"""What the shape readers share: the question items they find, their groups and numbers, how
much of the file they explain, and the finishing touches on the topic."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field

from questionbank import rendering
from questionbank.mdtokens import clean_title, heading_level, normalize
from questionbank.parsed import ParsedTopic
from questionbank.readers.answers import MAX_QUESTION_NUMBER, is_hollow
from questionbank.readers.document import Document
from questionbank.readers.html_to_md import html_to_markdown
from questionbank.readers.vocabulary import ANSWER_LABEL, LEADING_SYMBOLS, split_number

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,10}(?:\s[^<>]{0,200})?/?>")
_EXTRA_ANSWER_LABELS = ("答", "解答", "回答", "答案解析", "解析", "参考解答", "a", "ans", "answers")


def is_answer_label(label: str) -> bool:
    words = LEADING_SYMBOLS.sub("", normalize(label)).rstrip(":： ")
    return bool(ANSWER_LABEL.match(words)) or words in _EXTRA_ANSWER_LABELS


@dataclass
class Item:
    """One question as a reader found it, before rendering."""

    line: int  # 1-based line of the question
    number: int | None  # as written in the file, if it is numbered
    text: str  # the question's Markdown
    group: str = ""
    block: int | None = None  # top-level block of the question (heading readers)
    end: int | None = None  # first top-level block after its answer
    description: tuple[int, int] | None = None  # blocks that belong to the question
    answer: tuple[int, int] | None = None  # blocks of the answer
    answer_lead: str = ""  # the text after an answer label, on the label's line
    answer_label_at: int | None = None
    answer_md: str = ""  # the answer as Markdown text (readers that rewrite it)
    answer_line: int | None = None
    span: tuple[int, int] | None = None  # source lines (0-based, end exclusive) it explains
    marked: bool = False  # opened by an explicit marker ("Q:", "问：")
    key_span: tuple[int, int] | None = None  # its entry in an answer key, if any
    follow_ups: list[str] = field(default_factory=list)

    @property
    def answered(self) -> bool:
        return self.answer is not None or bool(self.answer_md.strip())


def title_index(doc: Document) -> int | None:
    """The H1 that titles the file: the first heading, when it is the only H1."""
    if "title_index" not in doc.cache:
        h1s = [i for i, b in enumerate(doc.top) if doc.is_heading(i) and b.tag == "h1"]
        first_heading = next((i for i in range(len(doc.top)) if doc.is_heading(i)), None)
        doc.cache["title_index"] = h1s[0] if len(h1s) == 1 and h1s[0] == first_heading else None
    return doc.cache["title_index"]


def untagged(text: str) -> str:
    """A heading's words without inline HTML ("<h3 id="1">阿里</h3>" -> "阿里")."""
    return _TAG.sub("", text).strip() if "<" in text else text


def _groups(doc: Document, level: int) -> list[str]:
    """For each top-level block, the nearest heading above it shallower than ``level``."""
    key = f"groups-{level}"
    if key not in doc.cache:
        skip = title_index(doc)
        current, found = "", []
        for i, block in enumerate(doc.top):
            found.append(current)
            if i != skip and doc.is_heading(i) and heading_level(block) < level:
                # "## <h3 id="1">阿里</h3>": the words, not the anchor's markup
                current = clean_title(untagged(doc.heading_text(i)))
        doc.cache[key] = found
    return doc.cache[key]


def group_above(doc: Document, index: int) -> str:
    """The nearest heading above block ``index`` (any level), the title aside."""
    return _groups(doc, 7)[index][:200]


def assign_numbers(items: list[Item]) -> list[int]:
    """The file's own numbers when every question has one and no two are the same; otherwise
    1..N in file order (numbers that restart per group stay visible in the group)."""
    numbers = [item.number for item in items]
    if (
        all(n is not None and 1 <= n <= MAX_QUESTION_NUMBER for n in numbers)
        and len(set(numbers)) == len(numbers)
        and numbers == sorted(numbers)
    ):
        return numbers
    return list(range(1, len(items) + 1))


def block_span(doc: Document, start: int, end: int) -> tuple[int, int]:
    end = max(end, start + 1)
    return doc.top[start].first_line, doc.top[min(end, len(doc.top)) - 1].last_line


def content_lines(doc: Document) -> set[int]:
    """The lines that carry content: not blank, not the title, not a thematic break."""
    skip = title_index(doc)
    lines: set[int] = set()
    for i, block in enumerate(doc.top):
        if i == skip or block.type == "hr":
            continue
        for n in range(block.first_line, block.last_line):
            if n < len(doc.lines) and doc.lines[n].strip():
                lines.add(n)
    return lines


def coverage(doc: Document, items: list[Item], extra: set[int] | None = None) -> tuple[float, str]:
    """The share of the file's content lines that the items (questions, answers, and the
    group headings above them) explain, and what the rest is, in words."""
    lines = content_lines(doc)
    if not lines:
        return 0.0, ""
    covered = covered_lines(doc, items, extra)
    rest = lines - covered
    return len(covered & lines) / len(lines), describe_lines(doc, rest)


def covered_lines(doc: Document, items: list[Item], extra: set[int] | None = None) -> set[int]:
    """The source lines the items (and the group headings above them) explain."""
    covered: set[int] = set(extra or ())
    for item in items:
        if item.key_span is not None:
            covered.update(range(*item.key_span))
        if item.span is not None:
            covered.update(range(*item.span))
        elif item.block is not None:
            covered.update(range(*block_span(doc, item.block, item.end or item.block + 1)))
    groups = {item.group for item in items if item.group}
    for i in range(len(doc.top)):
        if doc.is_heading(i) and clean_title(untagged(doc.heading_text(i))) in groups:
            covered.add(doc.top[i].first_line)
        elif doc.is_heading(i):
            _number, _kind, rest = split_number(clean_title(untagged(doc.heading_text(i))))
            if rest in groups:
                covered.add(doc.top[i].first_line)
    return covered


def describe_lines(doc: Document, rest: set[int]) -> str:
    """ "42 lines, under '## 总结', '## 参考资料'": what a set of unexplained lines is."""
    if not rest:
        return "nothing"
    headings = []
    for i in range(len(doc.top)):
        block = doc.top[i]
        if doc.is_heading(i) and block.first_line in rest:
            headings.append(f"'{'#' * heading_level(block)} {doc.heading_text(i)[:40]}'")
    where = f", from line {min(rest) + 1}"
    if headings:
        shown = ", ".join(headings[:3]) + (
            f" and {len(headings) - 3} more" if len(headings) > 3 else ""
        )
        where += f", under {shown}"
    return f"{len(rest)} lines{where}"


def describe_document(doc: Document) -> str:
    """What a file looks like, for a refusal: its headings, lists and paragraphs."""
    levels: dict[int, int] = {}
    lists = paragraphs = fences = 0
    for i, block in enumerate(doc.top):
        if doc.is_heading(i):
            levels[heading_level(block)] = levels.get(heading_level(block), 0) + 1
        elif block.type in ("bullet_list", "ordered_list"):
            lists += 1
        elif block.type == "paragraph":
            paragraphs += 1
        elif block.type in ("fence", "code_block"):
            fences += 1
    parts = [
        f"{n} `{'#' * level}` heading{'s' if n > 1 else ''}" for level, n in sorted(levels.items())
    ]
    if paragraphs:
        parts.append(f"{paragraphs} paragraph{'s' if paragraphs > 1 else ''}")
    if lists:
        parts.append(f"{lists} list{'s' if lists > 1 else ''}")
    if fences:
        parts.append(f"{fences} code block{'s' if fences > 1 else ''}")
    return ", ".join(parts) or "no content"


# An "answer" that says there is none yet.
_PLACEHOLDER = re.compile(
    r"^(?:不会|不知道|不清楚|待补充|待完善|待续|暂无|略|无|todo|tbd|to do|n/?a|\?+|？+)$"
    # "TODO memcache", "待补充：原理": a note to fill it in later, still no answer
    r"|^(?:todo|tbd|fixme|待补充|待完善|待续)(?:[\s:：,，-][^\n]{0,40})?$"
)


def finish(doc: Document, topic: ParsedTopic, items: list[Item]) -> None:
    """Language, background and the one warning about unanswered questions."""
    questions = topic.questions
    text = " ".join(q.text for q in questions[:20])
    topic.language = "zh" if any(rendering.is_cjk(ch) for ch in text) else "en"
    first = min((item.block for item in items if item.block is not None), default=None)
    skip = title_index(doc)
    start = skip + 1 if skip is not None else 0
    if first is not None and start < first:
        head = [i for i in range(start, first) if doc.is_heading(i)]
        end = head[0] if head else first
        if start < end and (markdown := doc.markdown(start, end)):
            topic.background_md, topic.background_html = markdown, doc.html(start, end)
    for question in questions:
        if _PLACEHOLDER.match(normalize(question.answer_plain).strip(" .。!！…")) or (
            question.answer_md and is_hollow(question.answer_md)
        ):
            question.answer_md = question.answer_html = question.answer_plain = ""
            question.answer_line, question.key_points = None, []
    unanswered = [q for q in questions if not q.has_answer]
    if unanswered:
        doc.warn(unanswered[0].line, "unanswered", count=len(unanswered), total=len(questions))


_ANSWER_KEY = re.compile(
    r"^(?:answers?|answer key|solutions?|答案|参考答案|标准答案|参考回答|答案汇总|答案解析|解答)$",
    re.I,
)
_KEY_MARKER = re.compile(r"^\s*\d{1,4}[.)]\s*")


def apply_answer_key(doc: Document, items: list[Item]) -> None:
    """A heading "Answers" / "参考回答" followed by numbered entries, one per question ("1. D",
    or "1." and a long indented answer, lists split by "---"): each entry answers the question
    of its position (quizzes, and files that put all questions first)."""
    if not items or any(item.answered for item in items):
        return
    for i, block in enumerate(doc.top[:-1]):
        if block.type != "heading" or not _ANSWER_KEY.match(
            normalize(clean_title(doc.heading_text(i))).rstrip(":： ")
        ):
            continue
        entries = []
        for following in doc.top[i + 1 :]:
            if following.type == "hr":
                continue
            if following.type != "ordered_list":
                break
            level = doc.tokens[following.start].level + 1
            entries.extend(
                t.map for t in doc.tokens[following.start : following.end]
                if t.type == "list_item_open" and t.level == level and t.map
            )  # fmt: skip
        if len(entries) != len(items):
            continue
        for item, (first, end) in zip(items, entries, strict=True):
            lines = doc.lines[first:end]
            head = _KEY_MARKER.sub("", lines[0])
            text = textwrap.dedent("\n".join([head, *lines[1:]]) if head.strip() else
                                   "\n".join(lines[1:])).strip()  # fmt: skip
            if "<" in text:
                text = html_to_markdown(text, keep_bold=True)
            item.answer_md = text
            item.answer_line = first + 1
            item.key_span = (first, end)
        return
