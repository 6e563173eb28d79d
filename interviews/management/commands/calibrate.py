"""Refit every question's scoring calibration from the interviewers' final scores.

Calibrations refit themselves when an interview ends; this is for after a scorer upgrade
(``--rescore``: the raw suggestions kept beside the scores are computed again from the answers
with today's scorer) and for interviews that ended before calibration existed.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from interviews import calibration

BATCH = 500


class Command(BaseCommand):
    help = __doc__.splitlines()[0]

    def add_arguments(self, parser):
        parser.add_argument(
            "--rescore",
            action="store_true",
            help="Score every final-scored answer again with the current scorer first "
            "(else only answers without a kept suggestion are scored).",
        )

    def handle(self, *args, rescore: bool, **options):
        scored = calibration.final_scores(with_suggestion=False)
        todo = scored if rescore else scored.filter(suggestion__isnull=True)
        items = list(todo.select_related("answer").order_by("pk"))
        for start in range(0, len(items), BATCH):
            calibration.keep_raw_suggestions(items[start : start + BATCH])
        questions = set(scored.values_list("question_id", flat=True).distinct())
        with transaction.atomic():
            calibration.refit(questions)
        self.stdout.write(
            f"scored {len(items)} answer(s) again; refitted {len(questions)} question(s)"
        )
