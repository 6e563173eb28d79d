"""Which reader understands a file: each reader reports its fit (how sure it is, how much of the
file it explains, and why); the best one reads the file. The seed format wins when its answer
section answers its questions. Two text readings that find questions in separate parts of a
file are read together. A file that no reader explains well (60% of its lines), that two
readers explain about as well but with other questions, or that mixes shapes (another reading
finds questions the best one misses) is refused with a message naming what was seen: a refused
file is fine, a file imported wrong is the failure. So is a fit its reader has doubts about
(``Fit.doubts``: a question it leaves out, an answer it cuts off, answers that may be notes), and
such a file does not fall back to the seed format.

A file refused for its shape offers its candidate readings (:func:`readings`: every reader that
finds questions in it) for a curator to choose one; ``read(..., shape=...)`` then reads it that
way, past the doubts about its shape (how close another reading came, how much of the file it
leaves unexplained, what it may miscount), which become warnings. Everything else (no
questions in that reading, too many, the reader's own errors) still refuses it."""

from __future__ import annotations

import dataclasses
import html
import re

from questionbank.mdtokens import clean_title, heading_level
from questionbank.parsed import ParsedTopic, ParseResult
from questionbank.problems import Problem
from questionbank.readers.answers import MAX_QUESTION_NUMBER
from questionbank.readers.bare import BareReader
from questionbank.readers.base import MIN_EXPLAINED, SHAPE_NAMES, Fit, Reader
from questionbank.readers.details import DetailsReader
from questionbank.readers.document import Document
from questionbank.readers.headings import HeadingsReader
from questionbank.readers.inline import InlineReader
from questionbank.readers.lists import ListsReader
from questionbank.readers.mixed import read_by_sections
from questionbank.readers.notes import add_notes, with_notes
from questionbank.readers.outline import coverage, covered_lines, describe_document, untagged
from questionbank.readers.sections import SectionsReader
from questionbank.readers.seed import SeedReader
from questionbank.readers.single import PAIRED, PARTS, TITLE_ASKS, SingleReader
from questionbank.readers.tables import TableReader
from questionbank.readers.topic import meta_text, start_topic, use_description
from questionbank.readers.vocabulary import split_number

READERS: tuple[Reader, ...] = (
    SeedReader(),
    HeadingsReader(),
    SectionsReader(),
    ListsReader(),
    BareReader(),
    DetailsReader(),
    InlineReader(),
    SingleReader(),
    TableReader(),
)
# The best fit must explain at least MIN_EXPLAINED of the file's lines...
# ...and a runner-up this close to it, finding other questions, makes the file ambiguous.
CLOSE = 0.85
# ...and another reading finding this many questions outside it makes the file mixed.
MIXED_MIN = 2
MARKED_MIN = 3
# ...or finding this many times as many questions inside the best one's answers.
SWALLOWED = 2
SWALLOWED_FIT = 0.5
# Refusals saying the file holds questions a reading would miscount.
DOUBTS = (
    "question_left_out",
    "answer_cut_off",
    "answer_under_topic",
    "few_answers",
    "shape_mixed",
    "shape_unclear",
)
# Refusals about the file's shape as a whole, which reading it section by section may answer.
SHAPE_REFUSALS = ("no_shape", "shape_partial", "shape_mixed", "shape_unclear")
# Readers whose questions and answers are Markdown text: their items can be read together.
TEXT_SHAPES = ("list", "bare", "details", "inline")


# A file that calls itself a set of questions, in its title, name or front matter.
_DECLARES = re.compile(r"题|面试|八股|问答|\binterview|\bquestions?\b|\bq\s*&\s*a\b|\bfaq\b", re.I)


def declares_questions(doc: Document, meta: dict, filename: str) -> bool:
    words = [filename, meta_text(meta, "title"), meta_text(meta, "category")]
    tags = meta.get("tags")
    if isinstance(tags, list):
        words.extend(str(t) for t in tags if not isinstance(t, (dict, list)))
    if (h1 := doc.h1()) is not None:
        words.append(doc.heading_text(h1))
    return bool(_DECLARES.search(" ".join(words)))


