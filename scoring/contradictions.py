"""Claims in an answer that contradict the standard answer. Pure Python (no ORM).

Counting the standard answer's terms cannot see a wrong claim: "Istio 的控制平面是 Envoy" names
the same terms as the truth. Many wrong claims swap one of a few exclusive alternatives, though:
push for pull, AP for CP, the control plane for the data plane, a summary for a histogram.
``contrasts.txt`` lists such groups. The standard answer ties terms to alternatives clause by clause
(Envoy beside 数据平面, Prometheus beside pull); a clause of the answer that ties a term to an
alternative the standard answer never puts beside it, while it does put another one there,
contradicts it. Clauses that name two alternatives of a group ("pull, not push") are
comparisons, not claims, and are left alone. What a clause says is the default (默认) is always
checked. And a term the standard answer only ever denies ("不通过 NAT") contradicts it when an
answer asserts it with no negation near ("必须经过 NAT").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from scoring.textmatch import (
    AnswerText,
    Glossary,
    TermStats,
    answer_text,
    has_cjk,
    normalize,
    probe,
    text_concepts,
)

BUILTIN_CONTRASTS = Path(__file__).with_name("contrasts.txt")

# A clause ends at a comma or a sentence end; a table row (cells joined by " | ") is one clause.
_CLAUSE = re.compile(r"(?:[^，,；;。！？!?\n.]|\.(?!\s|$))+")
# An English word that names a thing rather than says something: Envoy, emptyDir, HTTP/2, p99.
_NAME_LIKE = re.compile(
    r"(?<![.!?:|]\s)(?<!^)\b[A-Z][\w-]*"  # capitalized, not at the start of a sentence or cell
    r"|\b\w*(?:[a-z][A-Z]|[A-Z]{2}|\d|[-_/.]\w)\w*"  # camelCase, CAPS, digits, kube-proxy
)
_FIRST_WORD = re.compile(r"\s*[A-Z][\w-]*")
_ROW = " | "
# A branch of a tree diagram ("├─ Pilot：..."): it speaks of the lines it hangs from.
_BRANCH = re.compile(r"^([\s│|]*)[├└]─*\s*(.*)")
# What a claim says is the default or the recommendation is a fact to check, however common.
_SLOTS = frozenset({"默认", "default", "defaults", "by default", "推荐", "recommended"})
COMMON_SHARE = 0.5  # Chinese terms in more than this share of the topic's questions are everyday
MIN_TERM_WEIGHT = 0.6  # nouns and technical names, not the verbs around them
LIST_MARKS = 3  # a clause with this many "、" is a list


@dataclass(frozen=True, eq=False)  # hashed by identity: caches keep one object per version
class Contrasts:
    """Groups of alternatives; each alternative is a set of names."""

    groups: tuple[tuple[frozenset[str], ...], ...]
    probes: dict[str, str]  # name -> what any text naming it contains

    @classmethod
    def parse(cls, text: str, *, switched_off: Iterable[str] = ()) -> Contrasts:
        """Groups from ``text`` (the format of contrasts.txt), but none naming a name in
        ``switched_off``."""
        groups = []
        for raw in text.splitlines():
            line = raw.split("#", 1)[0].strip()
            if line:
                groups.append([part.split("|") for part in line.split(" / ")])
        return cls.of(groups, switched_off=switched_off)

    @classmethod
    def of(cls, groups: Iterable[Iterable[Iterable[str]]], *, switched_off=()) -> Contrasts:
        """Groups given as their alternatives' names (curators' entries come this way: their
        names may hold a "#" or a line break, which the file format would misread)."""
        off = {normalize(n) for n in switched_off if normalize(n)}
        kept = []
        for group in groups:
            alternatives = tuple(
                frozenset(normalize(n) for n in names if normalize(n)) for names in group
            )
            named = set().union(*alternatives)
            if len(alternatives) >= 2 and all(alternatives) and not off & named:
                kept.append(alternatives)
        names = {n for group in kept for alternative in group for n in alternative}
        return cls(tuple(kept), {n: probe(n) for n in names})


@lru_cache(maxsize=8)
def builtin_contrasts(extra: tuple = (), switched_off: tuple[str, ...] = ()) -> Contrasts:
    """The groups of contrasts.txt less those naming a name in ``switched_off``, plus
    curators' own (``extra``: groups of alternatives of names, as tuples)."""
    builtin = Contrasts.parse(
        BUILTIN_CONTRASTS.read_text(encoding="utf-8"), switched_off=switched_off
    )
    if not extra:
        return builtin
    added = Contrasts.of(extra)
    return Contrasts(builtin.groups + added.groups, {**builtin.probes, **added.probes})


