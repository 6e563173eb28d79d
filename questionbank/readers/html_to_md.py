"""The little HTML interview files put around Markdown (``<details>`` bodies, ``<br>``, ``<b>``,
``<code>``, ``<a>``, ``<pre>``, lists) turned into Markdown, so answers render as Markdown and no
raw HTML (nor a stray ``</b></details>``) ever reaches a question or an answer."""

from __future__ import annotations

import html
import re
import textwrap

_BREAK = re.compile(r"<br\s*/?>", re.I)
_PARAGRAPH = re.compile(r"</?p\b[^>]*>|</?div\b[^>]*>|</?[uo]l\b[^>]*>|</li\s*>", re.I)
_ITEM = re.compile(r"<li\b[^>]*>\s*", re.I)
_PRE_OPEN = re.compile(r"<pre\b[^>]{0,300}>(?:\s{0,20}<code\b[^>]{0,300}>)?", re.I)
_PRE_CLOSE = re.compile(r"(?:</code>\s{0,20})?</pre\s*>", re.I)
_CODE = re.compile(r"<code\b[^>]*>([^<\n]*)</code>", re.I)
# Every repeat is bounded, so no crafted fragment makes these slow.
_LINK = re.compile(
    r"<a\b[^>]{0,300}?\bhref\s*=\s*[\"']([^\"'<>]{0,2000})[\"'][^>]{0,300}>([^<]{0,500})</a>", re.I
)
_IMAGE = re.compile(r"<img\b[^>]{0,300}?\bsrc\s*=\s*[\"']([^\"'<>]{0,2000})[\"'][^>]{0,300}>", re.I)
_ALT = re.compile(r"\balt\s*=\s*[\"']([^\"']*)[\"']", re.I)
_BOLD = re.compile(r"<(b|strong)\b[^>]*>([^<\n]{1,200}?)</\1\s*>", re.I)
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def _image(match: re.Match) -> str:
    alt = _ALT.search(match.group(0))
    return f"![{alt.group(1) if alt else ''}]({match.group(1)})"


def _inline(text: str, keep_bold: bool) -> str:
    text = _CODE.sub(lambda m: f"`{html.unescape(m.group(1))}`", text)
    text = _LINK.sub(lambda m: f"[{_TAG.sub('', m.group(2)).strip()}]({m.group(1)})", text)
    text = _IMAGE.sub(_image, text)
    if keep_bold:
        text = _BOLD.sub(lambda m: f"**{m.group(2).strip()}**", text)
    text = _ITEM.sub("\n- ", text)
    text = _BREAK.sub("\n", text)
    text = _PARAGRAPH.sub("\n\n", text)
    text = _TAG.sub("", text)
    return html.unescape(text) if "&" in text else text


def _pre_to_fences(text: str) -> str:
    """``<pre>`` blocks as fenced code, found in one pass."""
    out, pos = [], 0
    while (opening := _PRE_OPEN.search(text, pos)) is not None:
        closing = _PRE_CLOSE.search(text, opening.end())
        if closing is None:
            break
        code = html.unescape(text[opening.end() : closing.start()]).strip("\n")
        out.append(text[pos : opening.start()])
        out.append(f"\n```\n{code}\n```\n")
        pos = closing.end()
    out.append(text[pos:])
    return "".join(out)


def html_to_markdown(text: str, *, keep_bold: bool = False) -> str:
    """Markdown for a fragment mixing HTML and Markdown; fenced code is left as it is."""
    text = text.expandtabs(4)
    text = _pre_to_fences(text)
    out: list[str] = []
    chunk: list[str] = []
    fence: str | None = None
    for line in text.split("\n"):
        match = _FENCE.match(line)
        if fence is None and match:
            if chunk:
                out.append(_inline("\n".join(chunk), keep_bold))
                chunk = []
            fence = match.group(1)
            out.append(line)
        elif fence is not None:
            out.append(line)
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
        else:
            chunk.append(line)
    if chunk:
        out.append(_inline("\n".join(chunk), keep_bold))
    markdown = "\n".join(out)
    lines = textwrap.dedent(markdown).split("\n")
    # Indentation left over from the HTML layout would make code blocks: take it off.
    cleaned, in_fence = [], False
    for line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
            cleaned.append(line.strip())
        elif in_fence:
            cleaned.append(line)
        else:
            cleaned.append(line.strip() if not line.lstrip().startswith(("- ", "* ")) else line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(cleaned)).strip()
