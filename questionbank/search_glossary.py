"""Crossing languages in search with the scoring glossary: "zero copy" also looks for 零拷贝,
"服务网格" also for "service mesh". Pure: no Django.

The glossary (``scoring/glossary.txt`` plus the curators' entries, loaded by
``scoring.adapter.current_glossary``) groups the names of one concept. A query that contains one
of those names gets alternative queries, each with the name replaced by one of its equivalents;
search runs them after the query itself and ranks what only they find below the exact matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scoring.textmatch import Glossary, normalize

MAX_NAMES = 3  # glossary names looked for in one query
MAX_ALTERNATIVES = 12  # alternative queries run at most (one OR-ed query in the database)
_ALNUM = re.compile(r"[a-z0-9]")


@dataclass(frozen=True)
class Alternative:
    """The query with ``name`` (as found in it) replaced by ``equivalent``."""

    query: str
    name: str
    equivalent: str


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is whole words: "ha" is a name, not the start of "hash"."""
    before = text[start - 1 : start]
    after = text[end : end + 1]
    first, last = text[start], text[end - 1]
    if _ALNUM.match(first) and before and _ALNUM.match(before):
        return False
    return not (_ALNUM.match(last) and after and _ALNUM.match(after))


def _useful(name: str) -> bool:
    """Names long enough to mean something on their own (a single 推 matches inside 推荐)."""
    return len(name) >= 2


def names_in(query: str, glossary: Glossary) -> list[tuple[int, int, str]]:
    """The glossary names the normalized query contains, longest first, never overlapping, as
    (start, end, name)."""
    text = normalize(query)
    found: list[tuple[int, int, str]] = []
    for name in glossary.longest_first():
        if len(found) >= MAX_NAMES:
            break
        if not _useful(name) or name not in text:
            continue
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            free = all(end <= s or start >= e for s, e, _ in found)
            if free and _stands_alone(text, start, end):
                found.append((start, end, name))
                break
            start = text.find(name, start + 1)
    return sorted(found)


def alternatives(query: str, glossary: Glossary) -> list[Alternative]:
    """The query with each glossary name it contains replaced by each of its equivalents."""
    text = normalize(query)
    result: list[Alternative] = []
    seen = {text}
    for start, end, name in names_in(query, glossary):
        for equivalent in sorted(glossary.names_of.get(name, ()), key=lambda n: (-len(n), n)):
            if equivalent == name or not _useful(equivalent):
                continue
            replaced = f"{text[:start]}{equivalent}{text[end:]}"
            if replaced in seen:
                continue
            seen.add(replaced)
            result.append(Alternative(replaced, name, equivalent))
            if len(result) >= MAX_ALTERNATIVES:
                return result
    return result
