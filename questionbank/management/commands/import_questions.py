import json
import sys
from argparse import BooleanOptionalAction
from dataclasses import replace

from django.core.management.base import BaseCommand, CommandError

from questionbank.importing import (
    ARCHIVED,
    SHAPE_LABELS,
    STATUS_LABELS,
    forget_choices,
    import_sources,
    read_paths,
)
from questionbank.readers.base import SHAPE_NAMES

PROGRESS_FROM = 10  # files; fewer finish before a bar would help


class Command(BaseCommand):
    help = (
        "Import interview Markdown files (or directories of *.md). All files are checked first; "
        "if any has an error nothing is written. Unchanged files are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
        parser.add_argument("--dry-run", action="store_true", help="Check only; write nothing.")
        parser.add_argument("--json", action="store_true", help="Print one JSON document.")
        parser.add_argument(
            "--shape",
            choices=list(SHAPE_NAMES),
            metavar="NAME",
            help="Read the files as this shape, one of the readings a refused file offers "
            f"({', '.join(SHAPE_NAMES)}); once imported, the choice is remembered for files of "
            "that name (as a choice in the admin is).",
        )
        parser.add_argument(
            "--clear-shape",
            action="store_true",
            help="Forget the reading remembered for these files' names: the importer decides "
            "again.",
        )
        parser.add_argument(
            "--progress",
            action=BooleanOptionalAction,
            default=None,
            help="Show a progress bar on stderr (default: when it is a terminal and there are "
            f"{PROGRESS_FROM} or more files).",
        )

    def handle(self, *args, paths, dry_run, progress, shape, clear_shape, **options):
        as_json = options["json"]
        if shape and clear_shape:
            raise CommandError("--shape and --clear-shape: choose one")
        if dry_run and clear_shape:
            raise CommandError("--clear-shape forgets what was chosen: not with --dry-run")
        sources, failures = read_paths(paths)
        if clear_shape:
            cleared = forget_choices(source.name for source in sources)
            if not as_json:
                self.stdout.write(f"cleared the reading chosen for {cleared} file name(s)")
        if shape:
            sources = [replace(source, shape=shape) for source in sources]
        if progress is None:
            progress = len(sources) >= PROGRESS_FROM and sys.stderr.isatty()
        report = import_sources(
            sources,
            dry_run=dry_run,
            parse_unchanged=as_json or dry_run,  # a dry run lists every question
            failures=failures,
            progress=self.progress_bar if progress else None,
            detail=as_json or dry_run,  # else counts only: memory stays flat with many files
        )
        if progress:
            self.stderr.write("")
        if as_json:
            self.stdout.write(_dumps(report.as_dict(with_summary=not dry_run)))
        else:
            self.print_report(report)
        if not report.ok:
            bad = sum(1 for f in report.files if not f.ok)
            raise CommandError(
                f"nothing was written: {bad} of {len(report.files)} file(s) have errors",
                returncode=1,
            )

    def progress_bar(self, done: int, total: int, name: str) -> None:
        width = 30
        filled = width * done // total
        bar = "#" * filled + "." * (width - filled)
        self.stderr.write(f"\r[{bar}] {done}/{total} {name[-40:]:<40}", ending="")
        self.stderr.flush()

    def print_report(self, report) -> None:
        verb = "would be " if report.dry_run else ""
        for file_report in report.files:
            result = file_report.result
            if not file_report.ok:
                self.stdout.write(self.style.ERROR(f"✗ {result.path}"))
            else:
                s = file_report.summary
                slug = f" → {file_report.slug}" if file_report.slug else ""
                skipped = " (skipped: file unchanged)" if file_report.skipped else ""
                self.stdout.write(
                    self.style.SUCCESS(f"✓ {result.path}{slug}")
                    + f": {s.created} {verb}created, {s.updated} {verb}updated, "
                    f"{s.unchanged} unchanged, {s.archived} {verb}archived{skipped}"
                )
            for error in result.errors:
                self.stdout.write(f"    error: {error}")
            for reading in result.readings:
                self.print_reading(reading)
            if file_report.chosen and (not report.dry_run or not file_report.questions):
                self.stdout.write(f"    {_chosen(file_report.chosen, written=report.written)}")
            if report.dry_run and file_report.questions:
                self.print_questions(file_report)
            else:
                for warning in result.warnings:
                    self.stdout.write(self.style.WARNING(f"    warning: {warning}"))
        if report.ok and report.dry_run:
            self.stdout.write("Dry run: nothing was written.")

    def print_questions(self, file_report) -> None:
        """What the dry run understood: the shape, every question and what the import does to
        it, each warning under the question it concerns."""
        topic = file_report.result.topic
        evidence = f" ({topic.shape_evidence})" if topic.shape_evidence else ""
        self.stdout.write(f"    read as: {SHAPE_LABELS.get(topic.shape, topic.shape)}{evidence}")
        if file_report.chosen:
            self.stdout.write(f"    {_chosen(file_report.chosen)}")
        group = None
        for diff in file_report.incoming:
            if file_report.has_groups and diff.group != group:
                group = diff.group
                self.stdout.write(f"    [{group}]" if group else "    (no group)")
            self.print_question(diff)
        if file_report.archiving:
            self.stdout.write("    no longer in the file (archived, not deleted):")
            for diff in file_report.archiving:
                self.print_question(diff)
        for warning in file_report.loose_warnings:
            self.stdout.write(self.style.WARNING(f"    warning: {warning}"))

    def print_reading(self, reading) -> None:
        """A reading a refused file could be imported as, with the option that chooses it."""
        first = " | ".join(_cut(text, 40) for text in reading.first_questions)
        self.stdout.write(
            f"    could be read as {reading.shape} (--shape {reading.shape}): "
            f"{reading.questions} questions, {reading.answered} answered ({reading.evidence})"
            f"; first: {first}"
        )

    def print_question(self, diff) -> None:
        change = STATUS_LABELS[diff.status]
        if diff.parts:
            change += ": " + ", ".join(diff.part_labels())
        if diff.status == ARCHIVED:
            details = ""
        elif diff.has_answer:
            points = "1 key point" if diff.key_points == 1 else f"{diff.key_points} key points"
            details = f" | answer: {_cut(diff.answer, 50)} | {points}"
        else:
            details = " | no standard answer"
        self.stdout.write(f"    {diff.number:>4}. {_cut(diff.text, 60)}{details} [{change}]")
        for warning in diff.warnings:
            self.stdout.write(self.style.WARNING(f"          warning: {warning}"))


def _chosen(chosen, *, written: bool = False) -> str:
    if not chosen.remembered:
        when = "remembered for this file name" if written else "remembered once imported"
        return f"read as {chosen.shape}: chosen with --shape ({when})"
    who = f"by {chosen.by}" if chosen.by else "on the command line"
    return (
        f"read as {chosen.shape}: chosen {who} on {chosen.at:%Y-%m-%d} (--clear-shape forgets it)"
    )


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