def shape_name(shape: str) -> str:
    return " with ".join(SHAPE_NAMES[part] for part in shape.split("+"))


def fits(doc: Document) -> list[Fit]:
    """Every reader's fit, best first; worked out once per document (a refused file's
    readings and a chosen reading reuse the fits the detector weighed)."""
    if "fits" not in doc.cache:
        found = [fit for reader in READERS if (fit := reader.fit(doc)) is not None]
        doc.cache["fits"] = sorted(found, key=lambda f: f.score * f.explained, reverse=True)
    return doc.cache["fits"]


def choose(doc: Document) -> Fit | None:
    """The fit to read with, or None with the refusal among the document's errors."""
    found = fits(doc)
    seed = next((f for f in found if f.shape == "seed"), None)
    single = next((f for f in found if f.shape == "single"), None)
    others = [f for f in found if f.shape not in ("seed", "single")]
    # Our own format: when its answer section answers most questions, or when it finds as
    # many answers as any other reading.
    if seed is not None and seed.questions:
        _plan, _topic, _problems = seed.plan
        if _plan.answer_section is not None and seed.answered * 2 >= seed.questions:
            return seed
        if seed.answered >= max((f.answered for f in others), default=0):
            return seed
    # One question: only when nothing else in the file reads as questions.
    lone = not others and not (seed is not None and seed.questions)
    if single is not None and lone and single.explained >= MIN_EXPLAINED:
        return single
    # A title that asks, its answer opening below it, over headings asking parts of its
    # question ("# 解释一下闭包是什么以及它的作用" over "### 如何创建闭包？"): one question,
    # whatever a heading per question would explain.
    if single is not None and single.evidence.endswith(PARTS) and single.explained >= MIN_EXPLAINED:
        return single
    scratch: list = []
    best = _best_other(doc, others, scratch)
    if best is not None:
        return best
    # A title that asks, the body its answer, where the other readings explain little of the
    # file (a few sub-headings of the answer worded as questions): one question after all.
    # So too one "### Question" paragraph and one "### Answer" section under a title.
    if (
        single is not None
        and single.evidence.endswith((TITLE_ASKS, PAIRED))
        and single.explained >= MIN_EXPLAINED
        and all(f.explained * 2 < single.explained for f in others)
    ):
        return single
    # What the file always imported as (or the seed format's own errors); not when another
    # reading saw questions the file may be miscounted by (a doubt, mixed or unclear shapes):
    # the seed format, answering fewer, would miscount them too.
    doubted = any(p.code in DOUBTS for p in scratch)
    if seed is not None and not doubted and (not others or seed.answered or seed.questions > 1):
        return seed
    doc.result.errors.extend(scratch)
    return None


def _best_other(doc: Document, found: list[Fit], problems: list) -> Fit | None:
    if not found:
        h1 = doc.h1()
        line = doc.line_of(h1) if h1 is not None else 1
        problems.append(Problem("no_shape", line, seen=describe_document(doc)))
        return None
    best = _noted(doc, found[0])
    if best.explained < MIN_EXPLAINED:
        problems.append(Problem("shape_partial", None, percent=round(best.explained * 100),
                                shape=shape_name(best.shape), evidence=best.evidence,
                                rest=best.gaps))  # fmt: skip
        return None
    if (merged := _merged(doc, best, found[1:])) is not None:
        best, found = merged, [merged, *[f for f in found[1:] if f.shape not in merged.shape]]
    if (mixed := _mixed_with(doc, best, found[1:])) is not None:
        other, outside = mixed
        problems.append(Problem("shape_mixed", outside[0].line, first=shape_name(best.shape),
                                first_evidence=best.evidence, second=shape_name(other.shape),
                                count=len(outside)))  # fmt: skip
        return None
    if best.doubts:
        doc.cache["doubted"] = True  # not to be read again section by section
        line, code, text = best.doubts[0]
        if code == "label_among_questions":  # a label or a question: unclear, said so
            count = sum(1 for doubt in best.doubts if doubt[1] == code)
            problems.append(Problem("shape_unclear", line, first=shape_name(best.shape),
                                    first_evidence=best.evidence,
                                    second="labels between the questions",
                                    second_evidence=f"{count} items not worded as questions, "
                                                    f'the first "{text[:60]}"'))  # fmt: skip
            return None
        problems.append(Problem(code, line, shape=shape_name(best.shape),
                                evidence=best.evidence, text=text[:80],
                                count=len(best.doubts)))  # fmt: skip
        return None
    for other in found[1:]:
        close = other.score * other.explained >= CLOSE * best.score * best.explained
        if close and _questions(other) != _questions(best) and not _paired(best, other):
            problems.append(Problem("shape_unclear", None, first=shape_name(best.shape),
                                    first_evidence=best.evidence,
                                    second=shape_name(other.shape),
                                    second_evidence=other.evidence))  # fmt: skip
            return None
    return best


