"""Import parsed topic files into the bank: all files in one transaction, or nothing.

Flow, so that memory does not grow with the number of files:
- a detailed import (a dry run, ``--json``, the admin's small uploads) runs in two passes:
  1. check: read, hash (once) and parse each file (pure, :mod:`questionbank.parsing`), keeping
     the parsed topics for the report. If any file has an error, stop and report every file's
     problems.
  2. write: inside one ``transaction.atomic()``, write each file, one at a time.
- a large import without a detailed report runs in one pass inside the transaction: each file is
  parsed, written and let go (only counts, warnings and errors stay); a bad file anywhere rolls
  every file back, and the report names every file's problems.
Unchanged files (same bytes, same parser) are skipped by content hash; within a changed file,
questions are matched by number and only changed ones are written; questions that vanished are
archived, never deleted, because sessions may point at them. Every question and topic an import
creates or changes gets a :class:`~questionbank.models.Revision` naming the file.
"""

from __future__ import annotations

import bisect
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_noop
from rapidfuzz.distance import Levenshtein

from questionbank import identity, rendering, revisions, search_text, topic_counts
from questionbank.models import (
    BonusCategory,
    BonusPoint,
    Experience,
    KeyPoint,
    Question,
    Revision,
    ShapeChoice,
    Topic,
    TopicNote,
)
from questionbank.parsed import ParsedQuestion, ParsedTopic, ParseResult
from questionbank.parsing import VERSIONS, content_hash, parse_topic, sniff_slug
from questionbank.problems import Problem

Progress = Callable[[int, int, str], None]


# A report keeps every question's line (QuestionDiff) and the parsed topic up to this many files;
# beyond, only counts, warnings and errors (the memory of an import must not grow with its files).
DETAIL_FILES = 50


@dataclass(frozen=True)
class Chosen:
    """The reading a file is read as because someone chose it (``parse_topic(shape=...)``)."""

    shape: str
    by: str = ""  # who chose it (a username); "" on the command line
    at: datetime | None = None  # when it was remembered (a ShapeChoice); None: in this import

    @property
    def remembered(self) -> bool:
        """Chosen in an earlier import of a file so named, not in this one."""
        return self.at is not None


@dataclass(frozen=True)
class Source:
    """One file to import: its name (for messages and the default slug) and its bytes, or the
    path to read them from when needed (a directory of thousands of files is never held at once).
    ``shape``: a reading chosen for it in this import (else the one remembered for its name,
    :class:`ShapeChoice`, else the detector's); ``chosen`` is filled by :func:`import_sources`.
    """

    name: str
    data: bytes | None = None
    path: Path | None = None
    shape: str | None = None
    chosen: Chosen | None = None

    def read(self) -> bytes:
        return self.data if self.data is not None else Path(self.path).read_bytes()


@dataclass
class Summary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    archived: int = 0

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "archived": self.archived,
        }


@dataclass
class FileReport:
    result: ParseResult
    summary: Summary = field(default_factory=Summary)
    skipped: bool = False  # unchanged by content hash; not parsed again
    slug: str | None = None
    # The preview: every question of the file, then the ones the import archives; and the
    # warnings that concern no question in particular.
    questions: list[QuestionDiff] = field(default_factory=list)
    file_warnings: list[Problem] = field(default_factory=list)
    # Whether the file parsed into a topic (kept when the parsed topic itself is let go).
    valid: bool = False
    chosen: Chosen | None = None  # the reading it was read as because someone chose it

    def __post_init__(self) -> None:
        self.valid = self.valid or self.result.ok

    @property
    def loose_warnings(self) -> list[Problem]:
        """The warnings not shown next to a question (all of them when there is no diff)."""
        return self.file_warnings if self.questions else self.result.warnings

    @property
    def has_groups(self) -> bool:
        return any(q.group for q in self.questions)

    @property
    def incoming(self) -> list[QuestionDiff]:
        return [q for q in self.questions if q.status != ARCHIVED]

    @property
    def archiving(self) -> list[QuestionDiff]:
        return [q for q in self.questions if q.status == ARCHIVED]

    @property
    def path(self) -> str:
        return self.result.path

    @property
    def ok(self) -> bool:
        return self.skipped or (self.valid and not self.result.errors)

    def slim(self) -> None:
        """Let go of the parsed topic and the per-question lines; the counts stay."""
        self.result.topic = None
        self.questions = []
        self.file_warnings = []


