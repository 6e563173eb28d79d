from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from questionbank.exporting import export_topic
from questionbank.models import Topic


class Command(BaseCommand):
    help = "Write a topic back as Markdown, in the shape import_questions reads."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("-o", "--output", help="Write to this file instead of stdout.")

    def handle(self, *args, slug: str, output: str | None, **options):
        topic = Topic.objects.filter(slug=slug).first()
        if topic is None:
            known = ", ".join(Topic.objects.order_by("slug").values_list("slug", flat=True)[:20])
            raise CommandError(f"no topic with slug {slug!r}; known slugs: {known or 'none'}")
        text = export_topic(topic)
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stderr.write(f"wrote {output}")
        else:
            self.stdout.write(text, ending="")