def named(text: AnswerText, contrasts: Contrasts, groups: Iterable[int]) -> dict[int, set[int]]:
    """{group: the alternatives ``text`` names}, for the groups it names at all."""
    found: dict[int, set[int]] = {}
    for g in groups:
        for a, names in enumerate(contrasts.groups[g]):
            if any(contrasts.probes[n] in text.text and text.find(n) >= 0 for n in names):
                found.setdefault(g, set()).add(a)
    return found


_PARENTHESES = re.compile(r"[（(][^（()）]*[）)]")


def _clauses(line: str) -> list[str]:
    """A line cut at commas and full stops, except those inside parentheses: "一致性哈希(按参数
    哈希,缓存亲和)" is one clause."""
    masked = _PARENTHESES.sub(lambda m: re.sub(r"[，,；;。.]", "\x00", m.group()), line)
    clauses = (line[m.start() : m.end()].strip() for m in _CLAUSE.finditer(masked))
    return [clause for clause in clauses if clause]


def _table_units(lines: list[str]) -> list[tuple[str, str]]:
    """A table's rows, and each body cell with its row's first cell and its column's header, so
    that "Aspect | Monitoring | Observability" over "Approach | dashboards | exploration" ties
    dashboards to Monitoring."""
    header = lines[0].split(_ROW)
    units = [(line, line) for line in lines]
    for line in lines[1:]:
        cells = line.split(_ROW)
        for j in range(1, min(len(cells), len(header))):
            unit = f"{cells[0]}{_ROW}{header[j]}{_ROW}{cells[j]}"
            units.append((unit, unit))
    return units


def units(text: str) -> list[tuple[str, str]]:
    """(clause, its context) of a standard answer, key point or answer: a table row is one
    clause, a branch of a tree diagram is one with the branches above it, other lines are cut
    at commas and full stops; the context is the clause's line."""
    found: list[tuple[str, str]] = []
    table: list[str] = []
    branches: list[tuple[int, str]] = []  # the open branches of a tree diagram: (column, text)
    for line in [*text.splitlines(), ""]:
        if _ROW in line:
            table.append(line)
            continue
        if table:
            found.extend(_table_units(table))
            table = []
        if branch := _BRANCH.match(line):
            column = branch.start(2)
            while branches and branches[-1][0] >= column:
                branches.pop()
            branches.append((column, branch.group(2)))
            line = " ".join(part for _, part in branches)
            found.append((line, line))
            continue
        branches = [(-1, line)] if line.strip() else []
        found.extend((clause, line) for clause in _clauses(line))
    return found


@dataclass(frozen=True, eq=False)
class Ties:
    """What the standard answer says. Per group and term: ``expected`` the alternatives it ties the
    term to alone, in a clause; ``seen`` every one it names in the same line as the term;
    ``where`` a clause that says so. ``denied``: terms it only ever mentions to deny them
    ("不通过 NAT"), with the clause that does."""

    contrasts: Contrasts
    glossary: Glossary
    stats: TermStats | None
    terms: dict[int, frozenset[frozenset[str]]]  # group -> its terms (each a set of names)
    expected: dict[tuple[int, frozenset[str]], frozenset[int]]
    seen: dict[tuple[int, frozenset[str]], frozenset[int]]
    where: dict[tuple[int, frozenset[str]], str]
    denied: dict[frozenset[str], str]
    names: frozenset[str]  # words the standard answer writes as names (Prometheus, Envoy)


