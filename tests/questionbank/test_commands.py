"""import_questions, export_questions and load_demo, driven as a user would from the shell."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from interviews.models import Interview, InterviewTemplate
from questionbank.models import Question, Topic
from tests.conftest import FIXTURES

pytestmark = pytest.mark.django_db

GOOD = "# 主题\n\n## 问题\n\n1. 一是什么？\n2. 二是什么？\n\n## 标准答案\n\n### 1. 一\n\n- 要点一\n- 要点二\n"


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write(tmp_path: Path, name: str, text: str | bytes) -> str:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return str(path)


def test_dry_run_json_follows_the_contract(tmp_path):
    path = write(tmp_path, "t.md", GOOD)
    out, _ = run("import_questions", "--dry-run", "--json", path)
    data = json.loads(out)
    assert data["ok"] is True
    (file,) = data["files"]
    assert set(file) == {"path", "ok", "errors", "warnings", "shape", "topic"}
    assert file["warnings"] == ["line 6: question 2 has no standard answer"]
    assert file["topic"]["questions"][0] == {
        "number": 1,
        "group": "",
        "text": "一是什么？",
        "answer_title": "一",
        "has_answer": True,
        "key_points": ["要点一", "要点二"],
        "follow_ups": [],
    }
    assert Topic.objects.count() == 0


def test_json_import_adds_a_summary_per_file(tmp_path):
    path = write(tmp_path, "t.md", GOOD)
    data = json.loads(run("import_questions", "--json", path)[0])
    assert data["files"][0]["summary"] == {
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "archived": 0,
    }
    data = json.loads(run("import_questions", "--json", path)[0])
    assert data["files"][0]["summary"] == {
        "created": 0,
        "updated": 0,
        "unchanged": 2,
        "archived": 0,
    }
    assert data["files"][0]["topic"]["slug"] == "t"  # unchanged files still describe their topic


def test_a_failing_file_exits_non_zero_writes_nothing_and_reports_all(tmp_path):
    good = write(tmp_path, "good.md", GOOD)
    bad = write(tmp_path, "bad.md", "# 只有正文\n")
    worse = write(tmp_path, "worse.md", b"# \xff\xfe\n")
    out = io.StringIO()
    with pytest.raises(CommandError) as excinfo:
        call_command("import_questions", "--json", good, bad, worse, stdout=out)
    assert excinfo.value.returncode == 1
    data = json.loads(out.getvalue())
    assert data["ok"] is False
    assert [f["ok"] for f in data["files"]] == [True, False, False]
    assert "summary" in data["files"][0]
    assert all(f["errors"] for f in data["files"][1:])
    assert Topic.objects.count() == 0


def test_human_output_names_counts_and_warnings(tmp_path):
    path = write(tmp_path, "t.md", GOOD)
    out, _ = run("import_questions", path)
    assert f"✓ {path} → t: 2 created, 0 updated, 0 unchanged, 0 archived" in out
    assert "warning: line 6: question 2 has no standard answer" in out
    out, _ = run("import_questions", path)
    assert "0 created, 0 updated, 2 unchanged, 0 archived (skipped: file unchanged)" in out


def test_directories_and_missing_paths(tmp_path):
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "a.md", GOOD)
    write(tmp_path / "sub", "notes.txt", "ignored")
    with pytest.raises(CommandError):
        run("import_questions", str(tmp_path / "sub"), str(tmp_path / "missing.md"))
    assert Topic.objects.count() == 0
    out, _ = run("import_questions", str(tmp_path / "sub"))
    assert "a.md → a: 2 created" in out


def test_progress_bar_on_request(tmp_path):
    paths = [write(tmp_path, f"t{i}.md", GOOD) for i in range(3)]
    _, err = run("import_questions", "--progress", *paths)
    assert "[" in err and "3/3" in err


def test_export_prints_or_writes_the_topic(tmp_path):
    run("import_questions", str(FIXTURES / "kubernetes.md"))
    out, _ = run("export_questions", "kubernetes")
    assert out.startswith("---\nslug: kubernetes\n---\n\n# 容器编排 (Kubernetes)\n")
    target = tmp_path / "exported.md"
    run("export_questions", "kubernetes", "-o", str(target))
    assert target.read_text(encoding="utf-8") == out
    # (The import of an export gives the same topic: tests/questionbank/test_exporting.py.)


def test_plain_import_rejects_a_new_file_claiming_an_unchanged_topics_slug(tmp_path):
    (tmp_path / "d").mkdir()
    write(tmp_path / "d", "x.md", GOOD)
    run("import_questions", str(tmp_path / "d"))
    write(tmp_path / "d", "y.md", "---\nslug: x\n---\n# Beta\n\n## 问题\n\n1. 另一题？\n")
    with pytest.raises(CommandError):
        run("import_questions", str(tmp_path / "d"))
    assert Topic.objects.get().title == "主题"


def test_export_of_an_unknown_slug_says_which_exist():
    run("import_questions", str(FIXTURES / "rpc.md"))
    with pytest.raises(CommandError, match="no topic with slug 'nope'; known slugs: rpc"):
        run("export_questions", "nope")


def test_load_demo_is_idempotent_and_prints_the_accounts():
    out, _ = run("load_demo")
    assert "curator      cora     cora-demo-2026" in out
    assert "interviewer  alice    alice-demo-2026" in out
    assert "candidate    carol    carol-demo-2026" in out
    counts = (Topic.objects.count(), Question.objects.count())
    out, _ = run("load_demo")
    assert (Topic.objects.count(), Question.objects.count()) == counts == (5, 41)
    assert "kubernetes.md: 0 created, 0 updated, 10 unchanged" in out
    # One scheduled demo interview for alice and carol, made on the first run only.
    demo = Interview.objects.get()
    assert (demo.owner.username, demo.candidate.username, demo.status) == (
        "alice",
        "carol",
        "scheduled",
    )
    assert demo.questions.count() == 4 and InterviewTemplate.objects.count() == 1
    from django.contrib.auth import authenticate

    cora = authenticate(username="cora", password="cora-demo-2026")
    assert cora is not None and cora.is_staff and cora.groups.filter(name="curators").exists()


def test_dry_run_prints_the_shape_and_every_question_with_its_warnings(tmp_path):
    path = write(tmp_path, "t.md", GOOD)
    out, _ = run("import_questions", "--dry-run", path)
    lines = out.splitlines()
    # The shape, then the reader's evidence (questionbank/readers/).
    assert lines[1].startswith("    read as: question section and answer section (our format)")
    assert lines[2] == "       1. 一是什么？ | answer: 要点一 | 2 key points [new]"
    assert lines[3] == "       2. 二是什么？ | no standard answer [new]"
    assert lines[4] == "          warning: line 6: question 2 has no standard answer"
    assert out.count("question 2 has no standard answer") == 1
    assert lines[-1] == "Dry run: nothing was written."


def test_dry_run_of_a_changed_file_prints_the_diff_per_question(tmp_path, list_shape):
    from tests.questionbank.conftest import listed

    path = write(tmp_path, "l.md", listed("【基础】甲是什么？", "【基础】乙是什么？"))
    run("import_questions", path)
    write(tmp_path, "l.md", listed("【基础】乙是什么？", "【进阶】丙是什么？"))
    out, _ = run("import_questions", "--dry-run", path)
    assert "    read as: a list of questions, answers indented below them (3 numbered" in out
    assert (
        "    [基础]\n       1. 乙是什么？ | answer: 关于乙的要点 | 1 key point "
        "[changed: number (was 2)]\n"
        "    [进阶]\n       2. 丙是什么？ | answer: 关于丙的要点 | 1 key point [new]\n"
        "    no longer in the file (archived, not deleted):\n"
        "       1. 甲是什么？ [archived]\n"
    ) in out
    assert "1 would be created, 1 would be updated, 0 unchanged, 1 would be archived" in out
    assert Question.objects.get(text="甲是什么？").archived is False  # a dry run


def test_json_keeps_its_contract_for_other_shapes(tmp_path, list_shape):
    from tests.questionbank.conftest import listed

    path = write(tmp_path, "l.md", listed("【基础】甲是什么？"))
    data = json.loads(run("import_questions", "--dry-run", "--json", path)[0])
    (file,) = data["files"]
    assert set(file) == {"path", "ok", "errors", "warnings", "shape", "topic"}
    assert file["shape"] == "list" and file["topic"]["questions"][0]["group"] == "基础"


def test_dry_run_of_an_unchanged_file_lists_its_questions_as_unchanged(tmp_path):
    path = write(tmp_path, "t.md", GOOD)
    run("import_questions", path)
    out, _ = run("import_questions", "--dry-run", path)
    assert "0 would be created, 0 would be updated, 2 unchanged, 0 would be archived" in out
    assert "       1. 一是什么？ | answer: 要点一 | 2 key points [unchanged]" in out


def test_a_slug_and_a_title_too_long_for_the_database_are_cut_with_a_warning(tmp_path):
    title = "很长的标题" * 50  # 250 characters, the database keeps 200
    slug = "-".join(["kubernetes"] * 12)  # 131 characters, the database keeps 100
    text = GOOD.replace("# 主题", f"---\nslug: {slug}\n---\n# {title}")
    out, _ = run("import_questions", "--dry-run", "--json", write(tmp_path, "t.md", text))
    (file,) = json.loads(out)["files"]
    assert file["ok"] is True
    assert file["topic"]["slug"] == slug[:100] and file["topic"]["title"] == title[:200]
    assert "the title is 250 characters long; only its first 200 are kept" in file["warnings"]
    assert (
        f"the slug is 131 characters long; it was cut to its first 100: '{slug[:100]}'. Set a "
        "shorter 'slug:' in the front matter to choose it yourself"
    ) in file["warnings"]
    # a slug and title that fit (here exactly at the limits) are not warned about
    fits = GOOD.replace("# 主题", f"---\nslug: {'k' * 100}\n---\n# {'题' * 200}")
    out, _ = run("import_questions", "--dry-run", "--json", write(tmp_path, "f.md", fits))
    assert not [w for w in json.loads(out)["files"][0]["warnings"] if "characters long" in w]


def test_a_file_name_too_long_for_a_slug_is_warned_about(tmp_path):
    name = "a-very-long-file-name-about-distributed-systems-" * 3 + ".md"
    out, _ = run("import_questions", "--dry-run", write(tmp_path, name, GOOD))
    assert "the slug is 143 characters long; it was cut to its first 100" in out
