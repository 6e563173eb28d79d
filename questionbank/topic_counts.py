"""Each topic's stored counts: its live questions, and those of them without a standard answer.

The bank's list filters and sorts on them (``questionbank.topic_list``), so a page of 10,000
topics costs no count of questions. They are kept right where questions change:

- the importer calls :func:`refresh` once per file it writes (its writes are bulk ones);
- any ``save()`` or ``delete()`` of a question (an admin edit, a restore of a revision, a
  question moved to another topic) refreshes its topic, and the one it left, through the
  signal receivers below (connected in ``QuestionbankConfig.ready``);
- code that writes questions in bulk (``bulk_create``, ``QuerySet.update``) outside these calls
  :func:`refresh` itself; ``manage.py migrate`` (0015) filled them for the existing bank.

Archiving a topic changes neither count (they count a topic's own live questions; the list
leaves archived topics out by their flag).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, F, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

# Fields of a question whose change can move a count.
COUNTED_FIELDS = frozenset({"topic", "topic_id", "archived", "answer_md"})


def _counted(question_model, **condition):
    rows = (
        question_model.objects.filter(topic=OuterRef("pk"), archived=False, **condition)
        .order_by()
        .values("topic")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def count_expressions(question_model) -> dict:
    """The two counts as expressions on a topic row (also used by migration 0015)."""
    return {
        "question_count": _counted(question_model),
        "unanswered_count": _counted(question_model, answer_md=""),
    }


def refresh(topic_ids: Iterable[int | None]) -> int:
    """Count again the questions of these topics: one UPDATE, however many. Returns the number
    of topics updated."""
    from questionbank.models import Question, Topic

    ids = {pk for pk in topic_ids if pk is not None}
    if not ids:
        return 0
    return Topic.objects.filter(pk__in=ids).update(**count_expressions(Question))


def refresh_all() -> int:
    from questionbank.models import Question, Topic

    return Topic.objects.update(**count_expressions(Question))


def stale_topics() -> list[int]:
    """Topics whose stored counts differ from their questions (a check for tests and admins)."""
    from questionbank.models import Question, Topic

    real = count_expressions(Question)
    return list(
        Topic.objects.annotate(
            real_questions=real["question_count"], real_unanswered=real["unanswered_count"]
        )
        .exclude(question_count=F("real_questions"), unanswered_count=F("real_unanswered"))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def question_saved(sender, instance, update_fields=None, **kwargs) -> None:
    if update_fields is not None and not (COUNTED_FIELDS & set(update_fields)):
        return  # e.g. only its deleted key points: no count moves
    refresh({instance.topic_id, getattr(instance, "_loaded_topic_id", None)})
    instance._loaded_topic_id = instance.topic_id


def question_deleted(sender, instance, origin=None, **kwargs) -> None:
    from questionbank.models import Topic

    if isinstance(origin, Topic) or getattr(origin, "model", None) is Topic:
        return  # its topic goes too: nothing left to count
    refresh({instance.topic_id})
