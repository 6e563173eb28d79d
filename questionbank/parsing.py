"""Interview Markdown to a :class:`ParsedTopic`. Pure: no Django, no database.

The format is described in DESIGN.md ("The Markdown format"). The file is parsed once with
markdown-it-py; the token stream is split into sections by heading, and every part (answer,
background, experience, note) is rendered from its own slice of the same tokens. Fenced code is a
single token, so nothing inside it can ever be taken for a heading.

Problems are collected, never raised: ``errors`` reject the file, ``warnings`` do not, and each
names the line it concerns.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from markdown_it.token import Token

from questionbank import rendering
from questionbank.mdtokens import (
    Block,
    block_inline,
    blocks,
    clean_title,
    heading_level,
    inline_text,
    is_atx_heading,
    normalize,
    paragraph_label,
    plain_text,
)
from questionbank.parsed import (
    ParsedBonusCategory,
    ParsedKeyPoint,
    ParsedQuestion,
    ParsedSection,
    ParsedTopic,
    ParseResult,
)
from questionbank.problems import Problem
from scoring.keypoints import KEYPOINTS_VERSION, extract_key_points

# Part of every file's and question's hash, with the renderer's and the key-point extractor's:
# a new version of any of them re-imports (and re-renders) files that did not change.
PARSER_VERSION = 2
VERSIONS = (
    f"parser-{PARSER_VERSION};renderer-{rendering.RENDERER_VERSION};keypoints-{KEYPOINTS_VERSION}"
)
DEFAULT_MAX_BYTES = 256 * 1024
MAX_QUESTION_NUMBER = 999
# markdown-it stops reading at this nesting depth (tokens: a list level is two); files that
# reach it are refused rather than silently cut short.
MAX_TOKEN_LEVEL = rendering.MAX_NESTING - 4

# Heading vocabulary, matched against normalize()d text (NFKC, lower case).
_QUESTION_SECTION = re.compile(r"问题|题目|面试题|\bquestions?\b")
_ANSWER_SECTION = re.compile(r"答案|解答|解析|剖析|参考回答|\banswers?\b")
_BONUS = re.compile(r"加分项|加分点|\bbonus\b|(?<![a-z0-9])p[5-9](?![0-9]).*加分")
_EXPERIENCE = re.compile(r"项目经验|项目实践|\breal[- ]world\b|\bproject experience")
_QUESTION_LABEL = re.compile(r"^(问题|题目|面试题|问题列表|questions?|interview questions?)$")
_ANSWER_LABEL = re.compile(
    r"^(标准答案|参考答案|答案|参考回答|回答要点|answer|standard answer|reference answer)$"
)
_BACKGROUND_LABEL = re.compile(r"^\*\*\s*(?:背景|background)\s*[:：]?\s*\*\*\s*[:：]?\s*", re.I)
_KEY_POINTS_LABEL = re.compile(r"^(评分要点|得分点|关键点|要点|key points?|scoring points?)$")
_FOLLOW_UP = re.compile(
    r"^\s*(?:\*\*)?\s*(?:追问|follow[- ]?up)\s*(?:\*\*)?\s*[:：]\s*(?:\*\*)?\s*", re.I
)
_NUMBERED = re.compile(
    r"""^(?:
        第\s*(?P<a>\d{1,9})\s*[题问]\s*[.、:：)）．]?
      | (?:q|question|题目|问题)\s*(?P<b>\d{1,9})\s*[.、:：)）．]?
      | (?P<c>\d{1,9})\s*[.、:：)）．]
    )\s*(?P<title>.*)$""",
    re.X | re.I,
)
_WEIGHT = re.compile(r"\s*[（(]\s*(?:权重|weight|w)\s*[:：=]?\s*(\d{1,2})\s*[)）]\s*$", re.I)
_LEADING_SYMBOLS = re.compile(r"^[^\w]+")
_SLUG_JUNK = re.compile(r"[^\w\s-]")
_SLUG_SPACE = re.compile(r"[-\s_]+")


def content_hash(data: bytes) -> str:
    """What decides "unchanged": the file's bytes and the parser that read them."""
    digest = hashlib.sha256(f"{VERSIONS};".encode())
    digest.update(data)
    return digest.hexdigest()