@dataclass
class ImportReport:
    files: list[FileReport]
    dry_run: bool
    written: bool = False

    @property
    def ok(self) -> bool:
        return all(f.ok for f in self.files)

    def as_dict(self, *, with_summary: bool) -> dict:
        files = []
        for report in self.files:
            data = report.result.as_dict()
            data["ok"] = report.ok
            if report.chosen is not None:
                chosen = report.chosen
                data["chosen"] = {
                    "shape": chosen.shape,
                    "by": chosen.by or None,
                    "at": chosen.at.isoformat() if chosen.at else None,
                }
            if with_summary:
                data["summary"] = report.summary.as_dict()
            files.append(data)
        return {"ok": self.ok, "files": files}


def source_name(path: str) -> str:
    """The name a file is known by across imports (``Topic.source_name``, ``ShapeChoice``)."""
    return path.replace("\\", "/").rsplit("/", 1)[-1][:255]


def with_choices(sources: list[Source]) -> list[Source]:
    """The sources with the reading each is to be read as, if one was chosen: in this import
    (``Source.shape``) or remembered for a file of its name (one query)."""
    names = {source_name(s.name) for s in sources if not s.shape}
    remembered = {
        c.source_name: c
        for c in ShapeChoice.objects.filter(source_name__in=names).select_related("chosen_by")
    }
    out = []
    for source in sources:
        if source.shape:
            chosen = Chosen(source.shape)
        elif (choice := remembered.get(source_name(source.name))) is not None:
            by = choice.chosen_by.get_username() if choice.chosen_by else ""
            chosen = Chosen(choice.shape, by=by, at=choice.chosen_at)
        else:
            chosen = None
        out.append(replace(source, shape=chosen.shape if chosen else None, chosen=chosen))
    return out


def remember_choice(report: FileReport, user) -> None:
    """Remember the reading chosen in this import for the file's name (an import, not a check:
    a choice tried in a preview and dropped is not kept)."""
    if report.chosen is None or report.chosen.remembered:
        return
    ShapeChoice.objects.update_or_create(
        source_name=source_name(report.path),
        defaults={"shape": report.chosen.shape, "chosen_by": user, "chosen_at": timezone.now()},
    )


def forget_choices(names: Iterable[str]) -> int:
    """Clear the readings remembered for files of these names (one query); how many."""
    names = {source_name(name) for name in names}
    deleted, _ = ShapeChoice.objects.filter(source_name__in=names).delete()
    return deleted


def read_paths(paths: Iterable[str]) -> tuple[list[Source], list[ParseResult]]:
    """Files named, and the ``*.md`` files under directories named; unreadable ones as failures."""
    sources: list[Source] = []
    failures: list[ParseResult] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.md") if p.is_file())
            if not found:
                failures.append(ParseResult(path=raw, errors=[Problem("no_md_files")]))
            candidates = found
        elif path.is_file():
            candidates = [path]
        else:
            failures.append(ParseResult(path=raw, errors=[Problem("no_such_path")]))
            continue
        sources.extend(Source(str(candidate), path=candidate) for candidate in candidates)
    return sources, failures


def question_hash(question: ParsedQuestion) -> str:
    payload = [
        VERSIONS,
        question.text,
        question.answer_title,
        question.answer_md,
        question.follow_ups,
        [[kp.text, kp.weight] for kp in question.key_points],
        question.key_points_explicit,
    ]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()


PARTS = ("text", "answer", "key_points", "follow_ups", "group")
NEW, CHANGED, UNCHANGED, ARCHIVED = "new", "changed", "unchanged", "archived"

# What the preview and the command call each shape, status and changed part (English; the admin
# shows them translated).
SHAPE_LABELS = {
    "seed": gettext_noop("question section and answer section (our format)"),
    "headings": gettext_noop("a heading per question, its answer below"),
    "list": gettext_noop("a list of questions, answers indented below them"),
    "details": gettext_noop("<details> blocks: summary = question, body = answer"),
    "inline": gettext_noop("inline markers (Q: / A:, 问：/ 答：)"),
    "bare": gettext_noop("questions without answers"),
    "sections": gettext_noop("a section per question, worded as a question or not"),
    "single": gettext_noop("one question: the title, and one answer section"),
    "table": gettext_noop("a table: a Question column, its Answer column"),
}
STATUS_LABELS = {
    NEW: gettext_noop("new"),
    CHANGED: gettext_noop("changed"),
    UNCHANGED: gettext_noop("unchanged"),
    ARCHIVED: gettext_noop("archived"),
}
PART_LABELS = {
    "text": gettext_noop("text"),
    "answer": gettext_noop("answer"),
    "key_points": gettext_noop("key points"),
    "follow_ups": gettext_noop("follow-ups"),
    "group": gettext_noop("group"),
    "number": gettext_noop("number (was {previous})"),
    "restored": gettext_noop("back from the archive"),
    "rendering": gettext_noop("rendered anew (importer update)"),
}


