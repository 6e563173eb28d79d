"""A question's group (the section it stands under), the per-part hashes of what the last import
wrote, and the extracted key point a curator's edit replaced.

The question columns are added with ALTER TABLE: Django's usual way on SQLite rebuilds the table,
which would drop the full-text triggers of 0002_search_index (as in 0005).
"""

from django.db import migrations, models

COLUMNS = {
    "sqlite": [
        "ALTER TABLE questionbank_question ADD COLUMN \"group\" varchar(200) NOT NULL DEFAULT ''",
        "ALTER TABLE questionbank_question ADD COLUMN part_hashes text NOT NULL DEFAULT '{}' "
        "CHECK ((JSON_VALID(part_hashes) OR part_hashes IS NULL))",
    ],
    "postgresql": [
        "ALTER TABLE questionbank_question ADD COLUMN \"group\" varchar(200) NOT NULL DEFAULT ''",
        "ALTER TABLE questionbank_question ALTER COLUMN \"group\" DROP DEFAULT",
        "ALTER TABLE questionbank_question ADD COLUMN part_hashes jsonb NOT NULL DEFAULT '{}'",
        "ALTER TABLE questionbank_question ALTER COLUMN part_hashes DROP DEFAULT",
    ],
}


def add_columns(apps, schema_editor):
    for statement in COLUMNS[schema_editor.connection.vendor]:
        schema_editor.execute(statement)


def drop_columns(apps, schema_editor):
    schema_editor.execute('ALTER TABLE questionbank_question DROP COLUMN "group"')
    schema_editor.execute("ALTER TABLE questionbank_question DROP COLUMN part_hashes")


class Migration(migrations.Migration):
    dependencies = [
        ("questionbank", "0007_contrast_entry"),
    ]

    operations = [
        migrations.AddField(
            model_name="keypoint",
            name="replaces",
            field=models.CharField(
                blank=True, editable=False, max_length=300, verbose_name="in place of"
            ),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="question",
                    name="group",
                    field=models.CharField(blank=True, max_length=200, verbose_name="group"),
                ),
                migrations.AddField(
                    model_name="question",
                    name="part_hashes",
                    field=models.JSONField(blank=True, default=dict, editable=False),
                ),
            ],
            database_operations=[migrations.RunPython(add_columns, drop_columns)],
        ),
    ]