def _paired(best: Fit, other: Fit) -> bool:
    """Two readings finding the same questions written twice over: each question of one lies
    under its own question of the other, in order, marked as the question ("## Question 3:
    Closures" over "**Question:** What is a closure?" and its "**Answer:**"). Not two ways to
    read the file."""
    if not (isinstance(best.plan, list) and isinstance(other.plan, list)):
        return False
    if len(best.plan) != len(other.plan) or best.answered != other.answered:
        return False
    outer, inner = sorted(best.plan, key=_line), sorted(other.plan, key=_line)
    if inner[0].line < outer[0].line:
        outer, inner = inner, outer
    if not all(item.marked for item in inner):
        return False  # "1. What is a thread?" under "## What is a process?": two readings
    bounds = [item.line for item in outer[1:]] + [float("inf")]
    return all(o.line <= i.line < bound for o, i, bound in zip(outer, inner, bounds, strict=True))


def _line(item) -> int:
    return item.line


def _noted(doc: Document, fit: Fit, *, partial: bool = False) -> Fit:
    """``fit`` with the sections of prose beside its questions ("## 学习笔记") kept as the
    file's notes, counted as explained, when it explains too little of the file without them:
    notes, not a reason to refuse. Only when they make it explain enough, unless ``partial``
    (a reading a curator chose keeps its notes however little it explains)."""
    if fit.explained >= MIN_EXPLAINED:
        return fit
    explained, sections = with_notes(doc, fit)
    if not sections or (explained < MIN_EXPLAINED and not partial):
        return fit
    doc.cache["note_sections"] = sections
    count = len(sections)
    evidence = f"{fit.evidence}; {count} section{'s' if count > 1 else ''} kept as notes"
    return dataclasses.replace(fit, explained=explained, evidence=evidence)


def _questions(fit: Fit):
    """What a fit takes for the questions: their lines (or, for the seed format, the counts)."""
    if isinstance(fit.plan, list):
        return frozenset(item.line for item in fit.plan)
    return (fit.questions, fit.answered)


def _merged(doc: Document, best: Fit, others: list[Fit]) -> Fit | None:
    """Two readings of Markdown-text items (lists, details, markers) that find their questions
    in separate parts of the file, not overlapping: both hold, in file order (a bare list
    with a few "*Question:*" paragraphs at the end)."""
    if best.shape not in TEXT_SHAPES:
        return None
    covered = covered_lines(doc, best.plan)
    for other in others:
        if other.shape not in TEXT_SHAPES or {other.shape, best.shape} == {"list", "bare"}:
            continue
        theirs = covered_lines(doc, other.plan)
        if len(other.plan) < MIXED_MIN or theirs & covered:
            continue
        items = sorted([*best.plan, *other.plan], key=lambda item: item.line)
        answered = sum(1 for item in items if item.answered)
        explained, gaps = coverage(doc, items)
        shape = "list" if best.shape == "bare" and answered else best.shape
        evidence = f"{best.evidence}; and {other.evidence}"
        return Fit(f"{shape}+{other.shape}", min(best.score, other.score), explained, evidence,
                   questions=len(items), answered=answered, plan=items, gaps=gaps,
                   doubts=[*best.doubts, *other.doubts])  # fmt: skip
    return None