def question_part_hashes(question: ParsedQuestion) -> dict[str, str]:
    """What the file says of each part of a question, hashed; ``words`` is its normalised text
    (kept as is: the next import matches questions on it), ``versions`` the parser's, renderer's
    and key-point extractor's versions that wrote it."""

    def digest(value) -> str:
        return hashlib.sha256(json.dumps(value, ensure_ascii=False).encode()).hexdigest()[:32]

    return {
        "text": digest(question.text),
        "answer": digest([question.answer_title, question.answer_md]),
        "key_points": digest(
            [[[kp.text, kp.weight] for kp in question.key_points], question.key_points_explicit]
        ),
        "follow_ups": digest(question.follow_ups),
        "group": digest(question.group),
        "words": identity.normalise(question.text),
        "versions": VERSIONS,
    }


def changed_parts(question: Question, pq: ParsedQuestion, digest: str, hashes: dict) -> list[str]:
    """Which parts of a stored question this file changes, in the order of :data:`PARTS`, then
    ``number`` (it moved), ``restored`` (it was archived), ``rendering`` (the importer renders
    Markdown differently now: the stored Markdown is rendered again). Empty: unchanged."""
    old = question.part_hashes
    if old:
        parts = [part for part in PARTS if old.get(part) != hashes[part]]
        if old.get("versions") != hashes["versions"]:
            parts.append("rendering")
    elif question.source_hash == digest:  # imported before part hashes: only the group is new
        parts = ["group"] if question.group != pq.group else []
    else:  # ... and changed: compare what can be compared, rewrite the key points and render
        parts = [
            part
            for part, differs in (
                ("text", question.text != pq.text),
                (
                    "answer",
                    (question.answer_title, question.answer_md)
                    != (pq.answer_title[:300], pq.answer_md),
                ),
                ("key_points", True),
                ("follow_ups", question.follow_ups != pq.follow_ups),
                ("group", question.group != pq.group),
                ("rendering", True),
            )
            if differs
        ]
    if question.number != pq.number:
        parts.append("number")
    if question.archived:
        parts.append("restored")
    return parts


@dataclass
class QuestionDiff:
    """One line of the preview: a question of the file, or one the import archives."""

    status: str  # NEW, CHANGED, UNCHANGED or ARCHIVED
    number: int
    group: str
    text: str  # the first line of the question
    answer: str = ""  # the first line of the standard answer, as plain text
    has_answer: bool = False
    key_points: int = 0
    parts: list[str] = field(default_factory=list)  # what changed (see changed_parts)
    previous_number: int | None = None
    warnings: list[Problem] = field(default_factory=list)

    @classmethod
    def of(cls, pq: ParsedQuestion, status: str, parts: list[str], warnings: list[Problem]):
        return cls(
            status=status,
            number=pq.number,
            group=pq.group,
            text=_first_line(pq.text),
            answer=_first_line(pq.answer_plain),
            has_answer=pq.has_answer,
            key_points=len(pq.key_points),
            parts=parts,
            warnings=warnings,
        )

    @classmethod
    def archived_question(cls, question: Question):
        return cls(
            status=ARCHIVED,
            number=question.number,
            group=question.group,
            text=_first_line(question.text_plain or question.text),
            answer=_first_line(question.answer_plain),
            has_answer=question.has_answer,
        )

    def part_labels(self, translate: Callable[[str], str] = str) -> list[str]:
        """What changed, in words (``translate``: gettext, for the admin)."""
        return [
            translate(PART_LABELS[part]).format(previous=self.previous_number)
            for part in self.parts
        ]


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def attach_warnings(
    topic: ParsedTopic, warnings: list[Problem]
) -> tuple[dict[int, list[Problem]], list[Problem]]:
    """Each warning next to the question it concerns: the one whose lines (its own, or its
    answer's) hold the warning's line. Warnings without a line, or on a line of the title, the
    bonus points, the experience or the notes, stay with the file.

    Returns ``({question index: warnings}, file warnings)``.
    """
    anchors: list[tuple[int, int | None]] = []  # (first line, question index or None)
    for index, question in enumerate(topic.questions):
        anchors.append((question.line, index))
        if question.answer_line:
            anchors.append((question.answer_line, index))
    for section in [*topic.experiences, *topic.notes, *topic.bonus]:
        anchors.append((section.line, None))
    anchors.sort(key=lambda anchor: anchor[0])
    lines = [line for line, _ in anchors]
    by_question: dict[int, list[Problem]] = {}
    file_level: list[Problem] = []
    for warning in warnings:
        line = getattr(warning, "line", None)
        at = bisect.bisect_right(lines, line) - 1 if line else -1
        owner = anchors[at][1] if at >= 0 else None
        if owner is None:
            file_level.append(warning)
        else:
            by_question.setdefault(owner, []).append(warning)
    return by_question, file_level


