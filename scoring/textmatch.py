"""Text matching for the scorer: normalizing, word segmentation, the bilingual glossary, finding
a term in an answer (exactly, or a near miss), and the topic's term statistics. Pure Python.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import pairwise
from pathlib import Path

import rjieba
from rapidfuzz.distance import Levenshtein

BUILTIN_GLOSSARY = Path(__file__).with_name("glossary.txt")
BUILTIN_VOCABULARY = Path(__file__).with_name("vocabulary.txt")

# --- Text primitives -----------------------------------------------------------------------------

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_ASCII_WORD = re.compile(r"[a-z0-9@#+]+(?:[-_./][a-z0-9+#]+)*")
_PART = re.compile(r"[a-z0-9+#]+")
SENTENCE = re.compile(r"[^。！？；;!?\n]+[。！？；;!?]?|\n")
_HAS_CJK = re.compile(f"[{_CJK}]")


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOP_ZH = word_set(
    """为什么 为何 怎么样 哪个 哪种
    的 了 和 与 及 或 是 在 有 等 将 把 被 对 从 到 为 以 中 上 下 时 会 能 可 可以 通过
    进行 使用 用 如何 什么 哪些 怎么 怎样 一个 一些 这个 那个 这些 那些 其 该 并 而 也 都
    就 还 但 如果 需要 支持 实现 提供 基于 非常 比较 更 很 多 少 大 小 个 种 些 之 所 其中
    以及 或者 并且 然后 同时 主要 一般 通常 包括 包含 方面 方式 问题 情况 时候 我们 你 我
    他 它 们 自己 比如 例如 所以 因为 因此 这样 那么 还是 就是 不是 没有 已经 可能 应该
    必须 进而 直接 之后 之前 每个 各种 所有 其他 不同 相同 一样 来 去 做 让 使 给 向 由 于
    即 则 且 着 过 吗 呢 吧 啊 就会 会被 这里 那里"""
)
STOP_EN = word_set(
    """a an the of to in on at by for with from into onto over under and or but if then else
    when while as is are was were be been being it its this that these those there here
    which who whom what how why where can could will would should may might must do does
    did done has have had not no yes so such than too very just also only both each every
    all any some more most other same own our your their we you they he she i me my us
    them via per about between through during before after above below out up down off
    again further once using use used uses make makes made get gets got like e.g i.e etc
    one two"""
)


# Words that carry reasoning: their share tells an explanation from a list of terms.
def normalize(text: str) -> str:
    """NFKC (full-width to ASCII), lower case, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def squash_cjk_spaces(text: str) -> str:
    return re.sub(f"(?<=[{_CJK}]) (?=[{_CJK}])", "", text)


def has_cjk(text: str) -> bool:
    return bool(_HAS_CJK.search(text))


def _parts(text: str) -> tuple[str, ...]:
    return tuple(_PART.findall(text))


_SUFFIX = re.compile(r"(?:ing|ed|es|e|s)$")


def stem(word: str) -> str:
    """A light English stem, enough for standards/standard, cached/caches/cache, processes."""
    if len(word) < 5 or not word.isascii() or word.endswith("ss"):
        return word
    return _SUFFIX.sub("", word)


def words(text: str) -> list[str]:
    """Words of normalized text: whole ASCII words, and Chinese runs segmented by rjieba."""
    found: list[str] = []
    for match in re.finditer(f"{_ASCII_WORD.pattern}|[{_CJK}]+", text):
        token = match.group()
        if _HAS_CJK.match(token):
            found.extend(w for w in rjieba.cut(token) if w.strip())
        else:
            found.append(token)
    return found


def cjk_count(text: str) -> int:
    """How many Chinese characters ``text`` has."""
    return len(_HAS_CJK.findall(text))


_SYLLABLE = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|uan|ian|iao|uai|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|"
    r"ue|ui|ve|er|a|o|e|i|u|v)"
)
PINYIN_WORDS = 4  # an answer is (partly) in pinyin from this many syllable words ...
PINYIN_SHARE = 0.5  # ... making up this share of its plain ASCII words


