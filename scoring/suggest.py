"""Suggest a 0-5 score for an answer from the standard answer's key points, and explain it.

Pure Python (no ORM). The interviewer's score always wins; this is a draft to agree with or
overrule in a second, so it shows its evidence: which key points the answer covers (with the
sentence that covers each) and which are missing.

How it judges, in order:
1. Each key point becomes *concepts*: glossary phrases first (服务发现 = service discovery, HPA =
   自动扩缩容, ...), then the remaining words (rjieba for Chinese, whole words for ASCII).
   Stop words go; words the question itself uses count for little (repeating the question is not
   an answer); rare words weigh more than common ones (IDF over the topic's material).
2. A concept is found in the answer by any of its names: substrings for Chinese, whole words or
   phrases for ASCII (kube-proxy = kube proxy = kubeproxy), and near misses (kubelete, Promethues,
   负载均恒) by edit distance.
3. A key point's coverage is the weighted share of its concepts found; the answer's coverage is
   the key points' weighted mean, with partial credit.
4. Coverage maps to the rubric (2 a few points, 3 about half, 4 most, 5 all with depth), then
   the checks: empty, echo, or nothing the key points say beyond the question's words (filler,
   "没用过，不太了解") -> 0; terms named but not explained (a keyword list) -> capped;
   no reasoning or trade-off at all -> no 5.
An answer in another language than the reference is judged on the concepts the glossary can
translate (and on shared technical names), so an English answer to a Chinese question is fair.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

import rjieba

from scoring import contradictions
from scoring.textmatch import (
    SENTENCE,
    STOP_EN,
    AnswerText,
    Glossary,
    TermStats,
    answer_language,
    answer_text,
    builtin_glossary,
    cjk_count,
    has_cjk,
    is_stop,
    normalize,
    squash_cjk_spaces,
    text_concepts,
    word_set,
    words,
)

MAX_SCORE = 5

_REASONING = word_set(
    """因为 所以 因此 通过 如果 当 会 可以 需要 然后 首先 其次 最后 比如 例如 导致 保证 避免
    而 但 但是 就 才 把 让 使 来 是 的 了 这样 否则 只有 由于 为了 于是 即 并 再 然而 同时
    从而 进而 而是 because so if when which that by then is are will can would since
    therefore thus so that instead while whereas otherwise means lets allows ensures
    avoids causes"""
)
_TRADE_OFF = re.compile(
    r"优点|缺点|优势|劣势|代价|取舍|权衡|但是|然而|相比|对比|而不是|适合|不适合|适用|场景|风险|副作用|"
    r"trade-?off|however|downside|drawback|cost|versus|vs\b|compared|pros|cons|instead|risk|"
    r"unless|whereas|but\b"
)


# --- Preparing the reference (cached per question) ------------------------------------------------


@dataclass(frozen=True)
class Concept:
    label: str  # as written in the key point (normalized)
    names: tuple[str, ...]  # every name that counts, sorted: the same evidence in every process
    weight: float
    translatable: bool  # has a name in the other language, or is a technical name


@dataclass(frozen=True)
class PreparedKeyPoint:
    text: str
    weight: float
    concepts: tuple[Concept, ...]
    details: tuple[Concept, ...] = ()  # what the standard answer says under it, when it is a label


@dataclass(frozen=True, eq=False)
class Reference:
    key_points: tuple[PreparedKeyPoint, ...]
    question_names: frozenset[str]
    language: str  # "zh" or "en": the key points' language
    vocabulary: frozenset[str]  # words of this question's standard answer and key points
    topic_vocabulary: frozenset[str]  # words used anywhere in the topic
    glossary: Glossary
    ties: contradictions.Ties  # what the standard answer ties to which alternative
    source: tuple  # what it was prepared from, but the glossary

    def across_languages(self) -> Reference:
        """The same reference prepared with the everyday vocabulary too, for an answer in the
        other language; cached like the reference itself."""
        return _prepare(*self.source, self.glossary.with_vocabulary())


QUESTION_DISCOUNT = 0.3  # a concept the question already names earns this share of its weight


def prepare(
    key_points: Sequence[tuple[str, float]],
    *,
    question: str = "",
    answer: str = "",
    title: str = "",
    stats: TermStats | None = None,
    glossary: Glossary | None = None,
    contrasts: contradictions.Contrasts | None = None,
) -> Reference:
    """The processed form of one question's key points; cached, so call it freely.

    ``answer`` (the standard answer's text), its ``title`` and ``stats`` (the topic's term
    statistics) let the scorer tell an answer to this question from an answer to another one,
    and a right claim from a wrong one.
    """
    glossary = glossary or builtin_glossary()
    contrasts = contrasts or contradictions.builtin_contrasts()
    key_points = tuple((t, float(w)) for t, w in key_points)
    return _prepare(key_points, question, answer, title, stats, contrasts, glossary)


_BULLET = re.compile(r"^\s*(?:\d+[.)、]|[-*•]|#+)?\s*")
DETAIL_LINES = 8


def _details(key_points: list[str], answer: str) -> dict[str, str]:
    """{key point: the standard answer's text right after it}, for key points that are labels
    ("Machine-parseable", "ZooKeeper") whose meaning is in the lines under them."""
    lines = [_BULLET.sub("", squash_cjk_spaces(normalize(line))) for line in answer.splitlines()]
    starts: dict[str, int] = {}
    for text in key_points:
        wanted = squash_cjk_spaces(normalize(text))
        at = next((i for i, line in enumerate(lines) if line.startswith(wanted)), None)
        if at is not None and wanted:
            starts[text] = at
    found: dict[str, str] = {}
    heads = sorted(set(starts.values()))
    for text, at in starts.items():
        end = next((h for h in heads if h > at), len(lines))
        rest = lines[at][len(squash_cjk_spaces(normalize(text))) :]
        found[text] = "\n".join([rest, *lines[at + 1 : min(end, at + 1 + DETAIL_LINES)]])
    return found


def _vocabulary(*texts: str) -> frozenset[str]:
    found: set[str] = set()
    for text in texts:
        norm = squash_cjk_spaces(normalize(text))
        found |= set(words(norm)) | set(rjieba.cut_for_search(norm))
    return frozenset(w for w in found if len(w) >= 2 and not is_stop(w))


@lru_cache(maxsize=1024)
def _prepare(key_points, question, answer, title, stats, contrasts, glossary) -> Reference:
    phrases = glossary.longest_first()
    question_names: set[str] = set()
    for _, names, _, _ in text_concepts(question, glossary, phrases):
        question_names |= names
    prepared = []
    details_of = _details([t for t, _ in key_points], answer)
    # Terms under a label that another key point also uses tell the points apart no better
    # than "Pod" does: each point's details are the terms only it has.
    terms_of = {
        text: text_concepts(f"{text}\n{details_of.get(text, '')}", glossary, phrases)
        for text, _ in key_points
    }
    points_using: dict[frozenset[str], int] = {}
    for terms in terms_of.values():
        for names in {names for _, names, _, _ in terms}:
            points_using[names] = points_using.get(names, 0) + 1
    for text, weight in key_points:
        concepts = []
        full = discounted = 0.0
        for label, names, translatable, pos_weight in text_concepts(text, glossary, phrases):
            value = (stats.idf(names) if stats else 1.0) * pos_weight
            full += value
            if names & question_names:
                value *= QUESTION_DISCOUNT
            discounted += value
            concepts.append(Concept(label, tuple(sorted(names)), value, translatable))
        # A key point that only restates the question's own words counts for less.
        informative = discounted / full if full else 1.0
        own = {n for c in concepts for n in c.names}
        details = [
            Concept(label, tuple(sorted(names)), stats.idf(names) if stats else 1.0, translatable)
            for label, names, translatable, pos_weight in terms_of[text]
            if pos_weight == 1.0
            and points_using[names] == 1
            and not names & own
            and not names & question_names
        ]
        prepared.append(
            PreparedKeyPoint(text, weight * informative, tuple(concepts), tuple(details))
        )
    language = "zh" if has_cjk(" ".join(t for t, _ in key_points)) else "en"
    vocabulary = _vocabulary(answer, question, *(t for t, _ in key_points))
    topic_vocabulary = frozenset(stats.frequency) if stats else frozenset()
    return Reference(
        tuple(prepared),
        frozenset(question_names),
        language,
        vocabulary,
        topic_vocabulary,
        glossary,
        contradictions.ties(
            [title, answer, *(t for t, _ in key_points)], glossary, stats, contrasts
        ),
        (key_points, question, answer, title, stats, contrasts),
    )


# --- Suggesting ----------------------------------------------------------------------------------


@dataclass
class KeyPointResult:
    key_point: str
    weight: float
    coverage: float  # 0..1: weighted share of its concepts found
    covered: bool
    evidence: str = ""  # the sentence of the answer that covers it
    span: tuple[int, int] | None = None  # where that sentence is in the answer
    found: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


@dataclass
class Suggestion:
    score: float
    coverage: float
    key_points: list[KeyPointResult]
    notes: list[str] = field(default_factory=list)  # codes: see NOTES
    contradictions: list[contradictions.Contradiction] = field(default_factory=list)
    max: int = MAX_SCORE

    @property
    def covered(self) -> list[KeyPointResult]:
        return [k for k in self.key_points if k.covered]

    @property
    def missing(self) -> list[str]:
        return [k.key_point for k in self.key_points if not k.covered]

    def stored(self) -> dict:
        """All a review shows, as JSON: kept with a finished mock, so that its review says what
        the scorer said then. Templates read it like the Suggestion itself."""
        return {
            "score": self.score,
            "coverage": round(self.coverage, 4),
            "notes": list(self.notes),
            "key_points": [
                {
                    "key_point": k.key_point,
                    "covered": k.covered,
                    "evidence": k.evidence,
                    "span": list(k.span) if k.span else None,
                }
                for k in self.key_points
            ],
            "contradictions": [
                {"claim": c.claim, "term": c.term, "reference": c.reference}
                for c in self.contradictions
            ],
        }

    def as_dict(self) -> dict:
        return {
            "score": self.score,
            "max": self.max,
            "coverage": round(self.coverage, 3),
            "covered": [{"key_point": k.key_point, "evidence": k.evidence} for k in self.covered],
            "missing": self.missing,
            "notes": list(self.notes),
            "contradictions": [
                {"claim": c.claim, "term": c.term, "reference": c.reference}
                for c in self.contradictions
            ],
        }


def gettext_noop(message: str) -> str:  # marks the notes for makemessages; this module is pure
    return message


# Why a score is what it is; the UI says these in the user's language.
NOTES = {
    "empty": gettext_noop("No answer."),
    "echo": gettext_noop("The answer only repeats the question."),
    "nothing_new": gettext_noop(
        "Says nothing the standard answer says beyond the question's own words."
    ),
    "dont_know": gettext_noop("Says it does not know, and adds nothing the standard answer says."),
    "keywords_only": gettext_noop("Terms named but not explained."),
    "thin": gettext_noop("Points named with little explanation."),
    "no_depth": gettext_noop("No reasoning or trade-offs: 5 needs depth."),
    "cross_language": gettext_noop(
        "Answered in another language: judged on the terms the glossary translates."
    ),
    "no_key_points": gettext_noop("This question has no key points to compare with."),
    "off_topic": gettext_noop("The answer is mostly about something else than this question."),
    "vague": gettext_noop("On topic, but names none of the key points."),
    "contradiction": gettext_noop("Says something the standard answer contradicts."),
    "contradictions": gettext_noop("Several claims contradict the standard answer."),
}

COVERED_AT = 0.5  # a key point counts as covered from this share of its concepts
FULL_CREDIT_AT = 0.75  # ... and earns full credit from this share
# Coverage -> score, piecewise linear through the rubric's anchors.
# Below 5% it is a few stray topic words (filler, another question), not an answer: 0.
SCALE = (
    (0.0, 0.0),
    (0.05, 0.0),
    (0.12, 1.0),
    (0.25, 2.0),
    (0.5, 3.0),
    (0.65, 4.0),
    (0.82, 5.0),
    (1.0, 5.0),
)
KEYWORD_LIST_CAP = 1.0  # the rubric: a bare list of the right terms is a 1
OFF_TOPIC_BELOW = 0.35  # share of the answer's topic words that are this question's
OFF_TOPIC_MIN_WORDS = 6
OFF_TOPIC_CAP = 1.0
VAGUE_SCORE = 1.0
THIN_CAP = 3.5
NO_DEPTH_CAP = 4.5
DEPTH_WORDS = 60  # a shorter answer needs a trade-off or a reason to earn a 5
CONTRADICTION_COST = 1.0  # one claim against the standard answer
CONTRADICTIONS_CAP = 0.5  # two or more: the answer is wrong (0) or nearly so
MOSTLY_COVERED = 0.5  # one contradiction in an answer covering less than this ...
CONTRADICTED_CAP = 1.0  # ... is a major misconception: 1 at most
DETAIL_SHARE = 0.3  # of a label key point's coverage that comes from the lines under it
DETAIL_FULL_AT = 0.4  # ... full from this share of those lines' terms


# An answer is a 0 that finds less than this share of the key points' own words (not the
# question's) ...
SAYS_NOTHING_BELOW = 0.05
FRESH_WORDS = 4  # ... and uses fewer than this many other words of the standard answer,
KNOWS_LITTLE_BELOW = 0.12  # or less than this share, saying it does not know
_IGNORANCE = re.compile(
    r"不了解|不太了解|没(怎么|太)?了解|不(太)?清楚|不知道|说不上来|没(怎么|太)?(用过|接触过|研究过|看过|"
    r"深入)|不熟|记不(清|得)|忘了|"
    r"\b(i|we)\s*(do not|don't|dont|did not|didn't|have not|haven't|never|am not|'m not|can't|"
    r"cannot)\b|\bnot (really )?sure\b|\bno idea\b|\bnot familiar\b|\bnever (really )?"
    r"(used|worked|looked|touched|tried)\b"
)


def _fresh_words(answer_words: list[str], reference: Reference) -> int:
    """How many different words of the standard answer, beyond the question's, the answer uses."""
    fresh = set()
    for word in answer_words:
        names = reference.glossary.names_of.get(word, frozenset({word}))
        if names & reference.question_names:
            continue
        if any(n in reference.vocabulary for n in names):
            fresh.add(word)
    return len(fresh)


def _scale(coverage: float) -> float:
    for (x0, y0), (x1, y1) in pairwise(SCALE):
        if coverage <= x1:
            return y0 + (y1 - y0) * (coverage - x0) / (x1 - x0)
    return float(MAX_SCORE)


def _sentences(raw: str) -> list[tuple[int, int]]:
    spans = []
    for match in SENTENCE.finditer(raw):
        text = match.group().strip()
        if text:
            start = match.start() + (len(match.group()) - len(match.group().lstrip()))
            spans.append((start, start + len(text)))
    return spans


Sentences = list[tuple[tuple[int, int], AnswerText]]


def _sentences_of(raw: str) -> Sentences:
    return [((start, end), answer_text(raw[start:end])) for start, end in _sentences(raw)]


_CLAUSE = re.compile(r"[^，,、；;：:]+[，,、；;：:]?")


def _evidence(
    raw: str, names: list[str], sentences: Sentences
) -> tuple[str, tuple[int, int] | None]:
    """The clause of the raw answer that mentions most of ``names``, and where it is."""
    best, best_hits = None, 0
    for (start, end), sentence in sentences:
        hits = sum(
            1 for name in names if sentence.find(name) >= 0 or sentence.find_fuzzy(name) >= 0
        )
        if hits > best_hits:
            best, best_hits = (start, end), hits
    if best is None:
        return "", None
    start, end = best
    if end - start > 80:  # a long sentence: narrow it to the clause that says it
        clauses = [(start + m.start(), start + m.end()) for m in _CLAUSE.finditer(raw[start:end])]
        scored = [
            (sum(1 for n in names if answer_text(raw[a:b]).find(n) >= 0), a, b) for a, b in clauses
        ]
        hits, a, b = max(scored, key=lambda item: item[0])
        if hits:
            start, end = a, b
    text = raw[start:end].strip()
    return (text if len(text) <= 160 else text[:157] + "…"), (start, end)


def _relevance(answer_words: list[str], reference: Reference) -> tuple[float, int]:
    """Share of the answer's topic words that belong to this question's standard answer.

    Words the topic never uses (filler, paraphrase) are left out; an answer to a sibling
    question uses the topic's words, but another question's.
    """
    if not reference.vocabulary or not reference.topic_vocabulary:
        return 1.0, 0
    known = relevant = 0
    for word in answer_words:
        names = reference.glossary.names_of.get(word, frozenset({word}))
        if any(n in reference.vocabulary for n in names):
            known += 1
            relevant += 1
        elif any(n in reference.topic_vocabulary for n in names):
            known += 1
    return (relevant / known if known else 1.0), known


_LIST_ITEM = re.compile(r"[、，,;；。\n]|\s+/\s+")
_LATIN_WORD = re.compile(r"[A-Za-z0-9][\w./+-]*")
LIST_ITEMS = 8  # a list of terms: this many items or more, each a term: at most
LIST_ITEM_CJK = 6  # this many Chinese characters and
LIST_ITEM_WORDS = 4  # this many English words


def _is_list(raw: str) -> bool:
    """Whether the answer is a list of terms ("缓存、BuildKit、测试分片、DAG、…"): many items, and
    nothing between the separators longer than a term."""
    items = [item for item in _LIST_ITEM.split(raw) if item.strip()]
    return len(items) >= LIST_ITEMS and all(
        cjk_count(item) <= LIST_ITEM_CJK and len(_LATIN_WORD.findall(item)) <= LIST_ITEM_WORDS
        for item in items
    )


_REASONING_TAGS = ("v", "p", "c", "d", "r", "u")  # verbs, prepositions, conjunctions, adverbs...


def _style(answer: AnswerText) -> tuple[float, int]:
    """(share of words that carry reasoning: verbs, function words; number of words).

    A list of terms has almost none ("API Server、etcd、kubelet"); an explanation has many
    ("调度器决定 Pod 放到哪个节点", "the scheduler picks a node for each pod").
    """
    total = reasoning = 0
    for word, tag in rjieba.tag(answer.text):
        if tag == "x" or not word.strip():
            continue
        total += 1
        if tag == "eng" or tag == "m":
            reasoning += word in STOP_EN or word in _REASONING
        elif tag.startswith(_REASONING_TAGS) and tag != "vn":
            reasoning += 1
    return (reasoning / total if total else 0.0), total


def suggest(
    answer: str,
    key_points: Sequence[tuple[str, float]] | Reference,
    *,
    question: str = "",
    stats: TermStats | None = None,
    glossary: Glossary | None = None,
) -> Suggestion:
    """Score ``answer`` against key points ``[(text, weight), ...]`` or a prepared Reference."""
    reference = (
        key_points
        if isinstance(key_points, Reference)
        else prepare(key_points, question=question, stats=stats, glossary=glossary)
    )
    results = [
        KeyPointResult(kp.text, kp.weight, 0.0, False, missing=[c.label for c in kp.concepts])
        for kp in reference.key_points
    ]
    if not answer or not answer.strip():
        return Suggestion(0.0, 0.0, results, ["empty"])
    if not reference.key_points:
        return Suggestion(0.0, 0.0, results, ["no_key_points"])

    text = answer_text(answer)
    answer_words = [w for w in words(text.text) if not is_stop(w) and len(w) >= 2]
    if not answer_words:
        return Suggestion(0.0, 0.0, results, ["empty"])
    in_question = [w for w in answer_words if w in reference.question_names]
    if len(in_question) >= 0.8 * len(answer_words) and len(answer_words) >= 2:
        return Suggestion(0.0, 0.0, results, ["echo"])

    # Pinyin ("ji lu suo jiu shi ...") is Chinese written in letters: matched as Chinese.
    in_pinyin = bool(text.pinyin) and reference.language == "zh"
    cross_language = answer_language(text.text) != reference.language and not in_pinyin
    if cross_language:
        reference = reference.across_languages()
    sentences = _sentences_of(answer)
    total_weight = credited = novel = 0.0
    for kp, result in zip(reference.key_points, results, strict=True):
        concepts = (
            [c for c in kp.concepts if c.translatable] if cross_language else list(kp.concepts)
        )
        if not concepts:
            concepts = list(kp.concepts)
        found, missing, hit_names = [], [], []
        found_weight = all_weight = 0.0
        kp_total = sum(c.weight for c in concepts) or 1.0
        for concept in concepts:
            all_weight += concept.weight
            name = next((n for n in concept.names if text.find(n) >= 0), None)
            if name is None:
                name = next((n for n in concept.names if text.find_fuzzy(n) >= 0), None)
            if name is not None:
                found_weight += concept.weight
                if not reference.question_names.intersection(concept.names):
                    novel += kp.weight * concept.weight / kp_total
                found.append(concept.label)
                hit_names.append(name)
            else:
                missing.append(concept.label)
        coverage = found_weight / all_weight if all_weight else 0.0
        details = [d for d in kp.details if d.translatable] if cross_language else kp.details
        if total := sum(d.weight for d in details):
            # A label ("Machine-parseable") is covered as much by saying what it means as by
            # naming it, and naming it alone says less than explaining it.
            hit = sum(d.weight for d in details if any(text.find(n) >= 0 for n in d.names))
            explained = min(1.0, hit / total / DETAIL_FULL_AT)
            coverage = (1 - DETAIL_SHARE) * coverage + DETAIL_SHARE * explained
        result.coverage, result.found, result.missing = coverage, found, missing
        result.covered = coverage >= COVERED_AT
        if hit_names:
            result.evidence, result.span = _evidence(answer, hit_names, sentences)
        total_weight += kp.weight
        credited += kp.weight * min(1.0, coverage / FULL_CREDIT_AT)
    coverage = credited / total_weight if total_weight else 0.0
    novel = novel / total_weight if total_weight else 0.0

    if coverage == 0 and len(answer_words) <= 3:  # "不知道", "no idea", a stray word
        return Suggestion(0.0, 0.0, results, ["empty"])
    # The rubric's 0s that name the right things: "没用过，不太了解" around a word or two of the
    # topic, the question said back in other words, filler. What they never add is anything the
    # standard answer says beyond the question's own words.
    fresh = _fresh_words(answer_words, reference)
    if novel < SAYS_NOTHING_BELOW and fresh < FRESH_WORDS:
        return Suggestion(0.0, coverage, results, ["nothing_new"])
    if novel < KNOWS_LITTLE_BELOW and _IGNORANCE.search(text.text):
        return Suggestion(0.0, coverage, results, ["dont_know"])
    score = _scale(coverage)
    notes = ["cross_language"] if cross_language else []
    relevance, known = _relevance(answer_words, reference)
    if known >= OFF_TOPIC_MIN_WORDS and relevance < OFF_TOPIC_BELOW:
        score = min(score, OFF_TOPIC_CAP)
        notes.append("off_topic")
    elif score < VAGUE_SCORE and relevance >= 0.6 and known >= 3 and len(answer_words) <= 20:
        score = VAGUE_SCORE  # on topic but names nothing specific: the rubric's "vague" 1
        notes.append("vague")
    reasoning_share, word_count = _style(text)
    if text.pinyin:  # its function words are letters too: the tagger cannot see them
        reasoning_share = max(reasoning_share, 0.2)
    if coverage > 0 and ((reasoning_share < 0.12 and word_count >= 3) or _is_list(answer)):
        score = min(score, KEYWORD_LIST_CAP)
        notes.append("keywords_only")
    elif coverage > 0 and reasoning_share < 0.2:
        score = min(score, THIN_CAP)
        notes.append("thin")
    if score > NO_DEPTH_CAP and word_count < DEPTH_WORDS and not _TRADE_OFF.search(text.text):
        score = NO_DEPTH_CAP
        notes.append("no_depth")
    wrong = contradictions.find(answer, reference.ties)
    if len(wrong) >= 2:  # the rubric: major misconceptions are a 1 at most
        score = min(score, CONTRADICTIONS_CAP)
        notes.append("contradictions")
    elif wrong:
        score = max(0.0, score - CONTRADICTION_COST)
        if coverage < MOSTLY_COVERED:  # not a slip in a full answer: what it mostly says is wrong
            score = min(score, CONTRADICTED_CAP)
        notes.append("contradiction")
    return Suggestion(round(score * 2) / 2, coverage, results, notes, wrong)


# --- Bonus points --------------------------------------------------------------------------------


@dataclass
class BonusHint:
    bonus_point: str
    evidence: str


def suggest_bonus(
    answer_texts: Sequence[str],
    bonus_points: Sequence[str],
    *,
    stats: TermStats | None = None,
    glossary: Glossary | None = None,
) -> list[BonusHint]:
    """Which bonus points the candidate's answers touched: hints; the interviewer awards them."""
    reference = prepare([(b, 1.0) for b in bonus_points], stats=stats, glossary=glossary)
    best: dict[str, tuple[float, str]] = {}
    for answer in answer_texts:
        if not answer or not answer.strip():
            continue
        for text, (share, evidence) in _bonus_matches(reference, answer).items():
            if text not in best or share > best[text][0]:
                best[text] = (share, evidence)
    return [BonusHint(kp.text, best[kp.text][1]) for kp in reference.key_points if kp.text in best]


@lru_cache(maxsize=512)
def _bonus_matches(reference: Reference, raw: str) -> dict[str, tuple[float, str]]:
    """{bonus point: (share of its concepts found, evidence)} for one answer. Remembered: the
    console asks on every poll, and only the answer being typed is new."""
    text = answer_text(raw)
    found: dict[str, tuple[float, str]] = {}
    for kp in reference.key_points:
        total = sum(c.weight for c in kp.concepts)
        if not total:
            continue
        matched = [
            (c, n)
            for c in kp.concepts
            if (n := next((x for x in c.names if text.find(x) >= 0), None))
        ]
        hit = [n for _, n in matched]
        share = sum(c.weight for c, _ in matched) / total
        if share >= 0.5 and len(hit) >= min(2, len(kp.concepts)):
            found[kp.text] = (share, _evidence(raw, hit, _sentences_of(raw))[0])
    return found