# "## Follow-up Questions:", "### 追问": a section of follow-ups to the questions above it.
_FOLLOW_UP = re.compile(
    r"^(?:follow[- ]?ups?(?:\s+questions?)?|追问|延伸追问|后续追问)\s*[:：]?$", re.I
)


def _follow_up_lines(doc: Document) -> set[int]:
    """The lines of sections headed as follow-ups: their questions are no questions of the
    file's own (the bullets under "## Follow-up Questions:" at its end)."""
    if "follow_up_lines" not in doc.cache:
        found: set[int] = set()
        for i in range(len(doc.top)):
            if doc.is_heading(i) and _FOLLOW_UP.match(clean_title(doc.heading_text(i)).strip()):
                level = heading_level(doc.top[i])
                end = next(
                    (doc.top[k].first_line for k in range(i + 1, len(doc.top))
                     if doc.is_heading(k) and heading_level(doc.top[k]) <= level),
                    len(doc.lines),
                )  # fmt: skip
                found.update(range(doc.top[i].first_line, end))
        doc.cache["follow_up_lines"] = found
    return doc.cache["follow_up_lines"]


def _mixed_with(doc: Document, best: Fit, others: list[Fit]):
    """Another reading that finds questions where the best one sees none: the file mixes
    shapes, and importing only one of them would drop the others' questions silently."""
    covered = covered_lines(doc, best.plan)
    # The same question twice (a table of contents above the questions) is not another one.
    asked = {_key(item.text) for item in best.plan} if isinstance(best.plan, list) else set()
    for other in others:
        if other.shape == "seed" or not isinstance(other.plan, list):
            continue
        follow_ups = _follow_up_lines(doc)
        outside = [
            item
            for item in other.plan
            if item.line - 1 not in covered
            and _key(item.text) not in asked
            and item.line - 1 not in follow_ups
        ]
        if len(outside) >= MIXED_MIN:
            return other, outside
        # "Q:" markers inside the best reading's answers are questions it swallowed (not
        # where the author numbered the best one's questions 1, 2, 3...: "### 6.垃圾回收面试题"
        # continuing the run is question 6, its "问：/答：" pairs its parts).
        own = {item.line for item in best.plan}
        marked = [item for item in other.plan if item.marked and item.line not in own]
        if best.shape != "inline" and len(marked) >= MARKED_MIN and not _counted(best.plan):
            return other, marked
        # ...and so are many more questions of another reading, about as sure of the file,
        # inside its few answers (two "### JavaScript Questions" headings over nine folded
        # questions): read coarser than the file asks, the counts would be wrong.
        inside = [item for item in other.plan if item.line not in own]
        if (
            len(inside) >= MARKED_MIN
            and len(inside) >= SWALLOWED * len(best.plan)
            and other.score * other.explained >= SWALLOWED_FIT * best.score * best.explained
        ):
            return other, inside
    return None


def _counted(items: list) -> bool:
    """Every question numbered, in runs 1, 2, 3... (restarting at 1), in file order."""
    previous = None
    for item in items:
        number = item.number
        if number is None or not (number == 1 or (previous and number == previous + 1)):
            return False
        previous = number
    return len(items) >= MARKED_MIN


def _key(text: str) -> str:
    """A question's words for comparing two readings: no number, spaces, marks or case."""
    first = html.unescape(untagged(text.split("\n")[0]))  # '&emsp;<a href="#0">q</a>'
    _number, _kind, rest = split_number(clean_title(first))
    return re.sub(r"[\s`*_?？。.]+", "", rest).lower()


@dataclasses.dataclass(frozen=True)
class Reading:
    """One way to read a file the detector was unsure of, as a curator chooses between them."""

    shape: str
    evidence: str
    questions: int
    answered: int
    first_questions: tuple[str, ...]


# How many of a reading's questions a curator sees to recognise it.
FIRST_QUESTIONS = 3