def _pinyin(text: str) -> str:
    """ " huan cun chuan tou ... " when the answer writes Chinese terms in pinyin, else ""."""
    plain = re.findall(r"(?<![\w-])[a-z]+(?![\w-])", text)
    syllables = [w for w in plain if _SYLLABLE.fullmatch(w)]
    if len(syllables) < PINYIN_WORDS or len(syllables) < PINYIN_SHARE * len(plain):
        return ""
    return f" {' '.join(plain)} "


@lru_cache(maxsize=8192)
def pinyin_of(name: str) -> str:
    """ " ji lu suo " for 记录锁 (two syllables at least), or ""."""
    if not re.fullmatch(f"[{_CJK}]{{2,}}", name):
        return ""
    from pypinyin import lazy_pinyin  # only answers written in pinyin need its dictionary

    return f" {' '.join(lazy_pinyin(name, v_to_u=False)).replace('ü', 'v')} "


def answer_language(text: str) -> str:
    """ "zh" when Chinese characters are at least a sixth of the letters, else "en"."""
    cjk = cjk_count(text)
    latin = len(re.findall(r"[a-zA-Z]", text))
    return "zh" if cjk and cjk * 6 >= cjk + latin / 4 else "en"


def is_stop(word: str) -> bool:
    return word in STOP_ZH or word in STOP_EN


# --- The glossary --------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)  # hashed by identity: caches keep one object per version
class Glossary:
    """Groups of equivalent names. ``names_of[term]`` is every name of every group holding it."""

    names_of: Mapping[str, frozenset[str]]
    sources: tuple[str, ...] = ()  # the texts it was parsed from

    @classmethod
    def parse(cls, *texts: str) -> Glossary:
        groups: dict[str, set[str]] = {}
        for text in texts:
            for raw in text.splitlines():
                line = raw.split("#", 1)[0] if raw.lstrip().startswith("#") else raw
                names = {normalize(n) for n in line.split("|") if normalize(n)}
                if len(names) < 2 and not (names and line.strip()):
                    continue
                merged = set(names)
                for name in names:
                    merged |= groups.get(name, set())
                for name in merged:
                    groups[name] = merged
        return cls({name: frozenset(group) for name, group in groups.items()}, texts)

    def longest_first(self) -> list[str]:
        return self._longest_first

    @cached_property  # the frozen dataclass has a __dict__: it is computed once per glossary
    def _longest_first(self) -> list[str]:
        return sorted(self.names_of, key=len, reverse=True)

    def with_vocabulary(self) -> Glossary:
        """This glossary and the everyday vocabulary of vocabulary.txt: for answers written in
        another language than the standard answer."""
        return _with_vocabulary(self.sources)


@lru_cache(maxsize=8)
def _with_vocabulary(sources: tuple[str, ...]) -> Glossary:
    return Glossary.parse(*sources, BUILTIN_VOCABULARY.read_text(encoding="utf-8"))


@lru_cache(maxsize=8)
def builtin_glossary(extra: str = "") -> Glossary:
    """The glossary shipped in glossary.txt, plus curators' entries (``extra``, same format)."""
    return Glossary.parse(BUILTIN_GLOSSARY.read_text(encoding="utf-8"), extra)


# --- Matching a name in an answer ----------------------------------------------------------------


