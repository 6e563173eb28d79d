"""manage.py grade: one answer or a batch, JSON out, clear errors."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from questionbank.importing import Source, import_sources
from questionbank.models import ContrastEntry, GlossaryEntry
from tests.conftest import fixture_bytes

pytestmark = pytest.mark.django_db

GOOD = (
    "Pod 创建后 API Server 写入 etcd，Scheduler 监听到未调度的 Pod，先预选过滤掉不满足资源、"
    "亲和性或污点的节点，再优选打分，选择得分最高的节点绑定，最后由 kubelet 启动容器。"
)


@pytest.fixture(autouse=True)
def bank(db):
    assert import_sources([Source("kubernetes.md", fixture_bytes("kubernetes.md"))]).ok


def grade(*args, stdin: str = "") -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    import sys

    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        call_command("grade", *args, stdout=out, stderr=err)
    finally:
        sys.stdin = old
    return out.getvalue(), err.getvalue()


def test_one_answer_from_a_file(tmp_path):
    path = tmp_path / "answer.txt"
    path.write_text(GOOD, encoding="utf-8")
    data = json.loads(
        grade("--topic", "kubernetes", "--question", "8", "--answer-file", str(path))[0]
    )
    assert set(data) >= {"score", "max", "coverage", "covered", "missing"}
    assert data["max"] == 5 and data["score"] >= 3
    assert any(item["key_point"].startswith("预选") for item in data["covered"])
    assert all(item["evidence"] for item in data["covered"])


def test_one_answer_from_stdin():
    data = json.loads(grade("--topic", "kubernetes", "--question", "8", stdin="")[0])
    assert data["score"] == 0 and data["covered"] == []


def test_batch_keeps_order_and_reports_bad_lines(tmp_path):
    lines = [
        {"id": "a", "topic": "kubernetes", "question": 8, "answer": GOOD},
        {"id": "b", "topic": "kubernetes", "question": 8, "answer": ""},
        {"topic": "missing", "question": 1, "answer": "x"},
        "not json",
        {"topic": "kubernetes", "question": 2, "answer": "API Server、etcd、kubelet"},
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text(
        "\n".join(
            line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)
            for line in lines
        ),
        encoding="utf-8",
    )
    out, err = grade("--batch", str(path))
    results = [json.loads(line) for line in out.splitlines()]
    assert len(results) == 5
    assert results[0]["id"] == "a" and results[0]["score"] >= 3
    assert results[1]["id"] == "b" and results[1]["score"] == 0
    assert results[2] == {"line": 3, "error": "no question 1 in topic 'missing'"}
    assert results[3]["line"] == 4 and results[3]["error"].startswith("bad line")
    assert "score" in results[4]
    assert "2 line(s) could not be graded" in err


def test_missing_arguments_and_unknown_questions_are_errors(tmp_path):
    with pytest.raises(CommandError, match="give --topic SLUG and --question N"):
        grade("--topic", "kubernetes")
    with pytest.raises(CommandError, match="no question 99"):
        grade("--topic", "kubernetes", "--question", "99", stdin="x")
    with pytest.raises(CommandError, match="cannot read"):
        grade("--topic", "kubernetes", "--question", "1", "--answer-file", str(tmp_path / "nope"))


def test_curator_glossary_entries_are_used():
    answer = "kube-proxy 用 rollout 的方式慢慢替换规则，整体负载分摊到各个 Pod 上。"
    before = json.loads(grade("--topic", "kubernetes", "--question", "5", stdin=answer)[0])
    GlossaryEntry.objects.create(names="负载均衡 | 负载分摊")
    after = json.loads(grade("--topic", "kubernetes", "--question", "5", stdin=answer)[0])
    assert after["coverage"] > before["coverage"]


def contradictions_in(answer: str) -> list:
    result = json.loads(grade("--topic", "kubernetes", "--question", "7", stdin=answer)[0])
    return result["contradictions"]


def test_curators_switch_off_contrasts_and_add_their_own():
    claim = "emptyDir 适合放数据库。"  # the standard answer: PersistentVolumeClaim for databases
    assert [c["term"] for c in contradictions_in(claim)] == ["数据库"]
    ContrastEntry.objects.create(alternatives="emptyDir", action=ContrastEntry.Action.OFF)
    assert contradictions_in(claim) == []  # the emptyDir / hostPath / PVC group is off
    ContrastEntry.objects.create(alternatives="emptyDir / PersistentVolumeClaim | PVC")
    assert [c["term"] for c in contradictions_in(claim)] == ["数据库"]  # their own group


def test_a_contrast_needs_two_alternatives_and_keeps_slashes_inside_names():
    from django.core.exceptions import ValidationError

    entry = ContrastEntry(alternatives="pull | 拉取")
    with pytest.raises(ValidationError, match="at least two alternatives"):
        entry.full_clean()
    entry = ContrastEntry(alternatives=" http/2 | h2  /  http/1.1 ")
    entry.full_clean()
    assert entry.alternatives == "http/2 | h2 / http/1.1"
    switch_off = ContrastEntry(alternatives="http/2", action=ContrastEntry.Action.OFF)
    switch_off.full_clean()
    assert switch_off.groups() == [["http/2"]]  # one name: off means no splitting at "/"
    with pytest.raises(ValidationError, match="single Chinese character"):
        ContrastEntry(alternatives="推 / 拉").full_clean()
    typed = ContrastEntry(alternatives="c# | c\r\nsharp / java")  # a comment sign, a line break
    typed.full_clean()
    assert typed.groups() == [["c#", "c sharp"], ["java"]]


def test_a_curators_group_is_used_as_written():
    from scoring.adapter import current_contrasts

    ContrastEntry.objects.create(alternatives="c# | csharp / java")
    assert (frozenset({"c#", "csharp"}), frozenset({"java"})) in current_contrasts().groups


@pytest.mark.parametrize(
    "line",
    [
        '{"topic": ["kubernetes"], "question": 1, "answer": "x"}',
        '{"topic": "kubernetes", "question": 1e400, "answer": "x"}',
        '{"topic": "kubernetes", "question": 1, "answer": 5}',
        "not json",
    ],
)
def test_odd_batch_lines_are_reported_not_a_traceback(tmp_path, line):
    batch = tmp_path / "b.jsonl"
    batch.write_text(
        f"{line}\n" + json.dumps({"topic": "kubernetes", "question": 8, "answer": GOOD})
    )
    out, err = grade("--batch", str(batch))
    first, second = (json.loads(row) for row in out.splitlines())
    assert first["line"] == 1 and "bad line" in first["error"]
    assert second["score"] > 0 and "1 line(s) could not be graded" in err


def test_a_batch_that_is_not_utf8_is_an_error(tmp_path):
    batch = tmp_path / "b.jsonl"
    batch.write_bytes(b'{"topic": "kubernetes", "question": 1, "answer": "\xff\xfe"}\n')
    with pytest.raises(CommandError, match="not UTF-8"):
        grade("--batch", str(batch))


def test_a_calibrated_question_is_graded_as_the_console_shows_it():
    from django.core.cache import cache

    from interviews.models import ScoringCalibration
    from questionbank.models import Question
    from scoring.calibration import fit

    question = Question.objects.get(topic__slug="kubernetes", number=8)
    raw = json.loads(grade("--topic", "kubernetes", "--question", "8", stdin=GOOD)[0])["score"]
    # Twenty interviewers' scores, every one 2 points under the scorer's.
    pairs = [(x / 2, max(0, x / 2 - 2)) for x in range(11)] * 2
    ScoringCalibration.objects.create(question=question, count=22, fitted=fit(pairs).as_json())
    cache.clear()  # written here behind the cache's back; a refit forgets the entry itself

    data = json.loads(grade("--topic", "kubernetes", "--question", "8", stdin=GOOD)[0])
    assert data["raw_score"] == raw and data["calibrated_on"] == 22
    assert data["score"] <= raw - 1
    alone = json.loads(grade("--topic", "kubernetes", "--question", "8", "--raw", stdin=GOOD)[0])
    assert alone["score"] == raw and "calibrated_on" not in alone
