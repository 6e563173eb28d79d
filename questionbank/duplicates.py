"""Near-duplicate questions: the same question in other words, in Chinese or English. Pure.

Each question becomes a set of features: the glossary's concepts it names (so 零拷贝 and
"zero copy" are one feature, and a Chinese question can meet its English twin), English words
(lightly stemmed) and the character bigrams of Chinese words, with stop words and question
phrasing (什么是, 请简述, explain, describe) left out. Two questions are near duplicates when
the Jaccard similarity of their features reaches a threshold.

Comparing every pair of 10,000 questions would be 50 million comparisons. Instead an inverted
index lists, per feature, the questions holding it; only pairs sharing at least two features
that are not everywhere (held by at most ``max_df`` questions) are compared.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations

from scoring.textmatch import STOP_EN, STOP_ZH, normalize, stem, word_set, words

THRESHOLD = 0.5  # Jaccard similarity from which two questions are shown as near duplicates
MIN_FEATURES = 2  # questions with fewer features ("Why?") are never compared
MIN_SHARED = 2
LONGEST_NAME = 4  # words a glossary name may span ("custom resource definition")

# How questions are asked, not what they ask about.
PHRASING = word_set(
    """什么 是 请 简述 简单 介绍 描述 说说 谈谈 讲讲 解释 说明 一下 理解 了解 你 的 吗 呢 怎样 怎么
    如何 哪些 为什么 作用 原理 区别 what how why which explain describe briefly difference
    between tell about does do is are the a an you your please"""
)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Candidate:
    """One question as the detector sees it; ``group`` keeps pairs across groups only (e.g. the
    topic: the same question twice in one topic is left to the importer's identity rules)."""

    id: int
    text: str
    group: str = ""


@dataclass(frozen=True)
class Pair:
    first: int
    second: int
    similarity: float
    shared: tuple[str, ...]  # the features both hold, concepts first, for the page to show


def _concepts(names_of: Mapping[str, frozenset[str]]) -> dict[str, str]:
    """Every glossary name -> one label for its group (its shortest, then first, name)."""
    labels: dict[str, str] = {}
    for name, group in names_of.items():
        labels[name] = "§" + min(group, key=lambda n: (len(n), n))
    return labels


def features(text: str, concepts: Mapping[str, str]) -> frozenset[str]:
    """The features of a question's text (see the module docstring)."""
    tokens = words(normalize(unicodedata.normalize("NFKC", text)))
    found: set[str] = set()
    i = 0
    while i < len(tokens):
        for span in range(min(LONGEST_NAME, len(tokens) - i), 0, -1):
            part = tokens[i : i + span]
            joined = "".join(part) if _CJK.match(part[0]) else " ".join(part)
            label = concepts.get(joined)
            if label is not None and (span > 1 or len(joined) > 1):
                found.add(label)
                i += span
                break
        else:
            token = tokens[i]
            i += 1
            if token in PHRASING or token in STOP_ZH or token in STOP_EN:
                continue
            if _CJK.match(token):
                if len(token) == 1:
                    continue  # single characters say little; their words' bigrams say more
                found.update(token[k : k + 2] for k in range(len(token) - 1))
            elif len(token) > 1:
                found.add(stem(token))
    return frozenset(found)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b)


def near_duplicates(
    questions: Iterable[Candidate],
    names_of: Mapping[str, frozenset[str]],
    *,
    threshold: float = THRESHOLD,
    max_df: int = 50,
    limit: int = 200,
) -> list[Pair]:
    """Pairs of questions of different groups whose features are at least ``threshold``
    similar, most similar first, at most ``limit``."""
    concepts = _concepts(names_of)
    items = [(q, f) for q in questions if len(f := features(q.text, concepts)) >= MIN_FEATURES]
    postings: dict[str, list[int]] = defaultdict(list)
    for index, (_, feats) in enumerate(items):
        for feature in feats:
            postings[feature].append(index)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for holders in postings.values():
        if len(holders) > max_df:  # everywhere: says nothing, and would compare everything
            continue
        for pair in combinations(holders, 2):
            shared[pair] += 1
    pairs = []
    for (i, j), count in shared.items():
        if count < MIN_SHARED:
            continue
        (qi, fi), (qj, fj) = items[i], items[j]
        if qi.group == qj.group:
            continue
        similarity = _jaccard(fi, fj)
        if similarity >= threshold:
            both = sorted(fi & fj, key=lambda f: (not f.startswith("§"), f))
            first, second = sorted((qi.id, qj.id))
            pairs.append(Pair(first, second, round(similarity, 3), tuple(both)))
    pairs.sort(key=lambda p: (-p.similarity, p.first, p.second))
    return pairs[:limit]
