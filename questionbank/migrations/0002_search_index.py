"""Full-text index over the rjieba-segmented columns: FTS5 on SQLite, a GIN tsvector on PostgreSQL.

Neither database segments Chinese itself (trigram indexes miss two-character words), so the
columns already hold space-separated words and both engines index them as ordinary words.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE questionbank_question_fts USING fts5(
        search_question, search_answer,
        content='questionbank_question', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER questionbank_question_fts_ai AFTER INSERT ON questionbank_question BEGIN
        INSERT INTO questionbank_question_fts(rowid, search_question, search_answer)
        VALUES (new.id, new.search_question, new.search_answer);
    END""",
    """CREATE TRIGGER questionbank_question_fts_ad AFTER DELETE ON questionbank_question BEGIN
        INSERT INTO questionbank_question_fts(questionbank_question_fts, rowid, search_question, search_answer)
        VALUES ('delete', old.id, old.search_question, old.search_answer);
    END""",
    """CREATE TRIGGER questionbank_question_fts_au AFTER UPDATE OF search_question, search_answer
        ON questionbank_question BEGIN
        INSERT INTO questionbank_question_fts(questionbank_question_fts, rowid, search_question, search_answer)
        VALUES ('delete', old.id, old.search_question, old.search_answer);
        INSERT INTO questionbank_question_fts(rowid, search_question, search_answer)
        VALUES (new.id, new.search_question, new.search_answer);
    END""",
    "INSERT INTO questionbank_question_fts(questionbank_question_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS questionbank_question_fts_ai",
    "DROP TRIGGER IF EXISTS questionbank_question_fts_ad",
    "DROP TRIGGER IF EXISTS questionbank_question_fts_au",
    "DROP TABLE IF EXISTS questionbank_question_fts",
]
# The query in questionbank/search.py repeats this expression exactly, so the index is used.
POSTGRES_FORWARD = [
    """CREATE INDEX questionbank_question_search ON questionbank_question USING GIN
       (to_tsvector('simple'::regconfig, search_question || ' ' || search_answer))""",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS questionbank_question_search"]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("questionbank", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