def ties(
    texts: Sequence[str],
    glossary: Glossary,
    stats: TermStats | None,
    contrasts: Contrasts | None = None,
) -> Ties:
    """The ties of a question's standard answer and key points (``texts``)."""
    contrasts = contrasts or builtin_contrasts()
    phrases = _phrases_in(glossary, texts)
    known = _known_names(texts)
    every = range(len(contrasts.groups))
    expected: dict[tuple[int, frozenset[str]], set[int]] = {}
    seen: dict[tuple[int, frozenset[str]], set[int]] = {}
    where: dict[tuple[int, frozenset[str]], str] = {}
    denials: dict[frozenset[str], str] = {}
    asserted: set[frozenset[str]] = set()
    contexts: dict[str, dict[int, set[int]]] = {}
    for clause, context in (unit for text in texts for unit in units(text)):
        prepared = AnswerText.build(clause)
        terms = list(_terms(clause, glossary, phrases, stats, known))
        for names in terms:
            if _negated(prepared, names, _TIGHT):
                denials.setdefault(names, clause)
            else:
                asserted.add(names)
        alternatives = named(prepared, contrasts, every)
        if not alternatives:
            continue
        if context not in contexts:
            contexts[context] = named(AnswerText.build(context), contrasts, every)
        around = contexts[context]
        for g, alts in alternatives.items():
            alt_names = frozenset().union(*contrasts.groups[g])
            for names in terms:
                if names & alt_names or any(n in a for n in names for a in alt_names):
                    continue  # the alternative itself, or a piece of its name
                seen.setdefault((g, names), set()).update(around[g])
                if len(alts) == 1:
                    expected.setdefault((g, names), set()).update(alts)
                    where.setdefault((g, names), clause)
    by_group: dict[int, list[frozenset[str]]] = {}
    for g, names in expected:
        by_group.setdefault(g, []).append(names)
    return Ties(
        contrasts,
        glossary,
        stats,
        {g: frozenset(names) for g, names in by_group.items()},
        {key: frozenset(value) for key, value in expected.items()},
        {key: frozenset(value) for key, value in seen.items()},
        where,
        {names: clause for names, clause in denials.items() if names not in asserted},
        known,
    )


_CAPITALIZED = re.compile(r"\b[A-Z][A-Za-z0-9]*\b")
_PLAIN_WORD = re.compile(r"(?<![\w./-])[a-z][a-z0-9]*(?![\w./-])")


def _known_names(texts: Sequence[str]) -> frozenset[str]:
    """Words the standard answer writes as names: camelCase, CAPS, digits, or capitalized and
    never written in lower case as a plain word (Prometheus, but not Target)."""
    joined = "\n".join(texts)
    capitalized = {w.lower() for w in _CAPITALIZED.findall(joined)}
    plain = set(_PLAIN_WORD.findall(joined))
    return frozenset({w.lower() for w in _NAME_LIKE.findall(joined)} | (capitalized - plain))


def _phrases_in(glossary: Glossary, texts: Sequence[str]) -> list[str]:
    """The glossary's phrases that occur in ``texts``, longest first: looking for the others in
    every clause is most of the work."""
    whole = "\n".join(answer_text(t).text for t in texts)
    return [p for p in glossary.longest_first() if p in whole]


def _terms(
    clause: str,
    glossary: Glossary,
    phrases: list[str],
    stats: TermStats | None,
    known: frozenset[str],
) -> Iterator[frozenset[str]]:
    """The specific things a clause names: technical names (Envoy, emptyDir) and Chinese nouns
    that are not the topic's everyday words; not plain English words ("keep", "fields")."""
    name_like = {w.lower() for w in _NAME_LIKE.findall(clause)}
    if first := _FIRST_WORD.match(clause):
        word = first.group().strip().lower()
        if has_cjk(clause) or word in known:  # "Envoy 负责转发", "Prometheus pulls"
            name_like.add(word)
    for label, names, _, weight in text_concepts(clause, glossary, phrases):
        if names & _SLOTS:
            yield names
        elif label.isascii():  # a name says something specific however often the topic uses it
            if label in name_like:
                yield names
        elif weight >= MIN_TERM_WEIGHT and not _common(names, stats):
            yield names