@dataclass(frozen=True)  # shared through answer_text()'s cache: never changed
class AnswerText:
    """An answer prepared once for every lookup."""

    text: str  # normalized, spaces between Chinese characters removed
    spaced: str  # " part part part " of the ASCII words, for phrase lookups
    squashed: frozenset[str]  # ASCII words with separators removed (kube-proxy -> kubeproxy)
    stems: frozenset[str]  # light English stems of the ASCII words
    ascii_words: tuple[str, ...]
    pinyin: str = ""  # " ji lu suo jian xi suo ": the words, when most of them are pinyin

    @classmethod
    def build(cls, raw: str) -> AnswerText:
        text = squash_cjk_spaces(normalize(raw))
        ascii_words = tuple(_ASCII_WORD.findall(text))
        parts = [p for w in ascii_words for p in _parts(w)]
        squashed = frozenset("".join(_parts(w)) for w in ascii_words) | frozenset(parts)
        # Adjacent words written apart ("kube proxy") also match the joined name.
        squashed |= frozenset(a + b for a, b in pairwise(parts))
        stems = frozenset(stem(p) for p in parts)
        return cls(text, f" {' '.join(parts)} ", squashed, stems, ascii_words, _pinyin(text))

    def find(self, name: str) -> int:
        """Where ``name`` occurs (an index into ``text``), or -1."""
        if has_cjk(name):
            at = self.text.find(name)
            if at < 0 and self.pinyin and (spelled := pinyin_of(name)):
                return 0 if spelled in self.pinyin else -1
            return at
        name_parts = _parts(name)
        if not name_parts:
            return -1
        phrase = f" {' '.join(name_parts)} "
        if (
            phrase in self.spaced
            or "".join(name_parts) in self.squashed
            or (len(name_parts) == 1 and stem(name_parts[0]) in self.stems)
        ):
            at = self.text.find(name_parts[0])
            return at if at >= 0 else 0
        return -1

    def find_fuzzy(self, name: str) -> int:
        """Where a near miss of ``name`` occurs (one typo in a word or a Chinese term), or -1."""
        if has_cjk(name):
            return _find_cjk_typo(name, self.text)
        joined = "".join(_parts(name))
        if len(joined) < 5:
            return -1
        limit = 1 if len(joined) < 9 else 2
        for candidate, word in self.fuzzy_words:
            if abs(len(candidate) - len(joined)) <= limit and (
                Levenshtein.distance(candidate, joined, score_cutoff=limit) <= limit
            ):
                return max(self.text.find(word), 0)
        return -1

    @cached_property  # computed once per answer text (answer_text() shares the instance)
    def fuzzy_words(self) -> tuple[tuple[str, str], ...]:
        """(word with separators removed, the word) for each distinct ASCII word of 4+ letters,
        in order: find_fuzzy compares every name against these, so they are joined once, not
        once per name."""
        seen: dict[str, str] = {}
        for word in self.ascii_words:
            candidate = "".join(_parts(word))
            if len(candidate) >= 4:
                seen.setdefault(candidate, word)
        return tuple(seen.items())


@lru_cache(maxsize=4096)
def answer_text(raw: str) -> AnswerText:
    """``AnswerText.build``, remembered: autosaves re-check the same sentences again and again."""
    return AnswerText.build(raw)


def probe(name: str) -> str:
    """Text that every exact match of ``name`` contains (``AnswerText.find``), for a cheap first
    test: the name itself in Chinese, else the stem of its first word."""
    if has_cjk(name):
        return name
    parts = _parts(name)
    return stem(parts[0]) if parts else name


def _find_cjk_typo(name: str, text: str) -> int:
    """Where ``text`` has ``name`` with one character wrong, missing or extra (负载均恒), or -1.

    Candidate windows are anchored on a two-character piece of ``name`` that occurs intact.
    """
    size = len(name)
    if size < 3:
        return -1
    tried: set[tuple[int, int]] = set()
    for i in range(size - 1):
        piece = name[i : i + 2]
        start = 0
        while (at := text.find(piece, start)) >= 0:
            start = at + 1
            for length in (size, size - 1, size + 1):
                for begin in range(at - i - 1, at - i + 2):
                    if begin < 0 or (begin, length) in tried:
                        continue
                    tried.add((begin, length))
                    window = text[begin : begin + length]
                    if (
                        len(window) == length
                        and Levenshtein.distance(name, window, score_cutoff=1) <= 1
                    ):
                        return begin
    return -1


# --- Concepts of a text --------------------------------------------------------------------------


