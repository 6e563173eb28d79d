"""The history's differences between two snapshots: pure, no database."""

from questionbank.revision_diff import (
    ADDED,
    GAP,
    REMOVED,
    SAME,
    Line,
    changed_fields,
    diff_lines,
    diff_snapshots,
)


def question(**overrides) -> dict:
    return {
        "kind": "question",
        "number": 1,
        "group": "",
        "text": "什么是 Pod？",
        "answer_title": "Pod",
        "answer_md": "\n".join(f"第 {n} 行" for n in range(1, 11)),
        "follow_ups": [],
        "archived": False,
        "key_points": [{"text": "最小调度单元", "weight": 1}, {"text": "共享网络", "weight": 1}],
        "dropped_key_points": [],
        **overrides,
    }


def test_an_unchanged_snapshot_has_no_difference():
    assert diff_snapshots(question(), question()) == []
    assert changed_fields(question(), question()) == []


def test_a_changed_answer_line_shows_with_context_and_the_rest_folded():
    old = question()
    new = question(answer_md=old["answer_md"].replace("第 5 行", "第五行"))
    [diff] = diff_snapshots(old, new)
    assert diff.field == "answer_md"
    assert diff.lines == (
        Line(GAP, "2"),
        Line(SAME, "第 3 行"),
        Line(SAME, "第 4 行"),
        Line(REMOVED, "第 5 行"),
        Line(ADDED, "第五行"),
        Line(SAME, "第 6 行"),
        Line(SAME, "第 7 行"),
        Line(GAP, "3"),
    )
    assert (diff.added, diff.removed) == (1, 1)


def test_key_points_compare_item_by_item_with_their_weight():
    old = question()
    new = question(
        key_points=[{"text": "最小调度单元", "weight": 3}, {"text": "共享网络", "weight": 1}]
    )
    [diff] = diff_snapshots(old, new)
    assert diff.field == "key_points"
    assert [(line.op, line.text) for line in diff.lines] == [
        (REMOVED, "最小调度单元"),
        (ADDED, "最小调度单元 (×3)"),
        (SAME, "共享网络"),
    ]


def test_fields_are_listed_in_a_fixed_order_and_booleans_in_words():
    new = question(text="什么是 Pod？为什么？", archived=True, group="基础")
    diffs = diff_snapshots(question(), new, yes_no=("是", "否"))
    assert [d.field for d in diffs] == ["group", "text", "archived"]
    assert [(line.op, line.text) for line in diffs[-1].lines] == [(REMOVED, "否"), (ADDED, "是")]


def test_the_first_revision_is_everything_added():
    diffs = diff_snapshots(None, question())
    fields = [d.field for d in diffs]
    assert "follow_ups" not in fields and "archived" not in fields  # empty or false: nothing
    assert all(line.op == ADDED for d in diffs for line in d.lines)


def test_a_topic_snapshot_lists_bonus_points_under_their_category():
    old = {"kind": "topic", "title": "K8s", "bonus": [{"name": "深度", "items": ["读源码"]}]}
    new = {**old, "bonus": [{"name": "深度", "items": ["读源码", "提过 PR"]}]}
    [diff] = diff_snapshots(old, new)
    assert [(line.op, line.text) for line in diff.lines] == [
        (SAME, "深度: 读源码"),
        (ADDED, "深度: 提过 PR"),
    ]


def test_short_unchanged_runs_are_not_folded():
    lines = diff_lines(["a", "b", "c"], ["a", "x", "c"], context=2)
    assert [line.op for line in lines] == [SAME, REMOVED, ADDED, SAME]