def _common(names: frozenset[str], stats: TermStats | None) -> bool:
    if not stats or not stats.documents:
        return False
    df = max((stats.frequency.get(n, 0) for n in names), default=0)
    return df > COMMON_SHARE * stats.documents


# Negation right before a term: the standard answer denies it ("不通过 NAT", "no sidecar").
_NEGATION_ZH = re.compile(
    r"不(?![同少断仅管论只久错过足])|没|(?<![区类级特分识个告性])别(?!名)|无(?!论)|并非|而非"
)
_NEGATION_EN = frozenset(["no", "not", "never", "without", "non", "cannot", "nor", "neither"])
_TIGHT = (4, 2, 0)  # (Chinese characters before, English words before, words after)
_LOOSE = (12, 3, 3)  # the answer side: any negation near the term keeps it from being a claim


def _negated(text: AnswerText, names: frozenset[str], window: tuple[int, int, int]) -> bool:
    found = sorted((at, -len(n), n) for n in names if (at := text.find(n)) >= 0)
    if not found:
        return False
    at, _, name = found[0]  # the first mention, by its longest name: the same in every process
    chars, before, after = window
    if _NEGATION_ZH.search(text.text[max(0, at - chars) : at]):
        return True
    end = at + len(name)
    if after and _NEGATION_ZH.search(text.text[end : end + chars]):
        return True
    near = (text.text[:at].split()[-before:] if before else []) + text.text[end:].split()[:after]
    return any(w.strip(".,;:") in _NEGATION_EN or w.endswith("n't") for w in near)


@dataclass(frozen=True)
class Contradiction:
    claim: str  # the answer's clause, as written
    span: tuple[int, int] | None  # where it is in the answer
    term: str  # what it says something wrong about
    reference: str  # what the standard answer says instead


def find(answer: str, ties: Ties) -> list[Contradiction]:
    """The answer's clauses that tie a term to another alternative than the standard answer
    does, or assert what it denies. At most one per clause."""
    whole = answer_text(answer)
    groups = named(whole, ties.contrasts, ties.terms) if ties.terms else {}
    if not groups and not ties.denied:
        return []
    phrases: list[str] | None = None
    denied_names = [n for names in ties.denied for n in names]
    found: list[Contradiction] = []
    for clause, _ in units(answer):
        text = answer_text(clause)
        claims = {g: a for g, a in named(text, ties.contrasts, groups).items() if len(a) == 1}
        if clause.count("、") >= LIST_MARKS:
            claims = {}  # a list names things side by side; it ties none to another
        if not claims and not any(text.find(n) >= 0 for n in denied_names):
            continue  # the common case: nothing here to check, and no need to find its terms
        if phrases is None:
            phrases = _phrases_in(ties.glossary, [answer])
        terms = list(_terms(clause, ties.glossary, phrases, ties.stats, ties.names))
        wrong = _swapped(terms, claims, ties) or _asserted(text, terms, ties)
        if wrong:
            names, reference = wrong
            at = answer.find(clause)
            span = (at, at + len(clause)) if at >= 0 else None
            found.append(Contradiction(clause, span, _label(names, text), reference))
    return found


def _swapped(
    terms: list[frozenset[str]], claims: dict[int, set[int]], ties: Ties
) -> tuple[frozenset[str], str] | None:
    """A term tied to an alternative the standard answer never puts beside it. ``claims`` are
    the groups the clause names exactly one alternative of: two would be a comparison."""
    for g, (said,) in claims.items():
        for names in terms:
            if names in ties.terms[g] and said not in ties.seen[(g, names)]:
                return names, ties.where[(g, names)]
    return None


def _asserted(
    text: AnswerText, terms: list[frozenset[str]], ties: Ties
) -> tuple[frozenset[str], str] | None:
    """A term the standard answer only denies, asserted without a negation near it."""
    for names in terms:
        if names in ties.denied and not _negated(text, names, _LOOSE):
            return names, ties.denied[names]
    return None


def _label(names: frozenset[str], clause: AnswerText) -> str:
    """The name of a term as the clause says it."""
    return next((n for n in sorted(names, key=len, reverse=True) if clause.find(n) >= 0), "")
