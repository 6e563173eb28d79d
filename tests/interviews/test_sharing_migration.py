"""Migration 0006: existing share links keep showing what was chosen then, and nothing new."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("interviews", "0005_external_images_as_links")]
AFTER = [("interviews", "0006_scorecard_sharing")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_links_keep_their_choices_and_every_new_part_starts_off(alice):
    apps = _migrate(BEFORE)
    Interview = apps.get_model("interviews", "Interview")
    made = {}
    for name, answers, notes in [
        ("none", False, False),
        ("answers", True, False),
        ("notes", False, True),
        ("both", True, True),
    ]:
        made[name] = Interview.objects.create(
            owner_id=alice.pk,
            title=name,
            default_time_limit=60,
            share_token=f"tok-{name}",
            share_answers=answers,
            share_notes=notes,
        ).pk
    try:
        apps = _migrate(AFTER)
        Interview = apps.get_model("interviews", "Interview")
        parts = dict(Interview.objects.values_list("title", "share_parts"))
        assert parts == {
            "none": [],
            "answers": ["key_points", "standard_answers"],
            "notes": ["notes"],
            "both": ["key_points", "standard_answers", "notes"],
        }
        apps = _migrate(BEFORE)  # and back
        Interview = apps.get_model("interviews", "Interview")
        back = {
            i.title: (i.share_answers, i.share_notes)
            for i in Interview.objects.filter(pk__in=made.values())
        }
        assert back == {
            "none": (False, False),
            "answers": (True, False),
            "notes": (False, True),
            "both": (True, True),
        }
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