def import_sources(
    sources: list[Source],
    *,
    dry_run: bool = False,
    parse_unchanged: bool = True,
    failures: Iterable[ParseResult] = (),
    progress: Progress | None = None,
    detail: bool | None = None,
    user=None,
) -> ImportReport:
    """Validate every source, then (unless ``dry_run``) write them all in one transaction.

    ``parse_unchanged=False`` skips parsing files whose content hash matches the stored topic
    (fast re-imports); the report then has no topic structure for them. ``detail``: keep the
    parsed topics and every question's line in the report (default: for a dry run, or up to
    :data:`DETAIL_FILES` files); without it the report holds counts, warnings and errors only,
    and memory stays flat however many files there are. ``user``: who imports (for the history).
    """
    if detail is None:
        detail = dry_run or len(sources) <= DETAIL_FILES
    reports = [FileReport(result) for result in failures]
    sources = with_choices(sources)
    # Pass 0: the slug and the hash of each file, to skip the unchanged ones without parsing.
    heads: list[tuple[Source, str | None, str]] = []
    for source in sources:
        try:
            data = source.read()
        except OSError as exc:
            problem = Problem("unreadable", detail=exc)
            reports.append(FileReport(ParseResult(path=source.name, errors=[problem])))
            continue
        digest = content_hash(data, shape=source.shape)
        heads.append((source, sniff_slug(data, filename=source.name), digest))
        del data
    stored = dict(
        Topic.objects.filter(slug__in=[slug for _, slug, _ in heads if slug]).values_list(
            "slug", "content_hash"
        )
    )
    if not dry_run and not detail:
        return _import_in_one_pass(
            heads, stored, reports, parse_unchanged=parse_unchanged, progress=progress, user=user
        )
    # Pass 1: parse every file to check it; keep what the report needs.
    parsed: list[tuple[Source, FileReport]] = []
    for index, (source, slug, digest) in enumerate(heads, start=1):
        if progress:
            progress(index, len(heads), source.name)
        if not parse_unchanged and slug and stored.get(slug) == digest:
            report = FileReport(
                ParseResult(path=source.name, content_hash=digest),
                skipped=True,
                slug=slug,
                chosen=source.chosen,
            )
        else:
            result = _parse(source, digest)
            report = FileReport(
                result, slug=result.topic.slug if result.topic else None, chosen=source.chosen
            )
            if dry_run and result.ok:  # the preview: what the import would do
                _write_topic(report, result.topic, apply=False)
            if not detail:
                report.slim()
        parsed.append((source, report))
    _reject_duplicate_slugs([r for _, r in parsed])
    reports.extend(r for _, r in parsed)
    report = ImportReport(reports, dry_run=dry_run)
    if not report.ok:
        for _, file_report in parsed:  # what the good files hold, shown beside the bad ones
            file_report.summary = Summary()
            if detail and file_report.ok and not file_report.skipped and not dry_run:
                _write_topic(file_report, file_report.result.topic, apply=False)
                file_report.summary = Summary()
        return report

    skipped_slugs = [r.slug for _, r in parsed if r.skipped]
    counts = dict(
        Topic.objects.filter(slug__in=skipped_slugs)
        .annotate(n=Count("questions", filter=Q(questions__archived=False)))
        .values_list("slug", "n")
    )
    for _, file_report in parsed:
        if file_report.skipped:
            file_report.summary.unchanged = counts.get(file_report.slug, 0)
    if dry_run:
        return report

    # Pass 2: write the parsed topics (kept for the detailed report) one file at a time.
    to_write = [r for _, r in parsed if not r.skipped]
    try:
        with transaction.atomic():
            for file_report in to_write:
                _write_one(file_report, file_report.result.topic, user)
            for _, file_report in parsed:
                if file_report.skipped:  # unchanged, read as chosen again: remembered all the same
                    remember_choice(file_report, user)
            if not report.ok:
                raise _RollBack
    except _RollBack:
        for file_report in to_write:
            file_report.summary = Summary()
        return report
    report.written = True
    return report


