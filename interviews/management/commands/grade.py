import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from interviews.calibration import calibrate, calibrations_for
from questionbank.models import Question
from scoring.adapter import current_glossary, suggest_for


class Command(BaseCommand):
    help = (
        "Suggest a 0-5 score for an answer to a bank question, as JSON. "
        "One answer: --topic SLUG --question N [--answer-file F] (else stdin). "
        'Many: --batch FILE.jsonl with lines {"topic": SLUG, "question": N, "answer": "..."}. '
        "A question calibrated on interviewers' scores gets the calibrated score, with "
        '"raw_score" and "calibrated_on" beside it (--raw: the scorer alone).'
    )

    def add_arguments(self, parser):
        parser.add_argument("--topic", help="Topic slug.")
        parser.add_argument("--question", type=int, help="Question number.")
        parser.add_argument(
            "--answer-file", help="Read the answer from this file (default: stdin)."
        )
        parser.add_argument(
            "--batch", help="JSON Lines file; '-' for stdin. One result per line, in order."
        )
        parser.add_argument(
            "--raw",
            action="store_true",
            help="The scorer's suggestion alone, without the question's calibration.",
        )

    def handle(self, *args, topic, question, answer_file, batch, raw, **options):
        self.raw = raw
        if batch:
            self.grade_batch(batch)
            return
        if not topic or question is None:
            raise CommandError("give --topic SLUG and --question N, or --batch FILE.jsonl")
        if answer_file:
            try:
                answer = Path(answer_file).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise CommandError(f"cannot read {answer_file}: {exc}") from None
        else:
            try:
                answer = sys.stdin.read()
            except UnicodeDecodeError as exc:
                raise CommandError(f"the answer is not UTF-8 text: {exc}") from None
        found = self.lookup({}, topic, question)
        if isinstance(found, str):
            raise CommandError(found)
        result = self.result(found, answer)
        self.stdout.write(json.dumps(result, ensure_ascii=False))

    def result(self, question: Question, answer: str, **kwargs) -> dict:
        """The suggestion as JSON, calibrated as the console would show it."""
        suggestion = suggest_for(question, answer, **kwargs)
        if self.raw:
            return suggestion.as_dict()
        calibration = calibrations_for([question.pk]).get(question.pk)
        suggestion, calibrated = calibrate(suggestion, calibration, answer)
        result = suggestion.as_dict()
        if calibrated is not None:
            result["raw_score"], result["calibrated_on"] = calibrated.raw, calibrated.count
        return result

    def lookup(self, cache: dict, topic: str, number) -> Question | str:
        key = (topic, number)
        if key not in cache:
            question = (
                Question.objects.select_related("topic")
                .prefetch_related("key_points")  # one query per question, not per answer
                .filter(topic__slug=topic, number=number, archived=False)
                .first()
            )
            cache[key] = question or f"no question {number} in topic {topic!r}"
        return cache[key]

    def grade_batch(self, path: str) -> None:
        try:
            stream = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc}") from None
        glossary = current_glossary()
        cache: dict = {}
        failures = 0
        with stream:
            lines = enumerate(stream, start=1)
            while True:
                try:
                    line_number, line = next(lines)
                except StopIteration:
                    break
                except UnicodeDecodeError as exc:
                    raise CommandError(f"{path} is not UTF-8 text: {exc}") from None
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                    topic, number, answer = (
                        item["topic"],
                        int(item["question"]),
                        item.get("answer", ""),
                    )
                    if not isinstance(topic, str) or not isinstance(answer, str):
                        raise TypeError("topic and answer must be strings")
                except (ValueError, KeyError, TypeError, OverflowError) as exc:
                    failures += 1
                    self.stdout.write(
                        json.dumps({"line": line_number, "error": f"bad line: {exc}"})
                    )
                    continue
                found = self.lookup(cache, topic, number)
                if isinstance(found, str):
                    failures += 1
                    self.stdout.write(
                        json.dumps({"line": line_number, "error": found}, ensure_ascii=False)
                    )
                    continue
                result = self.result(found, answer, glossary=glossary)
                if "id" in item:
                    result = {"id": item["id"], **result}
                self.stdout.write(json.dumps(result, ensure_ascii=False))
        if failures:
            self.stderr.write(f"{failures} line(s) could not be graded; see their error objects")
