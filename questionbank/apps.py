from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionbankConfig(AppConfig):
    name = "questionbank"
    verbose_name = _("Question bank")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from questionbank import topic_counts
        from questionbank.models import Question

        # Each topic's stored question counts follow any save or delete of a question.
        post_save.connect(topic_counts.question_saved, sender=Question)
        post_delete.connect(topic_counts.question_deleted, sender=Question)