def _technical(word: str, *, among_chinese: bool) -> bool:
    """ASCII words that read the same in a Chinese and an English answer (Pod, etcd, HPA, v2).

    A short word in a Chinese text is a name (Pod, Raft); in an English text it is as likely an
    everyday word ("key", "less", "gives") that no Chinese answer writes in English."""
    shaped = bool(re.search(r"[0-9]|[a-z][A-Z]|^[A-Z]{2,}|[-_./]", word))
    return shaped or (among_chinese and len(word) <= 5)


# Part-of-speech weights: the things named (nouns, technical terms) matter more than the
# verbs and adjectives around them, which candidates paraphrase freely.
_POS_WEIGHT = {"v": 0.5, "vn": 0.6, "vd": 0.5, "a": 0.5, "ad": 0.5, "an": 0.6, "d": 0.4, "m": 0.5}


def text_concepts(
    text: str, glossary: Glossary, phrases: list[str]
) -> list[tuple[str, frozenset[str], bool, float]]:
    """(label, names, translatable, weight) of a key point or question, glossary phrases first."""
    cased = {w.lower(): w for w in re.findall(r"[A-Za-z0-9]+(?:[-_./][A-Za-z0-9]+)*", text)}
    norm = squash_cjk_spaces(normalize(text))
    chinese = has_cjk(norm)
    found: list[tuple[int, str, frozenset[str], bool, float]] = []
    taken = [False] * len(norm)
    for phrase in phrases:
        start = 0
        while (at := norm.find(phrase, start)) >= 0:
            end = at + len(phrase)
            start = end
            if any(taken[at:end]):
                continue
            if not has_cjk(phrase):  # whole ASCII words only
                before = norm[at - 1] if at else " "
                after = norm[end] if end < len(norm) else " "
                if before.isalnum() or after.isalnum():
                    continue
            for i in range(at, end):
                taken[i] = True
            names = glossary.names_of[phrase]
            translatable = any(has_cjk(n) for n in names) and any(not has_cjk(n) for n in names)
            found.append((at, phrase, names, translatable, 1.0))
    rest = "".join(" " if taken[i] else ch for i, ch in enumerate(norm))
    for match in re.finditer(f"{_ASCII_WORD.pattern}|[{_CJK}]+", rest):
        token = match.group()
        if _HAS_CJK.match(token):
            offset = match.start()
            for word, tag in rjieba.tag(token):
                if len(word) >= 2 and not is_stop(word):
                    weight = _POS_WEIGHT.get(tag, 1.0)
                    found.append((offset, word, frozenset({word}), False, weight))
                offset += len(word)
        elif not is_stop(token) and len(token) >= 2 and not token.isdigit():
            technical = _technical(cased.get(token, token), among_chinese=chinese)
            found.append((match.start(), token, frozenset({token}), technical, 1.0))
    found.sort(key=lambda item: item[0])
    unique: dict[str, tuple[str, frozenset[str], bool, float]] = {}
    for _, label, names, translatable, pos_weight in found:
        unique.setdefault(label, (label, names, translatable, pos_weight))
    return list(unique.values())


@dataclass(frozen=True, eq=False)  # hashed by identity, like Glossary
class TermStats:
    """Document frequencies over the topic's material, for IDF weights."""

    documents: int
    frequency: Mapping[str, int]

    @classmethod
    def build(cls, documents: Iterable[str]) -> TermStats:
        counts: dict[str, int] = {}
        total = 0
        for document in documents:
            total += 1
            text = squash_cjk_spaces(normalize(document))
            seen = set(words(text)) | set(rjieba.cut_for_search(text))
            for word in seen:
                counts[word] = counts.get(word, 0) + 1
        return cls(total, counts)

    def idf(self, names: Iterable[str]) -> float:
        """Inverse document frequency of a concept: as common as its most common name."""
        if not self.documents:
            return 1.0
        df = 0
        for name in names:
            pieces = [name] if has_cjk(name) or " " not in name else name.split()
            df = max(df, min(self.frequency.get(p, 0) for p in pieces))
        return math.log((self.documents + 1) / (df + 1)) + 1.0