def _import_in_one_pass(
    heads: list[tuple[Source, str | None, str]],
    stored: dict[str, str],
    reports: list[FileReport],
    *,
    parse_unchanged: bool,
    progress: Progress | None,
    user,
) -> ImportReport:
    """A large import without a detailed report: each file is parsed once and written at once,
    inside the one transaction, then let go; a bad file anywhere rolls every file back. Memory
    stays flat and no file is parsed twice (checking every file first, then parsing it again to
    write it, cost a second parse of the whole import)."""
    report = ImportReport(reports, dry_run=False)
    mine: list[FileReport] = []
    try:
        with transaction.atomic():
            for index, (source, slug, digest) in enumerate(heads, start=1):
                if progress:
                    progress(index, len(heads), source.name)
                if not parse_unchanged and slug and stored.get(slug) == digest:
                    file_report = FileReport(
                        ParseResult(path=source.name, content_hash=digest),
                        skipped=True,
                        slug=slug,
                        chosen=source.chosen,
                    )
                    remember_choice(file_report, user)  # unchanged, read as chosen again
                else:
                    result = _parse(source, digest)
                    file_report = FileReport(
                        result,
                        slug=result.topic.slug if result.topic else None,
                        chosen=source.chosen,
                    )
                    if result.ok:
                        _write_one(file_report, result.topic, user)
                    file_report.slim()
                mine.append(file_report)
            _reject_duplicate_slugs(mine)
            reports.extend(mine)
            if not report.ok:
                raise _RollBack
    except _RollBack:
        for file_report in mine:
            file_report.summary = Summary()
        return report
    skipped = {r.slug: r for r in mine if r.skipped}
    counts = (
        Topic.objects.filter(slug__in=list(skipped))
        .annotate(n=Count("questions", filter=Q(questions__archived=False)))
        .values_list("slug", "n")
    )
    for slug, n in counts:
        skipped[slug].summary.unchanged = n
    report.written = True
    return report


def _write_one(file_report: FileReport, topic: ParsedTopic, user) -> None:
    try:
        with transaction.atomic():  # a savepoint: tells which file failed
            _write_topic(file_report, topic, apply=True, user=user)
            remember_choice(file_report, user)
    except DatabaseError as exc:
        detail_text = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
        file_report.result.errors.append(Problem("database", detail=detail_text))


def _parse(source: Source, digest: str) -> ParseResult:
    try:
        data = source.read()
    except OSError as exc:
        return ParseResult(path=source.name, errors=[Problem("unreadable", detail=exc)])
    return parse_topic(
        data,
        filename=source.name,
        max_bytes=settings.QUESTIONBANK_MAX_FILE_BYTES,
        digest=digest,
        shape=source.shape,
    )


class _RollBack(Exception):
    """Undo every file of an import when one of them could not be written."""


def _reject_duplicate_slugs(reports: list[FileReport]) -> None:
    """Two files of one import may not write the same topic, whether parsed or skipped."""
    by_slug: dict[str, list[FileReport]] = {}
    for report in reports:
        if report.slug and (report.skipped or report.valid):
            by_slug.setdefault(report.slug, []).append(report)
    for slug, same in by_slug.items():
        if len(same) > 1:
            names = ", ".join(r.path for r in same)
            for report in same:
                report.result.errors.append(Problem("slug_shared", slug=slug, names=names))
                report.result.topic = None
                report.skipped = False
                report.valid = False


