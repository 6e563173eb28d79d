"""Helpers over markdown-it token streams, shared by the parser and the key-point extractor."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markdown_it.token import Token


@dataclass(frozen=True, slots=True)
class Block:
    """One block at the top of a token range: its tokens are ``tokens[start:end]``."""

    start: int
    end: int
    type: str  # the opening token's type without "_open": heading, paragraph, bullet_list, fence...
    tag: str
    first_line: int  # 0-based, from the opening token's map
    last_line: int  # exclusive


def blocks(tokens: Sequence[Token], start: int = 0, end: int | None = None) -> list[Block]:
    """Split ``tokens[start:end]`` into its outermost blocks."""
    end = len(tokens) if end is None else end
    result: list[Block] = []
    i = start
    while i < end:
        token = tokens[i]
        j = i + 1
        if token.nesting == 1:
            depth = 1
            while j < end and depth:
                depth += tokens[j].nesting
                j += 1
        kind = token.type.removesuffix("_open")
        line_map = token.map or [0, 0]
        result.append(Block(i, j, kind, token.tag, line_map[0], line_map[1]))
        i = j
    return result


def inline_text(inline: Token | None) -> str:
    """The plain text of an inline token: markup dropped, soft breaks as spaces."""
    if inline is None:
        return ""
    if not inline.children:
        return inline.content
    parts = []
    for child in inline.children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts)


def block_inline(tokens: Sequence[Token], block: Block) -> Token | None:
    """The inline token of a heading or paragraph block."""
    for i in range(block.start, block.end):
        if tokens[i].type == "inline":
            return tokens[i]
    return None


def heading_level(block: Block) -> int:
    return int(block.tag[1]) if block.type == "heading" else 0


_COLONS = ":："


@dataclass(frozen=True, slots=True)
class Label:
    """A paragraph that starts with a bold label: ``**背景**：rest`` or ``**1. etcd**``."""

    label: str
    rest: str  # plain text after the label
    rest_md: str  # the same, as the author's Markdown (links, code and emphasis kept)


_LABEL_SOURCE = re.compile(r"^\s*(\*\*|__)(.+?)\1\s*[:：]?\s*", re.DOTALL)


def paragraph_label(inline: Token | None) -> Label | None:
    """The bold label a paragraph opens with, if the bold is followed by a colon or nothing."""
    if inline is None or not inline.children:
        return None
    children = inline.children
    while children and children[0].type == "text" and not children[0].content.strip():
        children = children[1:]  # markdown-it leaves an empty text token before the marker
    if not children or children[0].type != "strong_open":
        return None
    depth, i = 0, 0
    label_parts: list[str] = []
    while i < len(children):
        child = children[i]
        if child.type == "strong_open":
            depth += 1
        elif child.type == "strong_close":
            depth -= 1
            if depth == 0:
                break
        elif child.type in ("text", "code_inline"):
            label_parts.append(child.content)
        elif child.type == "softbreak":
            label_parts.append(" ")
        i += 1
    else:
        return None  # bold never closed
    label = "".join(label_parts).strip()
    rest_parts = []
    for child in children[i + 1 :]:
        if child.type in ("text", "code_inline"):
            rest_parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            rest_parts.append("\n")
    rest = "".join(rest_parts)
    stripped_rest = rest.lstrip()
    ends_with_colon = label.endswith(tuple(_COLONS))
    if stripped_rest and not ends_with_colon and not stripped_rest.startswith(tuple(_COLONS)):
        return None  # a bold word starting a sentence, not a label
    label = label.rstrip(_COLONS + " ").strip()
    rest = stripped_rest.lstrip(_COLONS).strip()
    if not label:
        return None
    source = _LABEL_SOURCE.match(inline.content)
    rest_md = inline.content[source.end() :].strip() if source else rest
    return Label(label, rest, rest_md)


def is_atx_heading(tokens: Sequence[Token], block: Block) -> bool:
    """A ``#`` heading; not a line of text that a ``---`` or ``===`` below turned into one."""
    return block.type == "heading" and tokens[block.start].markup.startswith("#")


def normalize(text: str) -> str:
    """NFKC (full-width ：（） become ASCII), lower case, single spaces: for matching words."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def clean_title(text: str) -> str:
    """A heading or label as a title: no surrounding bold markers, no trailing colon."""
    text = " ".join(text.split())
    return text.strip("*_ ").rstrip(_COLONS).strip("*_ ")


def plain_text(tokens: Iterable[Token]) -> str:
    """The readable text of parsed Markdown: inline text and code, markup dropped.

    A table row stays on one line, its cells joined by " | ", so a row reads as one statement
    ("Summary | Quantiles computed in the client | Not aggregatable") wherever the text is used.
    """
    parts: list[str] = []
    row: list[str] | None = None
    for token in tokens:
        if token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            parts.append(" | ".join(row))
            row = None
        elif token.type == "inline" and row is not None:
            row.append(" ".join(inline_text(token).split()))
        elif token.type == "inline":
            parts.append(inline_text(token))
        elif token.type in ("fence", "code_block"):
            parts.append(token.content)
    return "\n".join(parts)
