from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class InterviewsConfig(AppConfig):
    name = "interviews"
    verbose_name = _("Interviews")

    def ready(self) -> None:
        from questionbank.models import ContrastEntry, GlossaryEntry, Topic
        from scoring.adapter import forget_entries, forget_topic

        # Scoring caches what it knows of the glossary and topics for a short while;
        # a change made here takes effect at once.
        for entries in (GlossaryEntry, ContrastEntry):
            post_save.connect(forget_entries, sender=entries)
            post_delete.connect(forget_entries, sender=entries)
        post_save.connect(forget_topic, sender=Topic)
