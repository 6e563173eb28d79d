"""Markdown to sanitized HTML, the way the authors' Git host shows it. Pure: no Django.

markdown-it-py (CommonMark + GFM tables and strikethrough, raw HTML off), Pygments for fenced code,
then nh3 with an allow-list written for exactly this output. Only :func:`sanitize`'s output may
ever be marked safe in a template.

Two fixes for Chinese text, as GitHub renders it:
- ``**注意：**这里``: CommonMark will not close emphasis after full-width punctuation when a CJK
  character follows; we treat CJK characters like punctuation for flanking (the "CJK-friendly"
  rule). The published plugin for this pins markdown-it-py < 4, hence this small in-house version.
- A soft line break between two CJK characters renders as nothing, not as a stray space.
"""

from __future__ import annotations

import copy
import html as html_lib
import re
from collections.abc import Sequence

import nh3
from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline.state_inline import Scanned, StateInline
from markdown_it.token import Token
from pygments import highlight as pygments_highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.token import STANDARD_TYPES
from pygments.util import ClassNotFound

# Bump when the output changes, so stored HTML can be told apart and re-rendered.
RENDERER_VERSION = 2
# markdown-it's guard against deep recursion (the commonmark preset's 20 cuts a 10-level list).
MAX_NESTING = 100

_CJK_RANGES = (
    (0x2E80, 0x2FFF),  # radicals
    (0x3000, 0x303F),  # CJK symbols and punctuation (、。「」…)
    (0x3040, 0x30FF),  # kana
    (0x3100, 0x31FF),
    (0x3400, 0x4DBF),  # extension A
    (0x4E00, 0x9FFF),  # unified ideographs
    (0xAC00, 0xD7AF),  # hangul
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),  # full-width forms (：，（）！？)
    (0x20000, 0x2FA1F),
)


def is_cjk(char: str) -> bool:
    if not char:
        return False
    code = ord(char)
    if code < 0x2E80:  # ASCII and Latin text, the common case: no range to look through
        return False
    return any(lo <= code <= hi for lo, hi in _CJK_RANGES)


class _CJKFriendlyStateInline(StateInline):
    """CommonMark's delimiter scan, except that a CJK neighbour counts like punctuation."""

    def scanDelims(self, start: int, canSplitWord: bool) -> Scanned:
        pos = start
        maximum = self.posMax
        marker = self.src[start]
        last_char = self.src[start - 1] if start > 0 else " "
        while pos < maximum and self.src[pos] == marker:
            pos += 1
        count = pos - start
        next_char = self.src[pos] if pos < maximum else " "

        last_punct = isMdAsciiPunct(ord(last_char)) or isPunctChar(last_char)
        next_punct = isMdAsciiPunct(ord(next_char)) or isPunctChar(next_char)
        last_space = isWhiteSpace(ord(last_char))
        next_space = isWhiteSpace(ord(next_char))
        last_cjk = is_cjk(last_char)
        next_cjk = is_cjk(next_char)

        left_flanking = not (
            next_space or (next_punct and not (last_space or last_punct or last_cjk))
        )
        right_flanking = not (
            last_space or (last_punct and not (next_space or next_punct or next_cjk))
        )
        can_open = left_flanking and (canSplitWord or not right_flanking or last_punct)
        can_close = right_flanking and (canSplitWord or not left_flanking or next_punct)
        return Scanned(can_open, can_close, count)


# markdown-it matches each "[" with its "]" by scanning ahead, so a paragraph of thousands of
# "[" and "](" takes quadratic time (a crafted 200 KB file: seconds). No real paragraph holds this
# many brackets; one that does is read without links and images (its text shown as written).
MAX_LINK_BRACKETS = 256


def _use_cjk_friendly_inline(md: MarkdownIt) -> None:
    inline = md.inline
    without_links = copy.deepcopy(inline)
    without_links.ruler.disable(["link", "image"])

    def parse(src: str, md: MarkdownIt, env: dict, tokens: list[Token]) -> list[Token]:
        state = _CJKFriendlyStateInline(src, md, env, tokens)
        if src.count("[") > MAX_LINK_BRACKETS:
            without_links.tokenize(state)
        else:
            inline.tokenize(state)
        for rule in inline.ruler2.getRules(""):
            rule(state)
        return state.tokens

    inline.parse = parse  # this instance only; markdown-it-py itself is left untouched


