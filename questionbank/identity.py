"""Which stored question a re-imported one is: pure, no Django.

Seed files number their questions themselves and the reader refuses duplicates, so question N is
question N whatever its text. Every other shape numbers its questions in file order (numbers
restart per group in the source, or there are none), so a number says where a question stands,
not which one it is: those questions are matched by their normalised text, exactly first, then
allowing a small edit (a typo fixed), and only when the match is unambiguous.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

# Shapes whose numbers are the author's, unique in the file and stable across edits.
NUMBERED_SHAPES = frozenset({"seed"})

_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")
_LEAD = re.compile(
    r"^\s*(?:(?:q|question|问题?|题目?)\s*)?(?:\d+|[一二三四五六七八九十百]+)\s*[.、:：)）]\s*",
    re.IGNORECASE,
)
_CHINESE_NUMBERED = re.compile(r"^\s*第\s*(?:\d+|[一二三四五六七八九十百]+)\s*题\s*[.、:：]?\s*")
_NOT_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """The words of a question: width, case, invisible characters, punctuation, spacing and a
    leading number ("3.", "Q3:", "第三题：") do not count."""
    text = unicodedata.normalize("NFKC", _INVISIBLE.sub("", text)).casefold()
    text = _CHINESE_NUMBERED.sub("", text, count=1)
    text = _LEAD.sub("", text, count=1)
    return _NOT_WORD.sub("", text)


def small_edit_limit(a: str, b: str) -> int:
    """How many edits (a character inserted, deleted or replaced) still count as the same text:
    one per ten characters. Below ten there is none: in "进程和线程的区别" / "进程和协程的区别"
    one character is the whole question."""
    return max(len(a), len(b)) // 10


@dataclass(frozen=True)
class Stored:
    """A question already in the bank (archived ones included: a question may come back).

    ``words``: its normalised text as last imported, when known; a curator's later edit of the
    text then does not hide the question from its file."""

    key: int
    number: int
    group: str
    text: str
    words: str = ""


@dataclass(frozen=True)
class Incoming:
    number: int
    group: str
    text: str


def match(stored: list[Stored], incoming: list[Incoming], *, by_number: bool) -> dict[int, int]:
    """Pair incoming questions (by index) with stored ones (by key); the unpaired are new or gone.

    ``by_number``: the file's numbers identify its questions (seed shape). Otherwise, in order:
    the same normalised text in the same group, the same text in any group (a question moved),
    then a small edit of the text when exactly one stored and one incoming question are that
    close to each other and to nothing else.
    """
    if by_number:
        by = {s.number: s.key for s in stored}
        return {i: by[q.number] for i, q in enumerate(incoming) if q.number in by}

    pairs: dict[int, int] = {}
    free = {s.key: s for s in stored}
    words = {s.key: s.words or normalise(s.text) or s.text.strip() for s in stored}
    incoming_words = [normalise(q.text) or q.text.strip() for q in incoming]

    for same_group in (True, False):
        index: dict[tuple, list[int]] = {}
        for s in stored:  # stored order: duplicates pair in file order
            key = (s.group if same_group else "", words[s.key])
            index.setdefault(key, []).append(s.key)
        for i, q in enumerate(incoming):
            if i in pairs:
                continue
            key = (q.group if same_group else "", incoming_words[i])
            candidates = [k for k in index.get(key, []) if k in free]
            if candidates:
                pairs[i] = candidates[0]
                del free[candidates[0]]

    # A small edit: mutual, unique nearest neighbours within the limit.
    left = [i for i in range(len(incoming)) if i not in pairs]
    near: dict[int, list[tuple[int, int]]] = {}  # incoming index -> [(distance, stored key)]
    by_length: dict[int, tuple[list[int], list[str]]] = {}
    for key in free:
        keys, choices = by_length.setdefault(len(words[key]), ([], []))
        keys.append(key)
        choices.append(words[key])
    for i in left:
        a = incoming_words[i]
        # Only texts whose length is within the limit can be: len(a) - len(a) // 10 up to
        # len(a) * 10 // 9.
        for length in range(len(a) - len(a) // 10, len(a) * 10 // 9 + 1):
            if length not in by_length:
                continue
            keys, choices = by_length[length]
            cutoff = small_edit_limit(a, choices[0])
            if not cutoff:
                continue
            found = process.extract(
                a,
                choices,
                scorer=Levenshtein.distance,
                score_cutoff=cutoff,
                limit=None,
                processor=None,
            )
            near.setdefault(i, []).extend((distance, keys[j]) for _, distance, j in found)
    near = {i: found for i, found in near.items() if found}
    by_stored: dict[int, list[tuple[int, int]]] = {}
    for i, found in near.items():
        for distance, key in found:
            by_stored.setdefault(key, []).append((distance, i))
    for i, found in near.items():
        best = _unique_best(found)
        if best is not None and _unique_best(by_stored[best]) == i:
            pairs[i] = best
    return pairs


def _unique_best(found: list[tuple[int, int]]) -> int | None:
    """The one closest candidate, or None when two are equally close (too close to tell)."""
    ordered = sorted(found)
    if len(ordered) > 1 and ordered[0][0] == ordered[1][0]:
        return None
    return ordered[0][1]
