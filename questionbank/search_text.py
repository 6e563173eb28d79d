"""Text for search: Chinese word segmentation, query terms and match snippets. Pure: no Django.

Neither SQLite nor PostgreSQL (as packaged here) can split Chinese into words, so we do it in
Python with rjieba and index the space-separated result: FTS5 ``unicode61`` and PostgreSQL's
``simple`` configuration then see ordinary words. ``cut_for_search`` also emits the short words
inside long ones (灰度发布 -> 灰度, 发布, 灰度发布), so a query for either finds it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import rjieba

from questionbank.mdtokens import plain_text

_WORDLIKE = re.compile(r"\w", re.UNICODE)


def _normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def segment(text: str) -> str:
    """Space-separated words of ``text``, for the search index."""
    words = rjieba.cut_for_search(_normalize(text))
    return " ".join(w for w in (word.strip() for word in words) if w and _WORDLIKE.search(w))


def query_terms(query: str) -> list[str]:
    """The words of a query, each as it will be looked up; duplicates dropped, order kept."""
    seen: list[str] = []
    for word in rjieba.cut(_normalize(query)):
        word = word.strip()
        if word and _WORDLIKE.search(word) and word not in seen:
            seen.append(word)
    return seen


def markdown_plain(markdown: str) -> str:
    """The readable text of some Markdown: inline text and code, markup dropped."""
    from questionbank.rendering import MD  # late: keeps this module light for the parser

    return plain_text(MD.parse(markdown))


@dataclass(frozen=True)
class Snippet:
    """Text around the first match: ``before``, the ``match`` itself, ``after``."""

    before: str
    match: str
    after: str


def _fold(text: str) -> str:
    folded = _normalize(text)
    # NFKC can change the length (ligatures); offsets must stay valid for the original text.
    return folded if len(folded) == len(text) else text.lower()


def snippet(text: str, terms: list[str], *, width: int = 40) -> Snippet | None:
    """Where ``text`` first matches: the first term (in ``terms`` order) that occurs in it."""
    if not text:
        return None
    folded = _fold(text)
    for term in terms:
        start = folded.find(term)
        if start >= 0:
            return _cut(text, start, start + len(term), width)
    return None


def _cut(text: str, start: int, end: int, width: int) -> Snippet:
    left = max(0, start - width)
    right = min(len(text), end + width)
    before = ("…" if left > 0 else "") + " ".join(text[left:start].split())
    after = " ".join(text[end:right].split()) + ("…" if right < len(text) else "")
    if text[left:start][-1:].isspace():
        before += " "
    if text[end:right][:1].isspace():
        after = " " + after
    return Snippet(before, text[start:end], after)


def best_field(
    query: str, terms: list[str], fields: list[tuple[str, str]]
) -> tuple[str, Snippet | None]:
    """The field that matches best (the whole query, else the most words), with its snippet."""
    whole = _normalize(" ".join(query.split()))
    ranked = []
    for position, (name, text) in enumerate(fields):
        folded = _fold(text)
        has_whole = bool(whole) and whole in folded
        covered = sum(1 for term in terms if term in folded)
        ranked.append((not has_whole, -covered, position, name, text))
    ranked.sort()
    _, _, _, name, text = ranked[0]
    ordered_terms = [whole, *sorted(terms, key=len, reverse=True)]
    return name, snippet(text, ordered_terms)