def _write_topic(report: FileReport, parsed: ParsedTopic, *, apply: bool, user=None) -> None:
    """Compare one parsed topic with the database; with ``apply``, write the difference.

    Either way the report gets the per-question diff the preview shows."""
    topic = Topic.objects.filter(slug=parsed.slug).first()
    stored: list[Question] = list(topic.questions.all()) if topic is not None else []
    numbers_before = {q.pk: q.number for q in stored}
    same_file = topic is not None and topic.content_hash == report.result.content_hash
    new, changed, vanished = _compare_questions(report, parsed, stored, same_file=same_file)
    if same_file or not apply:
        return

    topic_is_new = topic is None
    if topic is None:
        topic = Topic(slug=parsed.slug)
    parts = _part_hashes(parsed)
    changed_topic_parts = {
        name for name, digest in parts.items() if topic.part_hashes.get(name) != digest
    }
    if "meta" in changed_topic_parts:
        topic.title = parsed.title
        topic.background_md = parsed.background_md
        topic.background_html = parsed.background_html
        topic.tags = parsed.tags
        topic.difficulty = parsed.difficulty
    if "language" in changed_topic_parts:  # its own part: the meta hash never covered it
        topic.language = parsed.language
    topic.source_name = source_name(report.path)
    topic.content_hash = report.result.content_hash
    topic.part_hashes = parts
    topic.save()

    for question in vanished:
        question.archived = True
    updates = [q for q, _, _ in changed] + vanished
    _free_numbers(stored, updates, numbers_before, taken={pq.number for pq in parsed.questions})
    if updates:
        Question.objects.bulk_update(updates, [*_QUESTION_FIELDS, "number", "archived"])
    for question, _, _ in new:
        question.topic = topic
    Question.objects.bulk_create([q for q, _, _ in new])
    rewrite = [(q, pq) for q, pq, parts in changed if "key_points" in parts]
    _replace_key_points([(q, pq) for q, pq, _ in new], rewrite)
    _replace_topic_parts(topic, parsed, changed_topic_parts)
    topic_counts.refresh([topic.pk])  # the writes above are bulk ones: no signal counts them
    _record(report, topic, parsed, new, changed, vanished, user=user, topic_is_new=topic_is_new,
            changed_topic_parts=changed_topic_parts)  # fmt: skip


def _record(report, topic, parsed, new, changed, vanished, *, user, topic_is_new,
            changed_topic_parts) -> None:  # fmt: skip
    """The history: a revision of every question (and of the topic) this file wrote."""
    origin = report.path.rsplit("/", 1)[-1]
    changes = {q.pk: ["new"] for q, _, _ in new}
    changes.update({q.pk: list(parts) for q, _, parts in changed})
    changes.update({q.pk: ["archived"] for q in vanished})
    revisions.record_questions(
        [q for q, _, _ in new] + [q for q, _, _ in changed] + vanished,
        source=Revision.Source.IMPORT,
        origin=origin,
        author=user,
        changes=changes,
    )
    if topic_is_new or changed_topic_parts & {"meta", "language", "bonus"}:
        bonus = None
        if "bonus" in changed_topic_parts:
            bonus = [(c.name[:200], c.items) for c in parsed.bonus]
        revisions.record_topic(
            topic,
            source=Revision.Source.IMPORT,
            origin=origin,
            author=user,
            bonus=bonus,
            new=topic_is_new,
        )


def _compare_questions(
    report: FileReport, parsed: ParsedTopic, stored: list[Question], *, same_file: bool
):
    """Pair the file's questions with the stored ones, fill in what changes (unsaved), and put
    the diff and the counts on the report.

    Returns ``(new, changed, vanished)``: new and changed as ``(question, parsed question,
    changed parts)``, vanished as the stored questions the file no longer has.
    """
    pairs = identity.match(
        [
            identity.Stored(q.pk, q.number, q.group, q.text, q.part_hashes.get("words", ""))
            for q in stored
        ],
        [identity.Incoming(pq.number, pq.group, pq.text) for pq in parsed.questions],
        by_number=parsed.shape in identity.NUMBERED_SHAPES,
    )
    by_key = {q.pk: q for q in stored}
    per_question, report.file_warnings = attach_warnings(parsed, report.result.warnings)
    new, changed, diffs = [], [], []
    for index, pq in enumerate(parsed.questions):
        diff = QuestionDiff.of(pq, NEW, [], per_question.get(index, []))
        diffs.append(diff)
        hashes, digest = question_part_hashes(pq), question_hash(pq)
        question = by_key.get(pairs.get(index))
        if question is None:
            question = Question(number=pq.number)
            _fill_question(question, pq, digest, hashes, PARTS)
            new.append((question, pq, list(PARTS)))
            continue
        diff.parts = [] if same_file else changed_parts(question, pq, digest, hashes)
        diff.status = CHANGED if diff.parts else UNCHANGED
        if diff.parts:
            if "number" in diff.parts:
                diff.previous_number = question.number
            _fill_question(question, pq, digest, hashes, diff.parts)
            question.number, question.archived = pq.number, False
            changed.append((question, pq, diff.parts))
    matched = set(pairs.values())
    vanished = [] if same_file else [q for q in stored if q.pk not in matched and not q.archived]
    diffs.extend(QuestionDiff.archived_question(q) for q in vanished)
    report.questions = diffs
    summary = report.summary
    summary.created, summary.updated, summary.archived = len(new), len(changed), len(vanished)
    summary.unchanged = sum(1 for d in diffs if d.status == UNCHANGED)
    return new, changed, vanished


