"""Refit every question's scoring calibration from the interviewers' final scores.

Calibrations refit themselves when an interview ends; this is for after a scorer upgrade
(``--rescore``: the raw suggestions kept beside the scores are computed again from the answers
with today's scorer) and for interviews that ended before calibration existed.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from interviews import calibration
from interviews.models import InterviewQuestion
from scoring.adapter import suggest_for_item

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
        scored = InterviewQuestion.objects.filter(
            interview__mode="live",
            interview__status="completed",
            state=InterviewQuestion.State.ASKED,
            score__isnull=False,
            question__isnull=False,
        )
        todo = scored if rescore else scored.filter(suggestion__isnull=True)
        items = list(todo.select_related("answer").order_by("pk"))
        for start in range(0, len(items), BATCH):
            batch = items[start : start + BATCH]
            for item in batch:
                answer = getattr(item, "answer", None)
                item.suggestion = suggest_for_item(item, answer.text if answer else "").stored()
            InterviewQuestion.objects.bulk_update(batch, ["suggestion"])
        questions = set(scored.values_list("question_id", flat=True).distinct())
        with transaction.atomic():
            calibration.refit(questions)
        self.stdout.write(
            f"scored {len(items)} answer(s) again; refitted {len(questions)} question(s)"
        )
