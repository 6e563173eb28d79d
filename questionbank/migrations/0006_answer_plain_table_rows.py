"""Recompute Question.answer_plain: table rows are now one line each, cells joined by " | ",
so the scorer reads a row as one statement. Re-importing an unchanged file does not rewrite it."""

from django.db import migrations


def refill(apps, schema_editor):
    from questionbank.search_text import markdown_plain

    Question = apps.get_model("questionbank", "Question")
    changed = []
    for question in Question.objects.only("id", "answer_md", "answer_plain").iterator(chunk_size=500):
        plain = markdown_plain(question.answer_md)
        if plain != question.answer_plain:
            question.answer_plain = plain
            changed.append(question)
    Question.objects.bulk_update(changed, ["answer_plain"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("questionbank", "0005_question_text_plain"),
    ]

    operations = [migrations.RunPython(refill, migrations.RunPython.noop)]
