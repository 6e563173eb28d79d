"""The curators' history (Revision) and the extracted key points a curator deleted.

The question column is added with ALTER TABLE: Django's usual way on SQLite rebuilds the table,
which would drop the full-text triggers of 0002_search_index (as in 0005 and 0008).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


COLUMNS = {
    "sqlite": [
        "ALTER TABLE questionbank_question ADD COLUMN dropped_key_points text NOT NULL "
        "DEFAULT '[]' CHECK ((JSON_VALID(dropped_key_points) OR dropped_key_points IS NULL))",
    ],
    "postgresql": [
        "ALTER TABLE questionbank_question ADD COLUMN dropped_key_points jsonb NOT NULL "
        "DEFAULT '[]'",
        "ALTER TABLE questionbank_question ALTER COLUMN dropped_key_points DROP DEFAULT",
    ],
}


def add_column(apps, schema_editor):
    for statement in COLUMNS[schema_editor.connection.vendor]:
        schema_editor.execute(statement)


def drop_column(apps, schema_editor):
    schema_editor.execute("ALTER TABLE questionbank_question DROP COLUMN dropped_key_points")


class Migration(migrations.Migration):

    dependencies = [
        ('questionbank', '0012_bank_list_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="question",
                    name="dropped_key_points",
                    field=models.JSONField(blank=True, default=list, editable=False),
                ),
            ],
            database_operations=[migrations.RunPython(add_column, drop_column)],
        ),
        migrations.CreateModel(
            name='Revision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='when')),
                ('source', models.CharField(choices=[('import', 'import'), ('admin', 'admin edit'), ('restore', 'restore'), ('baseline', 'as it stood when history began')], max_length=10, verbose_name='source')),
                ('origin', models.CharField(blank=True, max_length=255, verbose_name='from')),
                ('changes', models.JSONField(blank=True, default=list)),
                ('snapshot', models.JSONField(default=dict)),
                ('author', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('question', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='revisions', to='questionbank.question')),
                ('topic', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='revisions', to='questionbank.topic')),
            ],
            options={
                'verbose_name': 'revision',
                'verbose_name_plural': 'revisions',
                'ordering': ['-created_at', '-id'],
                'indexes': [models.Index(fields=['question', '-id'], name='revision_question_idx'), models.Index(fields=['topic', '-id'], name='revision_topic_idx')],
            },
        ),
    ]
