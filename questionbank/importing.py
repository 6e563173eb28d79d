"""Import parsed topic files into the bank: all files in one transaction, or nothing.

Flow: read the files -> parse each (pure, :mod:`questionbank.parsing`) -> if any file has an error,
stop and report every file's problems -> otherwise write all of them inside one
``transaction.atomic()``. Unchanged files (same bytes, same parser) are skipped by content hash;
within a changed file, questions are matched by number and only changed ones are written;
questions that vanished are archived, never deleted, because sessions may point at them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import Count, Q

from questionbank.models import (
    BonusCategory,
    BonusPoint,
    Experience,
    KeyPoint,
    Question,
    Topic,
    TopicNote,
)
from questionbank.parsing import (
    VERSIONS,
    ParsedQuestion,
    ParsedTopic,
    ParseResult,
    content_hash,
    parse_topic,
    sniff_slug,
)
from questionbank.problems import Problem

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Source:
    """One file to import: its name (for messages and the default slug) and its bytes."""

    name: str
    data: bytes


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

    @property
    def path(self) -> str:
        return self.result.path

    @property
    def ok(self) -> bool:
        return self.skipped or self.result.ok


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
            if with_summary:
                data["summary"] = report.summary.as_dict()
            files.append(data)
        return {"ok": self.ok, "files": files}


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
        for candidate in candidates:
            try:
                sources.append(Source(str(candidate), candidate.read_bytes()))
            except OSError as exc:
                failures.append(
                    ParseResult(path=str(candidate), errors=[Problem("unreadable", detail=exc)])
                )
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


def import_sources(
    sources: list[Source],
    *,
    dry_run: bool = False,
    parse_unchanged: bool = True,
    failures: Iterable[ParseResult] = (),
    progress: Progress | None = None,
) -> ImportReport:
    """Validate every source, then (unless ``dry_run``) write them all in one transaction.

    ``parse_unchanged=False`` skips parsing files whose content hash matches the stored topic
    (fast re-imports); the report then has no topic structure for them.
    """
    reports = [FileReport(result) for result in failures]
    max_bytes = settings.QUESTIONBANK_MAX_FILE_BYTES
    slugs = {s.name: sniff_slug(s.data, filename=s.name) for s in sources}
    stored = dict(
        Topic.objects.filter(slug__in=[s for s in slugs.values() if s]).values_list(
            "slug", "content_hash"
        )
    )
    parsed: list[FileReport] = []
    for index, source in enumerate(sources, start=1):
        if progress:
            progress(index, len(sources), source.name)
        slug = slugs[source.name]
        digest = content_hash(source.data)
        if not parse_unchanged and slug and stored.get(slug) == digest:
            report = FileReport(
                ParseResult(path=source.name, content_hash=digest), skipped=True, slug=slug
            )
        else:
            result = parse_topic(source.data, filename=source.name, max_bytes=max_bytes)
            report = FileReport(result, slug=result.topic.slug if result.topic else None)
        parsed.append(report)
    _reject_duplicate_slugs(parsed)
    reports.extend(parsed)
    report = ImportReport(reports, dry_run=dry_run)
    if not report.ok:
        return report

    skipped_slugs = [r.slug for r in parsed if r.skipped]
    counts = dict(
        Topic.objects.filter(slug__in=skipped_slugs)
        .annotate(n=Count("questions", filter=Q(questions__archived=False)))
        .values_list("slug", "n")
    )
    for file_report in parsed:
        if file_report.skipped:
            file_report.summary.unchanged = counts.get(file_report.slug, 0)

    to_write = [r for r in parsed if not r.skipped]
    if dry_run:
        for file_report in to_write:
            _write_topic(file_report, apply=False)
        return report
    try:
        with transaction.atomic():
            for file_report in to_write:
                try:
                    with transaction.atomic():  # a savepoint: tells which file failed
                        _write_topic(file_report, apply=True)
                except DatabaseError as exc:
                    detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
                    file_report.result.errors.append(Problem("database", detail=detail))
            if not report.ok:
                raise _RollBack
    except _RollBack:
        for file_report in to_write:
            file_report.summary = Summary()
        return report
    report.written = True
    return report


class _RollBack(Exception):
    """Undo every file of an import when one of them could not be written."""


def _reject_duplicate_slugs(reports: list[FileReport]) -> None:
    """Two files of one import may not write the same topic, whether parsed or skipped."""
    by_slug: dict[str, list[FileReport]] = {}
    for report in reports:
        if report.slug and (report.skipped or report.result.topic is not None):
            by_slug.setdefault(report.slug, []).append(report)
    for slug, same in by_slug.items():
        if len(same) > 1:
            names = ", ".join(r.path for r in same)
            for report in same:
                report.result.errors.append(Problem("slug_shared", slug=slug, names=names))
                report.result.topic = None
                report.skipped = False


def _write_topic(report: FileReport, *, apply: bool) -> None:
    """Compare one parsed topic with the database; with ``apply``, write the difference."""
    parsed: ParsedTopic = report.result.topic
    summary = report.summary
    topic = Topic.objects.filter(slug=parsed.slug).first()
    existing: dict[int, Question] = {}
    if topic is not None:
        existing = {q.number: q for q in topic.questions.all()}
        if topic.content_hash == report.result.content_hash:
            summary.unchanged = sum(1 for q in existing.values() if not q.archived)
            return

    new: list[tuple[Question, ParsedQuestion]] = []
    changed: list[tuple[Question, ParsedQuestion]] = []
    for pq in parsed.questions:
        digest = question_hash(pq)
        question = existing.get(pq.number)
        if question is None:
            question = Question(number=pq.number)
            _fill_question(question, pq, digest)
            new.append((question, pq))
        elif question.source_hash == digest and not question.archived:
            summary.unchanged += 1
        else:
            _fill_question(question, pq, digest)
            question.archived = False
            changed.append((question, pq))
    numbers = {pq.number for pq in parsed.questions}
    vanished = [q for n, q in existing.items() if n not in numbers and not q.archived]
    summary.created, summary.updated, summary.archived = len(new), len(changed), len(vanished)
    if not apply:
        return

    if topic is None:
        topic = Topic(slug=parsed.slug)
    parts = _part_hashes(parsed)
    changed_parts = {
        name for name, digest in parts.items() if topic.part_hashes.get(name) != digest
    }
    if "meta" in changed_parts:
        topic.title = parsed.title
        topic.background_md = parsed.background_md
        topic.background_html = parsed.background_html
        topic.tags = parsed.tags
        topic.difficulty = parsed.difficulty
    if "language" in changed_parts:  # its own part: the meta hash never covered it
        topic.language = parsed.language
    topic.source_name = report.path.rsplit("/", 1)[-1][:255]
    topic.content_hash = report.result.content_hash
    topic.part_hashes = parts
    topic.save()

    for question, _ in new:
        question.topic = topic
    Question.objects.bulk_create([q for q, _ in new])
    for question in vanished:
        question.archived = True
    if changed or vanished:
        Question.objects.bulk_update(
            [q for q, _ in changed] + vanished, [*_QUESTION_FIELDS, "archived"]
        )
    _replace_key_points(new, changed)
    _replace_topic_parts(topic, parsed, changed_parts)


_QUESTION_FIELDS = [
    "text",
    "text_html",
    "answer_title",
    "answer_md",
    "answer_html",
    "answer_plain",
    "follow_ups",
    "source_hash",
    "text_plain",
    "search_question",
    "search_answer",
]


def _fill_question(question: Question, pq: ParsedQuestion, digest: str) -> None:
    question.text = pq.text
    question.text_html = pq.text_html
    question.answer_title = pq.answer_title[:300]
    question.answer_md = pq.answer_md
    question.answer_html = pq.answer_html
    question.answer_plain = pq.answer_plain
    question.follow_ups = pq.follow_ups
    question.source_hash = digest
    question.index_text()


def _replace_key_points(new, changed) -> None:
    """Write the extracted key points; a curator's own points survive a re-import."""
    if changed:
        KeyPoint.objects.filter(
            question__in=[q for q, _ in changed],
            source__in=[KeyPoint.Source.AUTO, KeyPoint.Source.FILE],
        ).delete()
    curated: dict[int, set[str]] = {}
    for question_id, text in KeyPoint.objects.filter(
        question__in=[q for q, _ in changed], source=KeyPoint.Source.CURATOR
    ).values_list("question_id", "text"):
        curated.setdefault(question_id, set()).add(text.strip().lower())
    rows = []
    for question, pq in [*new, *changed]:
        source = KeyPoint.Source.FILE if pq.key_points_explicit else KeyPoint.Source.AUTO
        kept = curated.get(question.pk, set())
        for position, kp in enumerate(pq.key_points):
            if kp.text.strip().lower() not in kept:
                rows.append(
                    KeyPoint(
                        question=question,
                        text=kp.text[:300],
                        weight=kp.weight,
                        position=position,
                        source=source,
                    )
                )
    KeyPoint.objects.bulk_create(rows)


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
