"""Key points: what a standard answer expects a candidate to say. Pure: no Django.

Taken from the answer's structure, never from code: ``####`` sub-headings, bold labels, top-level
list items, the first cells of table rows, and the lines of tree diagrams or numbered steps in
untagged fences. A heading or label that has items of its own (a table, a tree, bullets) is a
container: its items are the points, except that a bold label with bullets under it is the point
and its bullets are the detail. Headings that only announce an example or a diagram are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown_it.token import Token

from questionbank.mdtokens import (
    Block,
    block_inline,
    blocks,
    clean_title,
    heading_level,
    inline_text,
    normalize,
    paragraph_label,
)

KEYPOINTS_VERSION = 3  # bump when extraction changes: re-imports re-extract unchanged files
MAX_KEY_POINTS = 12
MAX_LENGTH = 160
PROSE_POINTS = 12  # sentences of an answer in prose, every paragraph's first ones first

# Headings that announce an example, a diagram or an overview rather than a point to make.
_META = re.compile(
    r"(示例|例子|样例|范例|实例|详解|概述|总结|介绍|小结|图$|图示|对比表|^对比$|代码|"
    r"\bexamples?\b|\bsample\b|\boverview\b|\bsummary\b|\bdiagram\b|\bcode\b)"
)
_TREE_LINE = re.compile(r"^[\s│|]*[├└][─—\-]+\s*(?P<text>[^\s─│┘┐┌└├┤┬┴┼].*)$")
_NUMBERED_LINE = re.compile(r"^\s*(?:\d{1,2}[.、)]|[（(]\d{1,2}[)）])\s*(?P<text>\S.*)$")
_DASH_LINE = re.compile(r"^[-*•]\s+(?P<text>\S.*)$")
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])|(?<=\.)\s+")
_WORD = re.compile(r"\w")
_LEADING_NUMBER = re.compile(r"^(?:\d{1,2}[.)]\s+|\d{1,2}、\s*|[（(]\d{1,2}[)）]\s*|[a-z][.)]\s+)")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass
class _Node:
    kind: str  # root | heading | label
    text: str = ""
    level: int = 0
    items: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)
    prose: list[str] = field(default_factory=list)  # plain paragraphs directly under it
    bare: bool = True  # a label with nothing after it on its own line


_CODE_LIKE = re.compile(
    r"[={};]|^:|\b(GET|POST|PUT|DELETE) /|/\S+/|^[A-Za-z_][\w.]*\(.*\)$|^[\w.-]+:\S"
)
_CJK_CHAR = re.compile(r"[\u3400-\u9fff]")


def _code_like(text: str) -> bool:
    if _CJK_CHAR.search(text):  # Chinese prose writes 预选(Predicate):过滤 without spaces
        return bool(re.search(r"[={};]", text))
    return bool(_CODE_LIKE.search(text))


def _fence_items(content: str) -> list[str]:
    """Lines of a tree diagram or of numbered steps in an untagged fence, unless they are code."""
    lines = content.splitlines()
    for pattern in (_TREE_LINE, _NUMBERED_LINE, _DASH_LINE):
        found = [
            text
            for line in lines
            if (m := pattern.match(line)) and _WORD.search(text := m.group("text").strip(" │|"))
        ]
        if len(found) >= 2:
            prose = [text for text in found if not _code_like(text)]
            return prose if len(prose) >= 2 else []
    return []


def _list_items(tokens: Sequence[Token], block: Block) -> list[str]:
    items = []
    depth_of_items = tokens[block.start].level + 1
    for i in range(block.start, block.end):
        token = tokens[i]
        if token.type == "list_item_open" and token.level == depth_of_items:
            # The item's first inline token is its first line of text.
            for j in range(i + 1, block.end):
                if tokens[j].type == "inline":
                    items.append(inline_text(tokens[j]).split("\n")[0])
                    break
                if tokens[j].type == "list_item_close":
                    break
    return items


def _table_items(tokens: Sequence[Token], block: Block) -> list[str]:
    """One point per body row: its first cell, then what the other cells say about it
    ("协议：Dubbo 协议 / Triple vs HTTP/2", "emptyDir：临时目录 / 临时缓存"). The header row is
    never a point: in a comparison table it names the things compared, which every answer names."""
    rows: list[list[str]] = []
    in_body = False
    for i in range(block.start, block.end):
        token = tokens[i]
        if token.type == "tbody_open":
            in_body = True
        elif token.type == "tr_open" and in_body:
            rows.append([])
        elif token.type == "inline" and in_body and rows:
            rows[-1].append(inline_text(token).strip())
    items = []
    for cells in rows:
        rest = [c for c in cells[1:] if c and c not in ("-", "—", "/")]
        if cells and cells[0]:
            items.append(f"{cells[0]}：{' / '.join(rest)}" if rest else cells[0])
    return items


def _clean(text: str) -> str:
    text = clean_title(text)
    text = _LEADING_NUMBER.sub("", text).strip()
    if len(text) > MAX_LENGTH:
        text = text[: MAX_LENGTH - 1].rstrip() + "…"
    return text


def _outline(tokens: Sequence[Token], start: int, end: int) -> _Node:
    root = _Node("root")
    headings: list[_Node] = []  # the open headings, shallowest first
    current = root
    for block in blocks(tokens, start, end):
        if block.type == "heading":
            node = _Node(
                "heading",
                clean_title(inline_text(block_inline(tokens, block))),
                heading_level(block),
            )
            while headings and headings[-1].level >= node.level:
                headings.pop()
            (headings[-1] if headings else root).children.append(node)
            headings.append(node)
            current = node
        elif block.type == "paragraph":
            inline = block_inline(tokens, block)
            label = paragraph_label(inline)
            if label is None:
                current.prose.append(inline_text(inline))
                continue
            text = label.label if not label.rest else f"{label.label}：{label.rest}"
            node = _Node("label", text, bare=not label.rest)
            (headings[-1] if headings else root).children.append(node)
            current = node
        elif block.type in ("bullet_list", "ordered_list"):
            current.items.extend(_list_items(tokens, block))
        elif block.type == "table":
            current.items.extend(_table_items(tokens, block))
        elif block.type == "fence" and not tokens[block.start].info.strip():
            current.items.extend(_fence_items(tokens[block.start].content))
    return root


def _emit(node: _Node, out: list[str | _Node], expand: bool) -> None:
    """The points of ``node`` and its children, in order. Expanded, a label over items gives
    its items, and a heading or a bare label over paragraphs only gives itself as a placeholder
    for sentences of its paragraphs ("#### 镜像分层" says nothing; the paragraph under it does)."""
    meta = _META.search(normalize(node.text))
    if node.kind == "label":
        if node.items and expand:
            out.extend(node.items)  # "隔离级别", "排查": what it says is in its items
        elif node.items or not meta:
            prose = expand and node.bare and not node.items and _sentences(node.prose)
            out.append(node if prose else node.text)
    elif node.items:
        out.extend(node.items)
    elif node.kind == "heading" and not meta:
        out.append(node if expand and _sentences(node.prose) else node.text)
    for child in node.children:
        _emit(child, out, expand)


def _fill(raw: list[str | _Node]) -> list[str] | None:
    """``raw`` with each heading placeholder replaced by sentences of its paragraphs, shared
    out so that every heading has its first sentence before any has its second; None when the
    points do not fit in a checklist that way."""
    fixed = _unique([x for x in raw if isinstance(x, str)], set())
    headings = [x for x in raw if isinstance(x, _Node)]
    room = MAX_KEY_POINTS - len(fixed)
    if len(headings) > room:
        return None
    said = {id(h): _sentences(h.prose) for h in headings}
    taken: dict[int, int] = {id(h): 0 for h in headings}
    rank = 0
    while room > 0 and any(len(said[id(h)]) > rank for h in headings):
        for h in headings:
            if room > 0 and len(said[id(h)]) > rank:
                taken[id(h)] += 1
                room -= 1
        rank += 1
    out: list[str] = []
    for x in raw:
        if isinstance(x, str):
            out.append(x)
        else:  # the heading stays, as the context of its first sentence
            first, *rest = said[id(x)][: taken[id(x)]]
            out.extend([f"{x.text}：{first}", *rest])
    return out


def _sentences(paragraphs: list[str], limit: int | None = None) -> list[str]:
    """An answer in prose: its sentences, in order; when there are more than ``limit``, the
    first of every paragraph before the second of any, so that every paragraph has its say."""
    split = [[s.strip() for s in _SENTENCE_END.split(p) if len(s.strip()) >= 4] for p in paragraphs]
    split = [s for s in split if s]
    every = [(i, j) for j, sentences in enumerate(split) for i in range(len(sentences))]
    if limit is not None and len(every) > limit:
        kept = sorted(every)[:limit]  # (sentence, paragraph): the first sentences first
        every = sorted(kept, key=lambda ij: (ij[1], ij[0]))  # back in the answer's order
    return [split[j][i] for i, j in every]


def _all_prose(node: _Node) -> list[str]:
    return node.prose + [p for child in node.children for p in _all_prose(child)]


def _prose_points(node: _Node, out: list[str]) -> None:
    """Sentences of the paragraphs beside structured points ("Raft divides time into terms..."):
    points too, but the first to go when there are too many. Paragraphs under a heading or a
    label that is a point themselves explain that point: they are not points of their own."""
    if node.kind == "root" or (node.kind == "heading" and node.items):
        out.extend(_sentences(node.prose))
    for child in node.children:
        _prose_points(child, out)


def _unique(raw: list[str], seen: set[str]) -> list[str]:
    points = []
    for text in raw:
        cleaned = _clean(text)
        key = normalize(cleaned)
        if len(key) < 2 or key in seen or not _LETTER.search(key):
            continue
        seen.add(key)
        points.append(cleaned)
    return points


def extract_key_points(tokens: Sequence[Token], start: int, end: int) -> list[str]:
    """Key points of the answer whose top-level blocks are ``tokens[start:end]``.

    A bold label with items under it ("**隔离级别**：" and four levels) gives its items as points,
    and a heading with paragraphs only gives their sentences, when they all fit in a checklist;
    otherwise the label or heading is the point, and scoring reads its meaning from the lines
    under it.
    """
    root = _outline(tokens, start, end)
    expanded: list[str | _Node] = []
    _emit(root, expanded, expand=True)
    raw = _fill(expanded)
    if raw is None or len(_unique(raw, set())) > MAX_KEY_POINTS:
        collapsed: list[str | _Node] = []
        _emit(root, collapsed, expand=False)
        raw = [x for x in collapsed if isinstance(x, str)]
    if not raw:
        return _unique(_sentences(_all_prose(root), PROSE_POINTS), set())[:MAX_KEY_POINTS]
    seen: set[str] = set()
    points = _unique(raw, seen)
    prose: list[str] = []
    _prose_points(root, prose)
    room = MAX_KEY_POINTS - len(points)
    return (_unique(prose, seen)[: max(0, room)] + points)[:MAX_KEY_POINTS]