def readings(doc: Document) -> list[Reading]:
    """Every reading of ``doc`` that finds questions in it, the detector's best fit first.

    Call it after :func:`read` refused the document: the fits it weighed are reused, and
    nothing is reported into ``doc.result``."""
    real, doc.result = doc.result, ParseResult(path=doc.result.path)
    try:
        found = fits(doc)
    finally:
        doc.result = real
    return [
        Reading(fit.shape, fit.evidence, fit.questions, fit.answered, _first_questions(fit))
        for fit in found
        if fit.questions
    ]


def _first_questions(fit: Fit) -> tuple[str, ...]:
    if isinstance(fit.plan, list):
        texts = [item.text for item in fit.plan[:FIRST_QUESTIONS]]
    else:  # the seed format reads the file for its fit: (plan, topic, problems)
        topic = fit.plan[1] if isinstance(fit.plan, tuple) else None
        texts = [q.text for q in (topic.questions if topic else [])[:FIRST_QUESTIONS]]
    return tuple(clean_title(text.split("\n")[0])[:120] for text in texts)


# A doubt of a reading, said as a warning once a curator chose that reading.
_CHOSEN_DOUBTS = {
    "question_left_out": "chosen_left_out",
    "answer_cut_off": "chosen_cut_off",
    "answer_under_topic": "chosen_answer_under_topic",
    "few_answers": "chosen_few_answers",
    "label_among_questions": "chosen_label",
}


_SIBLINGS = {"headings": "sections", "sections": "headings"}


def forced(doc: Document, shape: str) -> Fit | None:
    """The reading of ``shape`` a curator chose, its doubts as warnings; None (with an error)
    when that reading finds no questions in the file."""
    fit = next((f for f in fits(doc) if f.shape == shape and f.questions), None)
    if fit is None and shape in _SIBLINGS:
        # A heading per question and a section per question are one reading of the file's
        # headings, told apart by how many of them are questions: a curator's choice of one
        # (remembered for the file) holds when the other is what the headings now read as.
        fit = next((f for f in fits(doc) if f.shape == _SIBLINGS[shape] and f.questions), None)
    if fit is None:
        doc.error(None, "chosen_not_found", shape=shape_name(shape), seen=describe_document(doc))
        return None
    fit = _noted(doc, fit, partial=True)
    if fit.explained < MIN_EXPLAINED:
        doc.result.warnings.append(
            Problem("chosen_partial", None, percent=round(fit.explained * 100), rest=fit.gaps)
        )
    for line, code, text in fit.doubts:
        if code in _CHOSEN_DOUBTS:
            doc.result.warnings.append(Problem(_CHOSEN_DOUBTS[code], line, text=text[:80]))
    return fit


def read(
    doc: Document, meta: dict, filename: str, *, shape: str | None = None
) -> ParsedTopic | None:
    """The topic in ``doc``, or None with the reason among ``doc.result.errors``. ``shape``: the
    reading a curator chose (:func:`forced`) instead of the detector's."""
    topic = start_topic(doc, meta, filename)
    if topic is None:
        return None
    doc.cache["declares_questions"] = declares_questions(doc, meta, filename)
    doc.cache["meta_title"] = meta_text(meta, "title")
    best = choose(doc) if shape is None else forced(doc, shape)
    if best is None and shape is not None:
        return None
    if best is None:
        # No one reading explains the file: perhaps each of its sections is of one shape. Not
        # when a reading had doubts (a question it leaves out, few answers...): a doubt about
        # the whole file is no less of one when it is read in parts.
        if not doc.cache.get("doubted") and all(
            p.code in SHAPE_REFUSALS for p in doc.result.errors
        ):
            return read_by_sections(doc, topic, choose, READERS)
        return None
    if best.questions > MAX_QUESTION_NUMBER:
        doc.error(None, "too_many_questions", count=best.questions, max=MAX_QUESTION_NUMBER,
                  shape=shape_name(best.shape))  # fmt: skip
        return None
    shape = best.shape.split("+")[0]  # a merged reading is read like its first shape
    reader = next(r for r in READERS if r.shape == shape)
    topic.shape, topic.shape_evidence = shape, best.evidence
    read_topic = reader.read(doc, best, topic)
    if read_topic is not None:
        add_notes(doc, read_topic, doc.cache.get("note_sections", []))
        use_description(read_topic, meta)
    return read_topic
