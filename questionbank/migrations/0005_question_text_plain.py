"""The question text without Markdown: for titles, snippets and matching, parsed once.

The column is added with ALTER TABLE: Django's usual way on SQLite rebuilds the table, which
would drop the full-text triggers of 0002_search_index.
"""

from django.db import migrations, models


def add_column(apps, schema_editor):
    schema_editor.execute(
        "ALTER TABLE questionbank_question ADD COLUMN text_plain text NOT NULL DEFAULT ''"
    )
    if schema_editor.connection.vendor != "sqlite":  # Django keeps no database defaults
        schema_editor.execute("ALTER TABLE questionbank_question ALTER COLUMN text_plain DROP DEFAULT")


def drop_column(apps, schema_editor):
    schema_editor.execute("ALTER TABLE questionbank_question DROP COLUMN text_plain")


def fill(apps, schema_editor):
    from questionbank.search_text import markdown_plain

    Question = apps.get_model("questionbank", "Question")
    questions = list(Question.objects.only("id", "text"))
    for question in questions:
        question.text_plain = markdown_plain(question.text)
    Question.objects.bulk_update(questions, ["text_plain"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("questionbank", "0004_part_hashes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="question",
                    name="text_plain",
                    field=models.TextField(blank=True, editable=False),
                ),
            ],
            database_operations=[migrations.RunPython(add_column, drop_column)],
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
