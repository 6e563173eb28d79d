"""One parsed file that every reader looks at: the markdown-it token stream, its top-level
blocks, the source lines, and the ranges helpers readers cut answers and notes from.

The file is parsed once; every part (question, answer, note) is rendered from its own slice of
the same tokens. Fenced code is a single token, so nothing inside it can be taken for a heading.
"""

from __future__ import annotations

import re
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
    paragraph_label,
    plain_text,
)
from questionbank.parsed import ParsedSection, ParseResult
from questionbank.problems import Problem

# markdown-it stops reading at this nesting depth (tokens: a list level is two); files that
# reach it are refused rather than silently cut short.
MAX_TOKEN_LEVEL = rendering.MAX_NESTING - 4

# Pandoc, kramdown and Hugo heading attributes: "## Title {#anchor}", "{.class #id}".
_HEADING_ATTRIBUTES = re.compile(r"\s*\{\s*[#.][^{}\n]*\}\s*$")
# A link within the page in a heading ("[Top]" back to the contents), and anchor tags.
_PAGE_LINK = re.compile(r"<a\s[^<>]{0,300}?href=[\"']#[^<>]{0,300}>[^<>]{0,60}</a>", re.I)
_ANCHOR_TAG = re.compile(r"</?a(?:\s[^<>]{0,300})?>", re.I)


@dataclass
class Section:
    title: str  # the heading's plain text
    line: int  # 1-based
    level: int
    start: int  # index into the top-level block list: first body block
    end: int  # exclusive


class Document:
    def __init__(self, text: str, result: ParseResult) -> None:
        self.text = text
        self.lines = text.split("\n")
        self.result = result
        self.env: dict = {}
        self.tokens: list[Token] = rendering.MD.parse(text, self.env)
        self.top: list[Block] = blocks(self.tokens)
        self._heading_texts: dict[int, str] = {}
        self._fenced: set[int] | None = None
        self.cache: dict = {}  # what readers work out once per file (title, groups)
        self._headings: dict[int, int] | None = None

    def check(self) -> None:
        """Problems of the file as Markdown, whatever its shape."""
        too_deep = next((t for t in self.tokens if t.level >= MAX_TOKEN_LEVEL), None)
        if too_deep is not None:
            self.error(self._line_near(too_deep), "too_deep", levels=MAX_TOKEN_LEVEL // 2)
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

    # Ranges of top-level blocks ---------------------------------------------------------------

    def trim(self, start: int, end: int) -> tuple[int, int]:
        while start < end and self.top[start].type == "hr":
            start += 1
        while end > start and self.top[end - 1].type == "hr":
            end -= 1
        return start, end

    def markdown(self, start: int, end: int) -> str:
        start, end = self.trim(start, end)
        if start >= end:
            return ""
        chunk = self.lines[self.top[start].first_line : self.top[end - 1].last_line]
        return "\n".join(chunk).strip("\n")

    def html(self, start: int, end: int) -> str:
        start, end = self.trim(start, end)
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
        text = self._heading_texts.get(index)
        if text is None:
            text = inline_text(block_inline(self.tokens, self.top[index])).strip()
            if text.endswith("}"):  # "## q {#question-1}": an anchor, not words
                head, tail = text[:-300], text[-300:]
                text = head + _HEADING_ATTRIBUTES.sub("", tail)
            if "<a" in text:  # '<a name="3">q</a><a href="#index">[Top]</a>': the words only
                kept = _PAGE_LINK.sub("", text)
                text = _ANCHOR_TAG.sub("", kept if any(c.isalnum() for c in kept) else text)
                text = text.strip()
            self._heading_texts[index] = text
        return text

    def sections(self, start: int, end: int, level: int) -> tuple[tuple[int, int], list[Section]]:
        """The preamble and the sections opened by headings of ``level`` in [start, end)."""
        found: list[Section] = []
        for i in range(start, end):
            block = self.top[i]
            if self.is_heading(i) and heading_level(block) <= level:
                if found:
                    found[-1].end = i
                found.append(
                    Section(self.heading_text(i), self.line_of(i), heading_level(block), i + 1, end)
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

    def fenced_lines(self) -> set[int]:
        """Lines inside fenced or indented code (at any depth), fences included: as the file
        renders, so nothing in them is ever taken for a marker."""
        if self._fenced is None:
            self._fenced = set()
            for token in self.tokens:
                if token.type in ("fence", "code_block") and token.map:
                    self._fenced.update(range(*token.map))
        return self._fenced

    def headings_by_line(self) -> dict[int, int]:
        """{first line: top-level block index} of the ``#`` headings."""
        if self._headings is None:
            self._headings = {
                block.first_line: i for i, block in enumerate(self.top) if self.is_heading(i)
            }
        return self._headings

    def h1(self) -> int | None:
        return next(
            (i for i, b in enumerate(self.top) if self.is_heading(i) and b.tag == "h1"), None
        )

    def section_as(self, title: str, line: int, start: int, end: int) -> ParsedSection:
        return ParsedSection(
            title=clean_title(title)[:200],
            body_md=self.markdown(start, end),
            body_html=self.html(start, end),
            line=line,
        )


__all__ = ["Block", "Document", "Section", "blocks", "heading_level"]