def _drop_cjk_softbreaks(state: StateCore) -> None:
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children = block.children
        for i, child in enumerate(children):
            if child.type != "softbreak" or i == 0 or i + 1 >= len(children):
                continue
            before, after = children[i - 1], children[i + 1]
            if (
                before.type == "text"
                and after.type == "text"
                and is_cjk(before.content[-1:])
                and is_cjk(after.content[:1])
            ):
                child.type, child.tag, child.content = "text", "", ""


_FORMATTER = HtmlFormatter(nowrap=True)


def _highlight(code: str, lang: str, _attrs: str) -> str:
    """Pygments spans for a known language; '' lets markdown-it escape the code itself."""
    name = (lang or "").strip().lower()
    if not name or len(name) > 30:
        return ""
    try:
        lexer = get_lexer_by_name(name, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return ""
    return pygments_highlight(code, lexer, _FORMATTER)


def make_markdown() -> MarkdownIt:
    md = MarkdownIt(
        "commonmark",
        {
            "html": False,
            "linkify": False,
            "typographer": False,
            "highlight": _highlight,
            "maxNesting": MAX_NESTING,
        },
    )
    md.enable(["table", "strikethrough"])
    _use_cjk_friendly_inline(md)
    md.core.ruler.push("cjk_softbreak", _drop_cjk_softbreaks)
    return md


MD = make_markdown()

# The allow-list: exactly what the renderer above produces, nothing else.
_TAGS = {
    "p", "br", "hr", "blockquote", "pre", "code", "span", "em", "strong", "s", "del",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "img",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
_LANGUAGE_CLASS = re.compile(r"^language-[A-Za-z0-9_+\-#.]{1,30}$")
_PYGMENTS_CLASSES = frozenset(cls for cls in STANDARD_TYPES.values() if cls)


_SAFE_URL = re.compile(r"^(?:https?://|mailto:|[/#.?]|[^:/?#]*(?:[/?#]|$))", re.IGNORECASE)


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute in ("href", "src"):
        # nh3 already drops unknown schemes; also drop anything scheme-like it took as relative
        # (java%09script:...), so no link on a page even looks like one.
        return value if _SAFE_URL.match(value) else None
    if attribute != "class":
        return value
    if tag == "code":
        return value if _LANGUAGE_CLASS.match(value) else None
    if tag == "span":
        kept = [cls for cls in value.split() if cls in _PYGMENTS_CLASSES]
        return " ".join(kept) or None
    return None


_CLEANER = nh3.Cleaner(
    tags=_TAGS,
    clean_content_tags={"script", "style"},
    attributes={
        "a": {"href", "title"},
        "img": {"src", "alt", "title"},
        "code": {"class"},
        "span": {"class"},
        "ol": {"start"},
        "th": {"style"},
        "td": {"style"},
    },
    attribute_filter=_filter_attribute,
    filter_style_properties={"text-align"},
    url_schemes={"http", "https", "mailto"},
    link_rel="noopener noreferrer nofollow",
    strip_comments=True,
)


# nh3's output, serialised by html5ever: attribute values always in double quotes, '"' escaped.
_IMG = re.compile(r'<img((?:\s+[\w-]+(?:="[^"]*")?)*)\s*/?>')
_ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


def _image_as_link(match: re.Match) -> str:
    """An image from another site, as a link to it: loading it would tell that site who reads
    the page (a tracking pixel), and the CSP's img-src would block it without a word."""
    attributes = dict(_ATTRIBUTE.findall(match.group(1)))
    src = attributes.get("src", "")
    if not _EXTERNAL.match(html_lib.unescape(src)):
        return match.group(0)
    text = html_lib.unescape(attributes.get("alt") or attributes.get("title") or src)
    text = html_lib.escape(text, quote=False)
    return f'<a href="{src}" rel="noopener noreferrer nofollow">{text}</a>'


def images_as_links(html: str) -> str:
    """Sanitized HTML with its images from other sites as links to them (also run on HTML
    stored before renderer version 2, by a data migration)."""
    return _IMG.sub(_image_as_link, html)


def sanitize(html: str) -> str:
    """The allow-list's HTML; images from other sites become links to them."""
    return images_as_links(_CLEANER.clean(html))


def render_markdown(text: str) -> str:
    """Markdown source to sanitized HTML."""
    if not text.strip():
        return ""
    return sanitize(MD.render(text))


def render_tokens(tokens: Sequence[Token], env: dict) -> str:
    """Sanitized HTML for a slice of an already parsed token stream (no second parse)."""
    if not tokens:
        return ""
    return sanitize(MD.renderer.render(list(tokens), MD.options, env))