def slugify(value: str) -> str:
    value = unicodedata.normalize("NFKC", value).lower()
    value = _SLUG_JUNK.sub("", value)
    return _SLUG_SPACE.sub("-", value).strip("-_")[:100]


def _dedent(line: str, columns: int) -> str:
    """``line`` without up to ``columns`` leading spaces (a list item's continuation indent)."""
    stripped = len(line) - len(line.lstrip(" "))
    return line[min(stripped, columns) :]


def has_cjk(text: str) -> bool:
    return any(rendering.is_cjk(ch) for ch in text)


# --- Decoding and the file's head (front matter, comments) ---------------------------------


def decode(data: bytes) -> tuple[str | None, Problem | None]:
    """The text with BOM and CRLF gone, or an error message."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, Problem("not_utf8", line, byte=f"{data[exc.start]:02x}")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, Problem("nul", line)
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def _front_matter_value(raw: str) -> str | list[str]:
    raw = raw.strip()
    if raw.startswith("[") and raw.endswith("]"):
        return [item.strip().strip("'\"") for item in raw[1:-1].split(",") if item.strip()]
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"":
        return raw[1:-1]
    return raw


def strip_head(lines: list[str]) -> tuple[dict, list[Problem]]:
    """Blank out leading HTML comments and front matter (keeping line numbers) and read the latter.

    Returns the front matter (lower-case keys) and errors.
    """
    meta: dict = {}
    errors: list[Problem] = []
    i = 0
    seen_front_matter = False
    while i < len(lines):
        stripped = lines[i].strip()
        if not stripped:
            i += 1
        elif stripped.startswith("<!--"):
            start = i
            while i < len(lines) and "-->" not in lines[i]:
                i += 1
            if i == len(lines):
                errors.append(Problem("comment_unclosed", start + 1))
                return meta, errors
            for k in range(start, i + 1):
                lines[k] = ""
            i += 1
        elif stripped == "---" and not seen_front_matter:
            start = i
            end = next(
                (k for k in range(i + 1, len(lines)) if lines[k].strip() in ("---", "...")), None
            )
            body = lines[i + 1 : end] if end is not None else lines[i + 1 : i + 6]
            looks_like_meta = any(re.match(r"^[A-Za-z_][\w-]*\s*:", line) for line in body)
            if not looks_like_meta:
                break  # a thematic break, not front matter
            if end is None:
                errors.append(Problem("front_matter_unclosed", start + 1))
                return meta, errors
            key = None
            for offset, line in enumerate(body):
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                if match := re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$", line):
                    key = match.group(1).lower()
                    value = match.group(2)
                    meta[key] = _front_matter_value(value) if value.strip() else []
                elif key and (item := re.match(r"^\s+-\s+(.*)$", line)):
                    current = meta.get(key)
                    meta[key] = ([*current] if isinstance(current, list) else []) + [
                        item.group(1).strip().strip("'\"")
                    ]
                else:
                    errors.append(Problem("front_matter_line", start + 2 + offset))
            for k in range(start, end + 1):
                lines[k] = ""
            seen_front_matter = True
            i = end + 1
        else:
            break
    return meta, errors


# --- The parser ------------------------------------------------------------------------------


@dataclass
class _Section:
    title: str  # the heading's plain text
    line: int  # 1-based
    level: int
    start: int  # index into the top-level block list: first body block
    end: int  # exclusive


class _Parser:
    def __init__(self, text: str, result: ParseResult) -> None:
        self.lines = text.split("\n")
        self.result = result
        self.env: dict = {}
        self.tokens: list[Token] = rendering.MD.parse(text, self.env)
        self.top: list[Block] = blocks(self.tokens)
        too_deep = next((t for t in self.tokens if t.level >= MAX_TOKEN_LEVEL), None)
        if too_deep is not None:
            line = self._line_near(too_deep)
            self.error(line, "too_deep", levels=MAX_TOKEN_LEVEL // 2)
        for index, block in enumerate(self.top):
            if block.type == "heading" and not is_atx_heading(self.tokens, block):
                self.warn(self.line_of(index), "setext", text=self.heading_text(index)[:60])

    def _line_near(self, token: Token) -> int | None:
        at = self.tokens.index(token)
        for previous in reversed(self.tokens[: at + 1]):
            if previous.map:
                return previous.map[0] + 1
        return None

    # Problems ---------------------------------------------------------------------------------

    def error(self, line: int | None, code: str, **params) -> None:
        self.result.errors.append(Problem(code, line, **params))

    def warn(self, line: int | None, code: str, **params) -> None:
        self.result.warnings.append(Problem(code, line, **params))

    # Ranges of top-level blocks -----------------------------------------------------------------

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        while start < end and self.top[start].type == "hr":
            start += 1
        while end > start and self.top[end - 1].type == "hr":
            end -= 1
        return start, end

    def markdown(self, start: int, end: int) -> str:
        start, end = self._trim(start, end)
        if start >= end:
            return ""
        chunk = self.lines[self.top[start].first_line : self.top[end - 1].last_line]
        return "\n".join(chunk).strip("\n")

    def html(self, start: int, end: int) -> str:
        start, end = self._trim(start, end)
        if start >= end:
            return ""
        return rendering.render_tokens(
            self.tokens[self.top[start].start : self.top[end - 1].end], self.env
        )

    def plain(self, start: int, end: int) -> str:
        return plain_text(
            token for block in self.top[start:end] for token in self.tokens[block.start : block.end]
        )

    def line_of(self, index: int) -> int:
        return self.top[index].first_line + 1

    def heading_text(self, index: int) -> str:
        return inline_text(block_inline(self.tokens, self.top[index])).strip()

    def sections(self, start: int, end: int, level: int) -> tuple[tuple[int, int], list[_Section]]:
        """The preamble and the sections opened by headings of ``level`` in [start, end)."""
        found: list[_Section] = []
        for i in range(start, end):
            block = self.top[i]
            if self.is_heading(i) and heading_level(block) <= level:
                if found:
                    found[-1].end = i
                found.append(
                    _Section(
                        self.heading_text(i), self.line_of(i), heading_level(block), i + 1, end
                    )
                )
        preamble_end = found[0].start - 1 if found else end
        return (start, preamble_end), found

    def shallowest_heading(self, start: int, end: int) -> int | None:
        levels = [heading_level(self.top[i]) for i in range(start, end) if self.is_heading(i)]
        return min(levels) if levels else None

    def is_heading(self, index: int) -> bool:
        """A structural heading: ``#`` headings only (see the ``setext`` warning)."""
        return is_atx_heading(self.tokens, self.top[index])

    def label_at(self, index: int):
        block = self.top[index]
        if block.type != "paragraph":
            return None
        return paragraph_label(block_inline(self.tokens, block))

    # The whole file ---------------------------------------------------------------------------

    def parse(self, meta: dict, filename: str) -> ParsedTopic | None:
        top = self.top
        h1 = next((i for i, b in enumerate(top) if self.is_heading(i) and b.tag == "h1"), None)
        title = clean_title(self.heading_text(h1)) if h1 is not None else ""
        title = title or str(meta.get("title") or "").strip()
        stem = filename.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        title = title or stem
        slug = slugify(str(meta.get("slug") or "")) or slugify(stem)
        if not slug:
            self.error(None, "no_slug")
            return None
        topic = ParsedTopic(slug=slug, title=title[:200])
        tags = meta.get("tags") or []
        topic.tags = [str(t) for t in (tags if isinstance(tags, list) else str(tags).split(","))]
        topic.tags = [t.strip() for t in topic.tags if t.strip()]
        topic.difficulty = str(meta.get("difficulty") or "").strip()[:30]

        body_start = h1 + 1 if h1 is not None else 0
        preamble, sections = self.sections(body_start, len(top), 2)
        question_sections: list[_Section] = []
        answer_section: _Section | None = None
        experience_sections: list[_Section] = []
        bonus_sections: list[_Section] = []
        other_sections: list[_Section] = []
        for section in sections:
            words = normalize(section.title)
            if section.level == 1:
                other_sections.append(section)
            elif _BONUS.search(words):
                bonus_sections.append(section)
            elif _EXPERIENCE.search(words):
                experience_sections.append(section)
            elif question_sections and answer_section is None and _ANSWER_SECTION.search(words):
                answer_section = section
            elif answer_section is None and _QUESTION_SECTION.search(words):
                question_sections.append(section)
            else:
                other_sections.append(section)

        if not question_sections:
            self.error(self.line_of(h1) if h1 is not None else 1, "no_question_section")
            return None
        topic.language = "zh" if has_cjk(question_sections[0].title) else "en"

        background_parts: list[tuple[int, int]] = []
        if preamble[0] < preamble[1]:
            background_parts.append(preamble)
        questions: list[ParsedQuestion] = []
        single = False
        for section in question_sections:
            found, background, single_here = self.questions_in(section)
            if single_here and len(question_sections) > 1:
                other_sections.append(section)  # prose under a second question heading: a note
                continue
            single = single or single_here
            background_parts.extend(background)
            questions.extend(found)
        if not questions:
            section = question_sections[0]
            self.error(section.line, "no_questions", title=section.title)
            return None
        self.check_numbers(questions)
        by_number = {q.number: q for q in questions}

        if answer_section is not None:
            if single:
                self.single_answer(answer_section, questions[0], bonus_sections,
                                   experience_sections)  # fmt: skip
            else:
                self.answers(answer_section, by_number, bonus_sections, experience_sections,
                             topic)  # fmt: skip

        unanswered = [q for q in questions if not q.has_answer]
        strays = self.stray_answer_headings(answer_section, questions) if unanswered else {}
        for question in questions:
            if not question.has_answer:
                stray = strays.get(question.number)
                if stray is not None:
                    self.warn(
                        question.line,
                        "no_answer_but_heading",
                        number=question.number,
                        heading_line=self.line_of(stray),
                        heading=self.heading_text(stray),
                    )
                else:
                    self.warn(question.line, "no_answer", number=question.number)
            elif not question.key_points:
                self.warn(question.answer_line, "no_key_points", number=question.number)
        topic.questions = sorted(questions, key=lambda q: q.number)

        background_md = "\n\n".join(m for s, e in background_parts if (m := self.markdown(s, e)))
        background_html = "".join(self.html(s, e) for s, e in background_parts)
        stripped = _BACKGROUND_LABEL.sub("", background_md, count=1)
        if stripped != background_md:
            background_md, background_html = stripped, rendering.render_markdown(stripped)
        topic.background_md, topic.background_html = background_md, background_html

        for section in experience_sections:
            topic.experiences.extend(self.experiences(section, section.start, section.end))
        for section in bonus_sections:
            topic.bonus.extend(self.bonus(section.start, section.end))
        for section in other_sections:
            topic.notes.append(self.section_as(section.title, section.line, section.start,
                                               section.end))  # fmt: skip
        topic.notes = [n for n in topic.notes if n.body_md or n.title]
        return topic

    # Questions --------------------------------------------------------------------------------

    def questions_in(self, section: _Section):
        """(questions, background ranges, single-question?) of one question section."""
        start, end = section.start, section.end
        numbered = [
            i
            for i in range(start, end)
            if self.is_heading(i) and _NUMBERED.match(normalize(self.heading_text(i)))
        ]
        if numbered:
            return self.heading_questions(numbered, end), [(start, numbered[0])], False

        label_index = next(
            (
                i
                for i in range(start, end)
                if (label := self.label_at(i)) and _QUESTION_LABEL.match(normalize(label.label))
            ),
            None,
        )
        search_from = label_index + 1 if label_index is not None else start
        lists = [i for i in range(search_from, end) if self.top[i].type == "ordered_list"]
        if lists:
            taken = [lists[0]]
            next_number = self.list_start(lists[0]) + self.list_length(lists[0])
            for i in lists[1:]:
                if self.list_start(i) < next_number:
                    self.warn(self.line_of(i), "list_restarts", start=self.list_start(i))
                    break
                taken.append(i)
                next_number = self.list_start(i) + self.list_length(i)
            questions = [q for i in taken for q in self.list_questions(i)]
            background = [(start, label_index if label_index is not None else lists[0])]
            after = taken[-1] + 1
            if after < end and self.markdown(after, end):
                background.append((after, end))
            return questions, background, False

        # One question in prose: after a **问题**： label, or the whole section.
        if label_index is not None:
            label = self.label_at(label_index)
            text = "\n\n".join(p for p in (label.rest_md, self.markdown(label_index + 1, end)) if p)
            background = [(start, label_index)]
            line = self.line_of(label_index)
        else:
            text = self.markdown(start, end)
            background = []
            line = self.line_of(start) if start < end else section.line
        if not text.strip():
            return [], background, True
        question = ParsedQuestion(number=1, text=text, line=line)
        question.text_html = rendering.render_markdown(text)
        return [question], background, True

    def list_start(self, index: int) -> int:
        raw = self.tokens[self.top[index].start].attrGet("start")
        return int(raw) if raw is not None else 1

    def list_length(self, index: int) -> int:
        block = self.top[index]
        level = self.tokens[block.start].level + 1
        return sum(
            1
            for t in self.tokens[block.start : block.end]
            if t.type == "list_item_open" and t.level == level
        )

    def list_questions(self, index: int) -> list[ParsedQuestion]:
        block = self.top[index]
        tokens = self.tokens
        item_level = tokens[block.start].level + 1
        number = self.list_start(index)
        questions = []
        i = block.start + 1
        while i < block.end - 1:
            open_token = tokens[i]
            if open_token.type != "list_item_open" or open_token.level != item_level:
                i += 1
                continue
            close = next(
                k
                for k in range(i + 1, block.end)
                if tokens[k].type == "list_item_close" and tokens[k].level == item_level
            )
            questions.append(self.item_question(number, i, close))
            number += 1
            i = close + 1
        return questions

    def item_question(self, number: int, open_index: int, close_index: int) -> ParsedQuestion:
        """A question from a list item: its source text as written, minus the follow-ups."""
        tokens = self.tokens
        open_token = tokens[open_index]
        first, last = open_token.map or (0, 0)
        follow_ups: list[str] = []
        skipped: set[int] = set()
        for child in blocks(tokens, open_index + 1, close_index):
            if child.type != "bullet_list":
                continue
            for item in blocks(tokens, child.start + 1, child.end - 1):
                inline = next(
                    (t for t in tokens[item.start : item.end] if t.type == "inline"), None
                )
                content = inline.content.strip() if inline else ""
                if match := _FOLLOW_UP.match(content):
                    follow_ups.append(content[match.end() :].strip())
                    skipped.update(range(item.first_line, item.last_line))
        source = [self.lines[i] for i in range(first, last) if i not in skipped]
        marker = f"{open_token.info}{open_token.markup}"
        head = source[0] if source else ""
        after_marker = head.find(marker) + len(marker) if marker in head else 0
        content = head[after_marker:]
        column = after_marker + len(content) - len(content.lstrip(" "))
        text = "\n".join([content.strip(), *(_dedent(line, column) for line in source[1:])]).strip()
        question = ParsedQuestion(number=number, text=text, line=first + 1, follow_ups=follow_ups)
        question.text_html = rendering.render_markdown(text)
        return question

    def heading_questions(self, numbered: list[int], end: int) -> list[ParsedQuestion]:
        questions = []
        for position, i in enumerate(numbered):
            match = _NUMBERED.match(normalize(self.heading_text(i)))
            number = int(match.group("a") or match.group("b") or match.group("c"))
            title = clean_title(self.numbered_title(self.heading_text(i), match))
            level = heading_level(self.top[i])
            body_end = end
            for k in range(i + 1, end):
                if self.is_heading(k) and heading_level(self.top[k]) <= level:
                    body_end = k
                    break
            if position + 1 < len(numbered):
                body_end = min(body_end, numbered[position + 1])
            question = ParsedQuestion(number=number, text=title, line=self.line_of(i))
            answer_at = next(
                (
                    k
                    for k in range(i + 1, body_end)
                    if (label := self.label_at(k))
                    and _ANSWER_LABEL.match(_LEADING_SYMBOLS.sub("", normalize(label.label)))
                ),
                None,
            )
            description_end = answer_at if answer_at is not None else body_end
            description = self.markdown(i + 1, description_end)
            if description:
                question.text = f"{title}\n\n{description}" if title else description
            if answer_at is not None:
                label = self.label_at(answer_at)
                self.set_answer(question, "", answer_at + 1, body_end, self.line_of(answer_at),
                                lead=label.rest_md)  # fmt: skip
            question.text_html = rendering.render_markdown(question.text)
            questions.append(question)
        return questions

    def check_numbers(self, questions: list[ParsedQuestion]) -> None:
        seen: dict[int, ParsedQuestion] = {}
        for question in questions:
            if not 1 <= question.number <= MAX_QUESTION_NUMBER:
                self.error(question.line, "number_range", max=MAX_QUESTION_NUMBER,
                           number=question.number)  # fmt: skip
                continue
            if not question.text.strip():
                self.error(question.line, "question_no_text", number=question.number)
            if question.number in seen:
                self.error(question.line, "question_twice", number=question.number,
                           first=seen[question.number].line, second=question.line)  # fmt: skip
            seen[question.number] = question
        numbers = sorted(seen)
        if numbers and numbers[-1] - len(numbers) < 20:
            missing = sorted(set(range(1, numbers[-1] + 1)) - set(numbers))
            if missing:
                self.warn(questions[0].line, "numbers_missing", last=numbers[-1],
                          missing=", ".join(map(str, missing)))  # fmt: skip

    def stray_answer_headings(self, answer_section, questions) -> dict[int, int]:
        """{N: index} of the '### N.' headings outside the answer section (the first of each),
        leaving out the questions' own headings: one pass over the file, not one per question."""
        inside = range(answer_section.start, answer_section.end) if answer_section else range(0)
        own = {q.line for q in questions}
        found: dict[int, int] = {}
        for index in range(len(self.top)):
            if index in inside or not self.is_heading(index) or heading_level(self.top[index]) < 3:
                continue
            match = _NUMBERED.match(normalize(self.heading_text(index)))
            if match and match.group("c") and self.line_of(index) not in own:
                found.setdefault(int(match.group("c")), index)
        return found

    # Answers ----------------------------------------------------------------------------------

    def answers(self, section, by_number, bonus_sections, experience_sections, topic) -> None:
        level = self.shallowest_heading(section.start, section.end)
        if level is None:
            self.warn(section.line, "answer_section_empty", title=section.title)
            return
        preamble, subsections = self.sections(section.start, section.end, level)
        if self.markdown(*preamble):
            topic.notes.append(self.section_as(section.title, section.line, *preamble))
        seen: dict[int, int] = {}
        for sub in subsections:
            words = normalize(sub.title)
            match = _NUMBERED.match(words)
            number = (
                int(match.group("a") or match.group("b") or match.group("c")) if match else None
            )
            if _BONUS.search(words) or _EXPERIENCE.search(words):
                is_bonus = bool(_BONUS.search(words))
                (bonus_sections if is_bonus else experience_sections).append(sub)
                if number in by_number and number not in seen:
                    self.warn(sub.line, "taken_as_bonus" if is_bonus else "taken_as_experience",
                              title=sub.title, number=number)  # fmt: skip
            elif number in by_number:
                if number in seen:
                    self.error(sub.line, "answer_twice", number=number, first=seen[number],
                               second=sub.line)  # fmt: skip
                    continue
                seen[number] = sub.line
                question = by_number[number]
                if question.has_answer:
                    self.warn(sub.line, "answer_replaces_inline", number=number)
                title = clean_title(self.numbered_title(sub.title, match))
                self.set_answer(question, title, sub.start, sub.end, sub.line)
            else:
                if match:
                    self.warn(sub.line, "matches_no_question", title=sub.title)
                title = clean_title(match.group("title")) if match else clean_title(sub.title)
                topic.notes.append(self.section_as(title or sub.title, sub.line, sub.start,
                                                   sub.end))  # fmt: skip

    def single_answer(self, section, question, bonus_sections, experience_sections) -> None:
        """A file with one question: the whole answer section is its answer."""
        level = self.shallowest_heading(section.start, section.end)
        parts = [(section.start, section.end)]
        if level is not None:
            preamble, subsections = self.sections(section.start, section.end, level)
            parts = [preamble]
            for sub in subsections:
                words = normalize(sub.title)
                if _BONUS.search(words):
                    bonus_sections.append(sub)
                elif _EXPERIENCE.search(words):
                    experience_sections.append(sub)
                else:
                    parts.append((sub.start - 1, sub.end))  # keep the sub-heading
        self.set_answer(question, "", parts[0][0], parts[-1][1], section.line, parts=parts)

    def set_answer(self, question, title, start, end, line, *, lead: str = "", parts=None) -> None:
        parts = [p for p in (parts or [(start, end)]) if p[0] < p[1]]
        explicit: list[ParsedKeyPoint] = []
        if parts:
            last_start, last_end = self._trim(*parts[-1])
            if (
                last_end - last_start >= 2
                and self.top[last_end - 1].type in ("bullet_list", "ordered_list")
                and (label := self.label_at(last_end - 2))
                and _KEY_POINTS_LABEL.match(normalize(label.label))
            ):
                explicit = self.explicit_key_points(last_end - 1)
                parts[-1] = (last_start, last_end - 2)
        markdown = "\n\n".join(m for s, e in parts if (m := self.markdown(s, e)))
        html = "".join(self.html(s, e) for s, e in parts)
        plain = "\n".join(self.plain(s, e) for s, e in parts)
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
                    self.tokens,
                    self.top[s].start if s < e else 0,
                    self.top[e - 1].end if s < e else 0,
                )
            ][:12]

    def explicit_key_points(self, list_index: int) -> list[ParsedKeyPoint]:
        block = self.top[list_index]
        points = []
        for item in blocks(self.tokens, block.start + 1, block.end - 1):
            first = next(
                (t for t in self.tokens[item.start : item.end] if t.type == "inline"), None
            )
            text = inline_text(first).strip() if first else ""
            weight = 1
            if match := _WEIGHT.search(text):
                weight = max(1, min(10, int(match.group(1))))
                text = text[: match.start()].strip()
            if text:
                points.append(ParsedKeyPoint(text[:300], weight))
        return points

    # Experience, bonus points, notes -----------------------------------------------------------

    def experiences(self, section: _Section, start: int, end: int) -> list[ParsedSection]:
        heading_title = clean_title(self.section_title(section.title))
        level = self.shallowest_heading(start, end)
        if level is None:
            return [self.section_as(heading_title, section.line, start, end)]
        preamble, subsections = self.sections(start, end, level)
        found = []
        if self.markdown(*preamble):
            found.append(self.section_as(heading_title, section.line, *preamble))
        for sub in subsections:
            found.append(self.section_as(clean_title(sub.title), sub.line, sub.start, sub.end))
        return found

    def bonus(self, start: int, end: int) -> list[ParsedBonusCategory]:
        categories: list[ParsedBonusCategory] = []
        current: ParsedBonusCategory | None = None

        def category(name: str, line: int) -> ParsedBonusCategory:
            nonlocal current
            current = ParsedBonusCategory(name, [], line)
            categories.append(current)
            return current

        for i in range(start, end):
            block = self.top[i]
            if block.type == "hr":
                continue
            if self.is_heading(i):
                category(clean_title(self.heading_text(i)), self.line_of(i))
            elif block.type == "paragraph" and (label := self.label_at(i)):
                cat = category(label.label, self.line_of(i))
                if label.rest_md:
                    cat.items.append(label.rest_md)
            elif block.type in ("bullet_list", "ordered_list"):
                cat = current or category("", self.line_of(i))
                for item in blocks(self.tokens, block.start + 1, block.end - 1):
                    first = next(
                        (t for t in self.tokens[item.start : item.end] if t.type == "inline"), None
                    )
                    if first is not None and first.content.strip():
                        cat.items.append(first.content.strip())
            elif block.type == "paragraph":
                cat = current or category("", self.line_of(i))
                cat.items.append(block_inline(self.tokens, block).content.strip())
            else:
                self.warn(self.line_of(i), "bonus_block", kind=block.type.replace("_", " "))
        for cat in categories:
            if not cat.items:
                self.warn(cat.line, "bonus_empty", name=cat.name)
        return [c for c in categories if c.items]

    @staticmethod
    def numbered_title(raw: str, normalized_match: re.Match) -> str:
        """The title after the number, in the author's own characters where possible."""
        match = _NUMBERED.match(raw.strip())
        return match.group("title") if match else normalized_match.group("title")

    def section_title(self, title: str) -> str:
        match = _NUMBERED.match(title.strip())
        return match.group("title") if match and match.group("c") else title

    def section_as(self, title: str, line: int, start: int, end: int) -> ParsedSection:
        return ParsedSection(
            title=clean_title(title)[:200],
            body_md=self.markdown(start, end),
            body_html=self.html(start, end),
            line=line,
        )