def _free_numbers(
    stored: list[Question], updates: list[Question], current: dict[int, int], *, taken: set[int]
) -> None:
    """Give every stored question its final number without two ever sharing one.

    Matched questions take their file's number (``updates`` already carries it); an unmatched,
    archived question sitting on a number the file now uses moves above every number in use.
    ``current``: the numbers they have in the database. Questions whose number changes go to
    unused numbers first, in one query, so the final update
    never collides with the unique (topic, number) constraint.
    """
    updating = {q.pk for q in updates}
    updates.extend(q for q in stored if q.pk not in updating and q.number in taken)
    top = max([*current.values(), *taken, 0])
    for question in updates:
        if question.archived and question.number in taken:
            top += 1
            question.number = top
    movers = [q for q in updates if q.number != current[q.pk]]
    if not movers:
        return
    finals = {q.pk: q.number for q in movers}
    for offset, question in enumerate(movers, start=1):
        question.number = top + offset
    Question.objects.bulk_update(movers, ["number"])
    for question in movers:
        question.number = finals[question.pk]


_QUESTION_FIELDS = [
    "text",
    "text_html",
    "answer_title",
    "answer_md",
    "answer_html",
    "answer_plain",
    "follow_ups",
    "group",
    "source_hash",
    "part_hashes",
    "text_plain",
    "search_question",
    "search_answer",
]


def _fill_question(
    question: Question, pq: ParsedQuestion, digest: str, hashes: dict, parts: Iterable[str]
) -> None:
    """Write the parts of the file's question that changed; a curator's edit of the others stays
    (and is rendered again when the renderer changed)."""
    if "rendering" in parts and "text" not in parts:
        question.text_html = rendering.render_markdown(question.text)
    if "rendering" in parts and "answer" not in parts:
        question.answer_html = rendering.render_markdown(question.answer_md)
        question.answer_plain = search_text.markdown_plain(question.answer_md)
    if "text" in parts:
        question.text = pq.text
        question.text_html = pq.text_html
    if "answer" in parts:
        question.answer_title = pq.answer_title[:300]
        question.answer_md = pq.answer_md
        question.answer_html = pq.answer_html
        question.answer_plain = pq.answer_plain
    if "follow_ups" in parts:
        question.follow_ups = pq.follow_ups
    if "group" in parts:
        question.group = pq.group[:200]
    question.source_hash = digest
    question.part_hashes = hashes
    question.index_text()


def _norm_point(text: str) -> str:
    return " ".join(text.split()).lower()


def _replace_key_points(new, rewrite) -> None:
    """Write the extracted key points; a curator's own points survive a re-import, and the
    extracted ones a curator deleted (``Question.dropped_key_points``) stay deleted.

    A curator's point that replaced an extracted one (``replaces``) takes that point's place
    when the file still has it, or has it with a small edit; it is never added back beside it.
    """
    if rewrite:
        KeyPoint.objects.filter(
            question__in=[q for q, _ in rewrite],
            source__in=[KeyPoint.Source.AUTO, KeyPoint.Source.FILE],
        ).delete()
    curated: dict[int, list[KeyPoint]] = {}
    if rewrite:
        for point in KeyPoint.objects.filter(
            question__in=[q for q, _ in rewrite], source=KeyPoint.Source.CURATOR
        ).only("id", "question_id", "text", "replaces", "position"):
            curated.setdefault(point.question_id, []).append(point)
    rows, moved = [], []
    for question, pq in [*new, *rewrite]:
        source = KeyPoint.Source.FILE if pq.key_points_explicit else KeyPoint.Source.AUTO
        points = curated.get(question.pk, [])
        kept = {_norm_point(p.text) for p in points}
        stand_ins = [p for p in points if p.replaces]
        extracted = [_norm_point(kp.text) for kp in pq.key_points]
        taken = _stand_ins(stand_ins, extracted)
        dropped = _dropped(question.dropped_key_points, extracted, taken)
        for position, kp in enumerate(pq.key_points):
            stand_in = taken.get(position)
            if stand_in is not None:
                if stand_in.position != position:
                    stand_in.position = position
                    moved.append(stand_in)
            elif extracted[position] not in kept and position not in dropped:
                rows.append(
                    KeyPoint(
                        question=question,
                        text=kp.text[:300],
                        weight=kp.weight,
                        position=position,
                        source=source,
                    )
                )
    if moved:
        KeyPoint.objects.bulk_update(moved, ["position"])
    KeyPoint.objects.bulk_create(rows)


