"""A reading chosen for a file the importer was unsure of: on the command line (--shape,
--clear-shape, "readings" in --json), remembered by the file's name once imported
(ShapeChoice), used by every later import of that name until cleared."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from questionbank.importing import Source, import_sources
from questionbank.models import ShapeChoice, Topic
from tests.questionbank.shapes import SHAPES
from tests.questionbank.test_commands import run

pytestmark = pytest.mark.django_db

UNSURE = SHAPES / "unsure_two_readings.md"


def unsure_copy(tmp_path, name="os.md"):
    path = tmp_path / name
    path.write_bytes(UNSURE.read_bytes())
    return str(path)


def refused_output(*args) -> str:
    """What the command prints before it fails."""
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import_questions", *args, stdout=out)
    return out.getvalue()


def test_json_of_a_refused_file_lists_its_readings(tmp_path):
    out = refused_output("--json", unsure_copy(tmp_path))
    (file,) = json.loads(out)["files"]
    assert file["ok"] is False and file["shape"] is None
    assert [(r["shape"], r["questions"], r["answered"]) for r in file["readings"]] == [
        ("headings", 3, 3),
        ("list", 3, 3),
    ]
    assert file["readings"][0]["first_questions"][0] == "What is a process?"
    assert "cannot tell how this file holds its questions" in file["errors"][0]
    assert Topic.objects.count() == 0


def test_the_human_output_of_a_refused_file_names_each_reading_and_its_option(tmp_path):
    text = refused_output("--dry-run", unsure_copy(tmp_path))
    assert (
        "could be read as list (--shape list): 3 questions, 3 answered (3 lists with 3 items "
        "worded as questions, 3 followed by an answer); first: What is a thread? | What is a "
        "page? | What is an inode?"
    ) in text


def test_shape_imports_a_refused_file_and_remembers_the_choice_for_its_name(tmp_path):
    path = unsure_copy(tmp_path)
    out, _ = run("import_questions", "--shape", "list", path)
    assert "read as list: chosen with --shape (remembered for this file name)" in out
    topic = Topic.objects.get()
    assert [(q.group, q.text) for q in topic.questions.order_by("number")] == [
        ("What is a process?", "What is a thread?"),
        ("What is memory?", "What is a page?"),
        ("What is a file system?", "What is an inode?"),
    ]
    choice = ShapeChoice.objects.get()
    assert (choice.source_name, choice.shape, choice.chosen_by) == ("os.md", "list", None)
    # the same name elsewhere, without --shape: read as chosen (unchanged), not refused
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    again, _ = run("import_questions", "--dry-run", unsure_copy(elsewhere))
    assert "3 unchanged" in again
    assert "read as list: chosen on the command line on " in again


def test_a_dry_run_with_shape_remembers_nothing(tmp_path):
    out, _ = run("import_questions", "--dry-run", "--shape", "headings", unsure_copy(tmp_path))
    assert "3 would be created" in out and "read as headings: chosen with --shape" in out
    assert not ShapeChoice.objects.exists() and not Topic.objects.exists()


def test_clear_shape_forgets_the_choice_and_the_file_is_refused_again(tmp_path):
    path = unsure_copy(tmp_path)
    run("import_questions", "--shape", "list", path)
    out = refused_output("--clear-shape", path)
    assert "cleared the reading chosen for 1 file name(s)" in out
    assert "could be read as list (--shape list)" in out
    assert not ShapeChoice.objects.exists()
    assert Topic.objects.get().questions.count() == 3  # nothing written by the refused import


def test_shape_and_clear_shape_together_are_refused(tmp_path):
    with pytest.raises(CommandError, match="choose one"):
        run("import_questions", "--shape", "list", "--clear-shape", unsure_copy(tmp_path))


def test_an_unknown_shape_is_refused_by_the_command_line(tmp_path):
    with pytest.raises(CommandError, match="invalid choice"):
        run("import_questions", "--shape", "guess", unsure_copy(tmp_path))


def test_changing_the_chosen_reading_reimports_the_unchanged_file(tmp_path, cora):
    data = UNSURE.read_bytes()
    import_sources([Source("os.md", data, shape="list")], user=cora)
    report = import_sources([Source("os.md", data, shape="headings")], user=cora)
    assert report.ok and not report.files[0].skipped
    assert report.files[0].summary.as_dict() == {
        "created": 3,
        "updated": 0,
        "unchanged": 0,
        "archived": 3,
    }
    choice = ShapeChoice.objects.get()
    assert (choice.shape, choice.chosen_by) == ("headings", cora)


def test_a_refused_import_with_a_choice_remembers_nothing(tmp_path, cora):
    good = UNSURE.read_bytes()
    bad = b"---\ntitle: [\n---\n# T\n"
    report = import_sources([Source("os.md", good, shape="list"), Source("bad.md", bad)], user=cora)
    assert not report.ok and not report.written
    assert not ShapeChoice.objects.exists()


def test_clear_shape_is_refused_on_a_dry_run_and_forgets_nothing(tmp_path):
    path = unsure_copy(tmp_path)
    run("import_questions", "--shape", "list", path)
    with pytest.raises(CommandError, match="not with --dry-run"):
        run("import_questions", "--dry-run", "--clear-shape", path)
    assert ShapeChoice.objects.get().shape == "list"


@pytest.mark.parametrize("detail", [True, False])
def test_choosing_again_for_an_unchanged_file_is_remembered_again(tmp_path, cora, detail):
    # Chosen, forgotten, chosen again: the bytes and the reading are those imported, so the
    # file is skipped as unchanged, and the choice is remembered all the same.
    data = UNSURE.read_bytes()
    import_sources([Source("os.md", data, shape="list")], user=cora)
    ShapeChoice.objects.all().delete()
    again = [Source("os.md", data, shape="list")]
    report = import_sources(again, user=cora, detail=detail, parse_unchanged=False)
    assert report.ok and report.files[0].skipped
    assert ShapeChoice.objects.get().shape == "list"
    later = import_sources([Source("os.md", data)], user=cora, parse_unchanged=False)
    assert later.ok and later.files[0].skipped  # read as remembered, not refused
