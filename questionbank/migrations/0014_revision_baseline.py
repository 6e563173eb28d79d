"""History begins: one "baseline" revision of every question and topic as it stands, so the
first change an import or a curator makes shows as a difference, not as the whole question."""

from django.db import migrations


def baseline(apps, schema_editor):
    from questionbank.revisions import question_snapshot, topic_snapshot

    Topic = apps.get_model("questionbank", "Topic")
    Question = apps.get_model("questionbank", "Question")
    Revision = apps.get_model("questionbank", "Revision")
    for topic in Topic.objects.prefetch_related("bonus_categories__points").iterator(
        chunk_size=200
    ):
        bonus = [
            (c.name, [p.text for p in c.points.all()]) for c in topic.bonus_categories.all()
        ]
        Revision.objects.create(
            topic=topic, source="baseline", snapshot=topic_snapshot(topic, bonus)
        )
    batch = []
    for question in Question.objects.prefetch_related("key_points").iterator(chunk_size=500):
        snapshot = question_snapshot(question, question.key_points.all())
        batch.append(
            Revision(
                topic_id=question.topic_id,
                question=question,
                source="baseline",
                snapshot=snapshot,
            )
        )
        if len(batch) >= 500:
            Revision.objects.bulk_create(batch)
            batch = []
    Revision.objects.bulk_create(batch)


def forget(apps, schema_editor):
    apps.get_model("questionbank", "Revision").objects.filter(source="baseline").delete()


class Migration(migrations.Migration):
    dependencies = [("questionbank", "0013_revisions")]

    operations = [migrations.RunPython(baseline, forget)]