def parse_topic(data: bytes, *, filename: str, max_bytes: int = DEFAULT_MAX_BYTES) -> ParseResult:
    """Parse one interview Markdown file. Never raises for bad input: see ``errors``."""
    result = ParseResult(path=filename, content_hash=content_hash(data))
    if len(data) > max_bytes:
        result.errors.append(
            Problem("too_big", size=f"{len(data) / 1024:.0f}", limit=f"{max_bytes / 1024:.0f}")
        )
        return result
    text, problem = decode(data)
    if problem:
        result.errors.append(problem)
        return result
    lines = text.split("\n")
    meta, head_errors = strip_head(lines)
    result.errors.extend(head_errors)
    if head_errors:
        return result
    if not "".join(lines).strip():
        result.errors.append(Problem("empty"))
        return result
    parser = _Parser("\n".join(lines), result)
    topic = parser.parse(meta, filename)
    if not result.errors:
        result.topic = topic
    return result


def sniff_slug(data: bytes, *, filename: str) -> str | None:
    """The slug a file would import as, read cheaply (front matter and file name only).

    Only used to find the stored topic for the unchanged-file check; the full parse decides.
    """
    head = data[:8192].removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="ignore")
    meta, _ = strip_head(head.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    stem = filename.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return slugify(str(meta.get("slug") or "")) or slugify(stem) or None


__all__ = [
    "DEFAULT_MAX_BYTES",
    "PARSER_VERSION",
    "ParseResult",
    "ParsedBonusCategory",
    "ParsedKeyPoint",
    "ParsedQuestion",
    "ParsedSection",
    "ParsedTopic",
    "content_hash",
    "parse_topic",
    "slugify",
    "sniff_slug",
]