def _stand_ins(points: list[KeyPoint], extracted: list[str]) -> dict[int, KeyPoint]:
    """Which extracted point (by position) each curator's edit stands in for: the same text it
    replaced, else one a small edit away from it."""
    taken: dict[int, KeyPoint] = {}
    waiting = []
    for point in points:
        source = _norm_point(point.replaces)
        position = next(
            (i for i, text in enumerate(extracted) if text == source and i not in taken), None
        )
        if position is None:
            waiting.append(point)
        else:
            taken[position] = point
    for point in waiting:
        position = _small_edit_of(_norm_point(point.replaces), extracted, unavailable=taken)
        if position is not None:
            taken[position] = point
    return taken


def _small_edit_of(source: str, extracted: list[str], *, unavailable) -> int | None:
    """The first extracted point (by position, not in ``unavailable``) a small edit away from
    ``source``: the file fixed a typo in the point a curator edited or deleted."""
    for i, text in enumerate(extracted):
        limit = identity.small_edit_limit(source, text)
        if (
            limit
            and i not in unavailable
            and Levenshtein.distance(source, text, score_cutoff=limit) <= limit
        ):
            return i
    return None


def _dropped(texts: list[str], extracted: list[str], taken: dict[int, KeyPoint]) -> set[int]:
    """Which extracted points (by position) a curator deleted: the same text, else one a small
    edit away (the file fixed a typo in it), as a curator's edit stands in for its source."""
    found: set[int] = set()
    for source in map(_norm_point, texts):
        same = {i for i, text in enumerate(extracted) if text == source}
        if same:
            found |= same
            continue
        position = _small_edit_of(source, extracted, unavailable=taken.keys() | found)
        if position is not None:
            found.add(position)
    return found


def _part_hashes(parsed: ParsedTopic) -> dict[str, str]:
    def digest(value) -> str:
        return hashlib.sha256(
            json.dumps([VERSIONS, value], ensure_ascii=False).encode()
        ).hexdigest()

    return {
        "meta": digest([parsed.title, parsed.background_md, parsed.tags, parsed.difficulty]),
        "language": digest(parsed.language),
        "bonus": digest([[c.name, c.items] for c in parsed.bonus]),
        "experiences": digest([[e.title, e.body_md] for e in parsed.experiences]),
        "notes": digest([[n.title, n.body_md] for n in parsed.notes]),
    }


def _replace_topic_parts(topic: Topic, parsed: ParsedTopic, changed: set[str]) -> None:
    """Rewrite the parts of the topic whose source changed; leave the others as curated."""
    if "bonus" in changed:
        BonusCategory.objects.filter(topic=topic).delete()
        _create_bonus(topic, parsed)
    for part, model, sections in (
        ("experiences", Experience, parsed.experiences),
        ("notes", TopicNote, parsed.notes),
    ):
        if part in changed:
            model.objects.filter(topic=topic).delete()
            model.objects.bulk_create(
                model(
                    topic=topic, title=s.title, body_md=s.body_md, body_html=s.body_html, position=i
                )
                for i, s in enumerate(sections)
            )


def _create_bonus(topic: Topic, parsed: ParsedTopic) -> None:
    categories = BonusCategory.objects.bulk_create(
        [
            BonusCategory(topic=topic, name=c.name[:200], position=i)
            for i, c in enumerate(parsed.bonus)
        ]
    )
    BonusPoint.objects.bulk_create(
        [
            BonusPoint(category=category, text=text, position=i)
            for category, parsed_category in zip(categories, parsed.bonus, strict=True)
            for i, text in enumerate(parsed_category.items)
        ]
    )
