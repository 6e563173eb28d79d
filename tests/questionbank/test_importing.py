"""The importer: repeatable, all-or-nothing, and careful with what curators and sessions rely on."""

from __future__ import annotations

import pytest

from questionbank.importing import Source, import_sources, read_paths
from questionbank.models import BonusPoint, Experience, KeyPoint, Question, Topic, TopicNote
from tests.conftest import FIXTURES, fixture_bytes, import_markdown
from tests.questionbank.conftest import listed

pytestmark = pytest.mark.django_db

TEXT = """\
# 主题

## 问题

1. 一是什么？
2. 二是什么？
3. 三是什么？

## 标准答案

### 1. 一

- 一的要点甲
- 一的要点乙

### 2. 二

- 二的要点

### 3. 三

- 三的要点

### 4. 实际项目经验

#### 场景：迁移

迁移过程。

### 5. 阿里 P7 加分项

**深度**：
- 读过源码
"""


def summary(report, index: int = 0) -> dict:
    return report.files[index].summary.as_dict()


def test_first_import_creates_everything():
    report = import_markdown(TEXT, "t.md")
    assert report.ok and report.written
    assert summary(report) == {"created": 3, "updated": 0, "unchanged": 0, "archived": 0}
    topic = Topic.objects.get(slug="t")
    assert topic.title == "主题" and topic.source_name == "t.md"
    assert list(topic.questions.values_list("number", flat=True)) == [1, 2, 3]
    assert list(
        KeyPoint.objects.filter(question__number=1).values_list("text", "source", "position")
    ) == [("一的要点甲", "auto", 0), ("一的要点乙", "auto", 1)]
    assert Experience.objects.get().title == "场景：迁移"
    assert BonusPoint.objects.get().text == "读过源码"
    question = topic.questions.get(number=1)
    assert "<li>一的要点甲</li>" in question.answer_html
    assert "要点" in question.search_answer.split()


def test_reimporting_the_same_file_changes_nothing():
    import_markdown(TEXT, "t.md")
    before = list(Question.objects.values_list("id", "updated_at"))
    report = import_markdown(TEXT, "t.md")
    assert summary(report) == {"created": 0, "updated": 0, "unchanged": 3, "archived": 0}
    assert list(Question.objects.values_list("id", "updated_at")) == before


def test_unchanged_files_are_skipped_without_parsing():
    import_markdown(TEXT, "t.md")
    report = import_sources([Source("t.md", TEXT.encode())], parse_unchanged=False)
    assert report.files[0].skipped
    assert summary(report) == {"created": 0, "updated": 0, "unchanged": 3, "archived": 0}


def test_changed_questions_are_updated_in_place_and_vanished_ones_archived():
    import_markdown(TEXT, "t.md")
    ids = dict(Question.objects.values_list("number", "id"))
    changed = (
        TEXT.replace("2. 二是什么？", "2. 二到底是什么？")
        .replace("3. 三是什么？\n", "")
        .replace("### 3. 三\n\n- 三的要点\n", "")
    )
    report = import_markdown(changed, "t.md")
    assert summary(report) == {"created": 0, "updated": 1, "unchanged": 1, "archived": 1}
    two = Question.objects.get(number=2)
    assert two.id == ids[2] and two.text == "二到底是什么？"
    three = Question.objects.get(number=3)
    assert three.id == ids[3] and three.archived

    report = import_markdown(TEXT, "t.md")  # question 3 comes back
    assert summary(report) == {"created": 0, "updated": 2, "unchanged": 1, "archived": 0}
    assert not Question.objects.get(number=3).archived


def test_a_bad_file_means_nothing_is_written_and_every_file_reports():
    good = Source("good.md", TEXT.encode())
    no_questions = Source("prose.md", "# 只有正文\n\n一些文字。\n".encode())
    not_utf8 = Source("gbk.md", "# 标题\n## 问题\n1. 一？\n".encode("gbk"))
    report = import_sources([good, no_questions, not_utf8])
    assert not report.ok and not report.written
    assert [f.ok for f in report.files] == [True, False, False]
    assert report.files[1].result.errors[0].startswith("line 1: no question section")
    assert report.files[2].result.errors[0].startswith("line 1: the file is not UTF-8")
    assert Topic.objects.count() == Question.objects.count() == 0


def test_two_files_with_the_same_slug_are_both_rejected():
    report = import_sources([Source("a/t.md", TEXT.encode()), Source("b/t.md", TEXT.encode())])
    assert not report.ok
    for file_report in report.files:
        assert "slug 't' is used by several files" in file_report.result.errors[0]
    assert Topic.objects.count() == 0


def test_dry_run_reports_the_plan_and_writes_nothing():
    import_markdown(TEXT, "t.md")
    changed = TEXT.replace("1. 一是什么？", "1. 一究竟是什么？")
    report = import_markdown(changed, "t.md", dry_run=True)
    assert report.ok and not report.written
    assert summary(report) == {"created": 0, "updated": 1, "unchanged": 2, "archived": 0}
    assert Question.objects.get(number=1).text == "一是什么？"


def test_curator_key_points_and_fixes_survive_reimports():
    import_markdown(TEXT, "t.md")
    one = Question.objects.get(number=1)
    KeyPoint.objects.create(question=one, text="策展人加的要点", weight=3, source="curator")
    Question.objects.filter(number=2).update(text="二是什么？（策展人修正）")

    changed = TEXT.replace("- 一的要点甲", "- 一的新要点")  # only answer 1 changes
    report = import_markdown(changed, "t.md")
    assert summary(report) == {"created": 0, "updated": 1, "unchanged": 2, "archived": 0}
    points = list(one.key_points.order_by("source", "position").values_list("text", "source"))
    assert points == [("一的新要点", "auto"), ("一的要点乙", "auto"), ("策展人加的要点", "curator")]
    assert Question.objects.get(number=2).text == "二是什么？（策展人修正）"


def test_topic_parts_are_replaced_when_the_file_changes():
    import_markdown(TEXT + "\n## 常见错误\n\n1. 错一\n", "t.md")
    assert TopicNote.objects.get().title == "常见错误"
    import_markdown(TEXT.replace("读过源码", "改过源码"), "t.md")
    assert TopicNote.objects.count() == 0
    assert list(BonusPoint.objects.values_list("text", flat=True)) == ["改过源码"]


def test_demo_fixtures_import_and_reimport():
    sources = [Source(p.name, p.read_bytes()) for p in sorted(FIXTURES.glob("*.md"))]
    first = import_sources(sources)
    assert first.ok
    assert Topic.objects.count() == 5
    assert Question.objects.count() == sum(f.summary.created for f in first.files) == 41
    second = import_sources(sources, parse_unchanged=False)
    assert all(f.skipped for f in second.files)
    assert sum(f.summary.unchanged for f in second.files) == 41


def test_import_counts_queries_per_file_not_per_question(django_assert_max_num_queries):
    data = fixture_bytes("kubernetes.md")
    with django_assert_max_num_queries(20):
        assert import_sources([Source("kubernetes.md", data)]).ok


def test_a_skipped_file_still_counts_for_duplicate_slugs(tmp_path):
    import_markdown(TEXT, "t.md")
    other = "---\nslug: t\n---\n# 另一个\n\n## 问题\n\n1. 别的？\n"
    report = import_sources(
        [Source("t.md", TEXT.encode()), Source("y.md", other.encode())], parse_unchanged=False
    )
    assert not report.ok
    assert all("slug 't' is used by several files" in f.result.errors[0] for f in report.files)
    assert Topic.objects.get().title == "主题"


def test_a_database_error_names_the_file_and_rolls_everything_back(monkeypatch):
    from django.db import DataError

    from questionbank import importing

    real = importing._write_topic

    def failing(report, parsed, *, apply, **kwargs):
        if apply and report.path == "bad.md":
            raise DataError("value too long for type character varying(200)")
        return real(report, parsed, apply=apply, **kwargs)

    monkeypatch.setattr(importing, "_write_topic", failing)
    other = TEXT.replace("# 主题", "# 另一个主题")
    report = import_sources([Source("t.md", TEXT.encode()), Source("bad.md", other.encode())])
    assert not report.ok and not report.written
    assert report.files[0].ok
    assert report.files[1].result.errors == [
        "the database refused this file (value too long for type character varying(200)); nothing was written"
    ]
    assert Topic.objects.count() == 0


def test_curated_bonus_points_survive_until_the_file_changes_them():
    import_markdown(TEXT, "t.md")
    BonusPoint.objects.update(text="读过源码（策展人补充：调度器部分）")
    import_markdown(TEXT.replace("1. 一是什么？", "1. 一究竟是什么？"), "t.md")
    assert list(BonusPoint.objects.values_list("text", flat=True)) == [
        "读过源码（策展人补充：调度器部分）"
    ]
    import_markdown(TEXT.replace("读过源码", "改过源码"), "t.md")
    assert list(BonusPoint.objects.values_list("text", flat=True)) == ["改过源码"]


def test_dry_run_and_import_agree_on_bad_numbers():
    text = "# T\n## 问题\n0. zero\n1. one\n"
    dry = import_markdown(text, "z.md", dry_run=True)
    real = import_markdown(text, "z.md")
    assert not dry.ok and not real.ok
    assert dry.files[0].result.errors == real.files[0].result.errors


@pytest.mark.parametrize("size", [5, 50])
def test_import_queries_do_not_grow_with_questions(size, django_assert_num_queries):
    items = "\n".join(f"{n}. 问题 {n}？" for n in range(1, size + 1))
    answers = "\n".join(f"### {n}. 答\n- 要点 {n}" for n in range(1, size + 1))
    text = f"# T\n## 问题\n{items}\n## 标准答案\n{answers}\n"
    # 12, + the history: the key points written, the questions' revisions, the topic's revision,
    # + the topic's stored question counts, + the readings chosen for the files' names
    with django_assert_num_queries(17):
        assert import_markdown(text, "t.md").ok


def test_a_database_error_without_a_message_is_reported_not_raised(monkeypatch):
    from django.db import DatabaseError

    from questionbank import importing

    def refuse(file_report, parsed, *, apply, **kwargs):
        if apply:
            raise DatabaseError()
        return real(file_report, parsed, apply=apply, **kwargs)

    real = importing._write_topic
    monkeypatch.setattr(importing, "_write_topic", refuse)
    report = import_sources([Source("kubernetes.md", fixture_bytes("kubernetes.md"))])
    assert not report.ok and not Topic.objects.exists()
    (problem,) = report.files[0].result.errors
    assert problem.code == "database" and "DatabaseError" in str(problem.params)


def test_a_file_whose_headings_change_language_changes_the_topics_language():
    text = "---\nslug: lang\n---\n# T\n\n## 问题\n\n1. 什么是 A？\n\n## 标准答案\n\n### 1. A\n\n- 要点：说明\n"
    assert import_markdown(text, "lang.md").ok
    assert Topic.objects.get(slug="lang").language == "zh"
    english = text.replace("## 问题", "## Questions").replace("## 标准答案", "## Standard Answers")
    assert import_markdown(english, "lang.md").ok
    assert Topic.objects.get(slug="lang").language == "en"


# --- Identity on re-import (files whose numbers only say where a question stands) -------------


def ids_by_text() -> dict[str, tuple[int, int, bool]]:
    return {q.text: (q.id, q.number, q.archived) for q in Question.objects.all()}


def test_renumbered_questions_are_matched_by_text(list_shape):
    import_markdown(listed("甲是什么？", "乙是什么？", "丙是什么？"), "l.md")
    before = ids_by_text()
    report = import_markdown(
        listed("新问题是什么？", "甲是什么？", "乙是什么？", "丙是什么？"), "l.md"
    )
    assert summary(report) == {"created": 1, "updated": 3, "unchanged": 0, "archived": 0}
    after = ids_by_text()
    for text, (pk, number, _) in before.items():
        assert after[text] == (pk, number + 1, False)
    assert [d.status for d in report.files[0].questions] == ["new", "changed", "changed", "changed"]
    assert report.files[0].questions[1].parts == ["number"]
    assert report.files[0].questions[1].previous_number == 1


def test_a_typo_fix_is_an_update_not_archive_and_create(list_shape):
    import_markdown(listed("什么是 Kubernets 的调度器？", "乙是什么？"), "l.md")
    pk = Question.objects.get(number=1).pk
    report = import_markdown(listed("什么是 Kubernetes 的调度器？", "乙是什么？"), "l.md")
    assert summary(report) == {"created": 0, "updated": 1, "unchanged": 1, "archived": 0}
    question = Question.objects.get(pk=pk)
    assert question.text == "什么是 Kubernetes 的调度器？" and not question.archived
    assert report.files[0].questions[0].parts == ["text"]
    assert Question.objects.count() == 2


def test_a_new_question_is_created_and_a_vanished_one_archived(list_shape):
    import_markdown(listed("甲是什么？", "乙是什么？", "丙是什么？"), "l.md")
    before = ids_by_text()
    report = import_markdown(listed("甲是什么？", "丙是什么？", "丁是做什么用的？"), "l.md")
    assert summary(report) == {"created": 1, "updated": 1, "unchanged": 1, "archived": 1}
    after = ids_by_text()
    assert after["甲是什么？"] == before["甲是什么？"]
    assert after["丙是什么？"] == (before["丙是什么？"][0], 2, False)  # moved into 乙's place
    pk, number, archived = after["乙是什么？"]
    assert pk == before["乙是什么？"][0] and archived and number > 3  # out of the way
    assert after["丁是做什么用的？"][1:] == (3, False)
    statuses = [(d.status, d.text) for d in report.files[0].questions]
    assert statuses[-1] == ("archived", "乙是什么？")

    report = import_markdown(listed("甲是什么？", "乙是什么？", "丙是什么？"), "l.md")  # 乙 returns
    assert ids_by_text()["乙是什么？"] == (pk, 2, False)
    assert "restored" in report.files[0].questions[1].parts


def test_near_identical_questions_are_not_merged(list_shape):
    import_markdown(listed("进程和线程的区别？", "进程和协程的区别？"), "l.md")
    before = ids_by_text()
    report = import_markdown(listed("进程和协程的区别？", "进程和线程的区别？"), "l.md")
    assert summary(report)["created"] == summary(report)["archived"] == 0
    after = ids_by_text()
    assert {t: v[0] for t, v in after.items()} == {t: v[0] for t, v in before.items()}


def test_a_question_close_to_two_others_is_new_not_either_of_them(list_shape):
    import_markdown(listed("进程和线程的区别？", "进程与线程的区别？"), "l.md")
    report = import_markdown(listed("进程或线程的区别？"), "l.md")
    assert summary(report) == {"created": 1, "updated": 0, "unchanged": 0, "archived": 2}


def test_the_same_question_in_two_groups_stays_two_questions(list_shape):
    import_markdown(listed("【Docker】如何排查？", "【Kubernetes】如何排查？"), "l.md")
    first = dict(Question.objects.values_list("group", "id"))
    report = import_markdown(listed("【Kubernetes】如何排查？", "【Docker】如何排查？"), "l.md")
    assert summary(report)["created"] == 0
    assert dict(Question.objects.values_list("group", "id")) == first


def test_a_question_moved_to_another_group_is_changed_in_its_group(list_shape):
    import_markdown(listed("【基础】甲是什么？", "【基础】乙是什么？"), "l.md")
    pk = Question.objects.get(text="乙是什么？").pk
    report = import_markdown(listed("【基础】甲是什么？", "【进阶】乙是什么？"), "l.md")
    assert report.files[0].questions[1].parts == ["group"]
    assert Question.objects.get(pk=pk).group == "进阶"


def test_seed_files_keep_matching_by_number():
    import_markdown(TEXT, "t.md")
    ids = dict(Question.objects.values_list("number", "id"))
    swapped = TEXT.replace("1. 一是什么？", "1. 完全不同的问题？")
    report = import_markdown(swapped, "t.md")
    assert summary(report) == {"created": 0, "updated": 1, "unchanged": 2, "archived": 0}
    assert Question.objects.get(number=1).id == ids[1]


def test_only_the_parts_the_file_changed_are_rewritten():
    import_markdown(TEXT, "t.md")
    Question.objects.filter(number=1).update(text="一是什么？（策展人修正）")
    report = import_markdown(TEXT.replace("- 一的要点甲", "- 一的新要点"), "t.md")
    assert report.files[0].questions[0].parts == ["answer", "key_points"]
    assert Question.objects.get(number=1).text == "一是什么？（策展人修正）"


# --- A curator's edit of a key point replaces the extracted one --------------------------------


def curate(point: KeyPoint, text: str) -> None:
    """What the admin does when a curator edits a key point."""
    point.take_over(KeyPoint.objects.get(pk=point.pk))
    point.text = text
    point.save()


def test_an_edited_key_point_replaces_its_source_after_a_reimport(alice):
    from interviews import assembly, live

    import_markdown(TEXT, "t.md")
    one = Question.objects.get(number=1)
    curate(one.key_points.get(text="一的要点甲"), "一的要点甲（策展人改写）")

    changed = TEXT.replace("- 一的要点乙", "- 一的要点乙\n- 一的要点丙")
    assert summary(import_markdown(changed, "t.md"))["updated"] == 1
    texts = list(one.key_points.order_by("position", "id").values_list("text", flat=True))
    assert texts == ["一的要点甲（策展人改写）", "一的要点乙", "一的要点丙"]

    interview = assembly.create_interview(owner=alice, title="t", default_time_limit=60)
    assembly.add_question(interview, one)
    live.start(interview)
    checklist = [kp["text"] for kp in interview.questions.get().key_points]
    assert checklist.count("一的要点甲（策展人改写）") == 1 and "一的要点甲" not in checklist


def test_an_edited_key_point_moves_with_its_source_when_a_point_is_added_above_it():
    import_markdown(TEXT, "t.md")
    one = Question.objects.get(number=1)
    curate(one.key_points.get(text="一的要点乙"), "一的要点乙（策展人改写）")
    import_markdown(TEXT.replace("- 一的要点甲", "- 一的要点零\n- 一的要点甲"), "t.md")
    texts = list(one.key_points.order_by("position", "id").values_list("text", flat=True))
    assert texts == ["一的要点零", "一的要点甲", "一的要点乙（策展人改写）"]


def test_an_edited_key_point_still_replaces_its_source_after_a_typo_fix_in_the_file():
    long = "TEXT 里没有的一个较长的要点：调度器先过滤再打分"
    import_markdown(TEXT.replace("- 一的要点甲", f"- {long}"), "t.md")
    one = Question.objects.get(number=1)
    curate(one.key_points.get(text=long), "策展人的要点")
    typo_fixed = long.replace("调度器", "调度起")
    import_markdown(TEXT.replace("- 一的要点甲", f"- {typo_fixed}\n- 新要点"), "t.md")
    assert sorted(one.key_points.values_list("text", flat=True)) == [
        "一的要点乙",
        "新要点",
        "策展人的要点",
    ]


def test_a_deleted_key_point_stays_deleted_after_a_typo_fix_in_the_file():
    """As an edit stands in for its source when the file fixes a typo in it, a deletion holds:
    the point the curator deleted does not come back with one character changed."""
    long = "TEXT 里没有的一个较长的要点：调度器先过滤再打分"
    import_markdown(TEXT.replace("- 一的要点甲", f"- {long}"), "t.md")
    one = Question.objects.get(number=1)
    one.key_points.get(text=long).delete()
    one.dropped_key_points = [long]  # what the admin keeps when a curator deletes it
    one.save(update_fields=["dropped_key_points"])
    typo_fixed = long.replace("调度器", "调度起")
    import_markdown(TEXT.replace("- 一的要点甲", f"- {typo_fixed}\n- 新要点"), "t.md")
    assert sorted(one.key_points.values_list("text", flat=True)) == ["一的要点乙", "新要点"]
    # A point further away than a small edit is another point: the file's, kept.
    rewritten = "TEXT 里没有的另一个要点：调度器只打分不过滤"
    import_markdown(TEXT.replace("- 一的要点甲", f"- {rewritten}"), "t.md")
    assert sorted(one.key_points.values_list("text", flat=True)) == [rewritten, "一的要点乙"]


def test_a_key_point_edited_twice_still_remembers_its_source():
    import_markdown(TEXT, "t.md")
    point = Question.objects.get(number=1).key_points.get(text="一的要点甲")
    curate(point, "第一次")
    curate(point, "第二次")
    assert KeyPoint.objects.get(pk=point.pk).replaces == "一的要点甲"


def test_warnings_attach_to_the_question_whose_lines_hold_them():
    from questionbank.importing import attach_warnings
    from questionbank.parsed import ParsedBonusCategory, ParsedQuestion, ParsedTopic
    from questionbank.problems import Problem

    topic = ParsedTopic(
        slug="t",
        title="T",
        questions=[
            ParsedQuestion(number=1, text="一", line=5, answer_line=20),
            ParsedQuestion(number=2, text="二", line=6, answer_line=30),
        ],
        bonus=[ParsedBonusCategory(name="深度", items=["x"], line=40)],
    )
    on_question_2 = Problem("no_key_points", line=31, number=2)
    in_answer_1 = Problem("bonus_empty", line=22, name="x")
    on_the_bonus = Problem("bonus_empty", line=41, name="深度")
    before_any = Problem("front_matter_line", line=2)
    no_line = Problem("numbers_missing", last=3, missing="3")
    by_question, file_level = attach_warnings(
        topic, [on_question_2, in_answer_1, on_the_bonus, before_any, no_line]
    )
    assert by_question == {1: [on_question_2], 0: [in_answer_1]}
    assert file_level == [on_the_bonus, before_any, no_line]


@pytest.mark.parametrize("size", [5, 50])
def test_a_reimport_that_renumbers_and_archives_runs_a_fixed_number_of_queries(
    size, list_shape, django_assert_num_queries
):
    texts = [f"第 {n} 个需要说清楚的问题是什么？" for n in range(1, size + 1)]
    import_markdown(listed(*texts), "l.md")
    moved = ["插在最前面的一个全新问题是什么？", *texts[:-1]]  # one new, all moved, one gone
    # as many for 5 questions as for 50; 12 + 2 for the history (key points, revisions) + 1
    # for the topic's stored question counts + 1 for the readings chosen for the files' names
    with django_assert_num_queries(16):
        report = import_markdown(listed(*moved), "l.md")
    assert summary(report) == {"created": 1, "updated": size - 1, "unchanged": 0, "archived": 1}
    assert Question.objects.get(text="插在最前面的一个全新问题是什么？").number == 1
    assert Question.objects.get(text=texts[0]).number == 2


def test_a_new_renderer_renders_a_curators_text_again_without_replacing_it(monkeypatch):
    from questionbank import importing, parsing

    import_markdown(TEXT, "t.md")
    question = Question.objects.get(number=1)
    question.text = "一是**什么**？（策展人修正）"
    question.refresh_derived()
    question.save()
    Question.objects.filter(pk=question.pk).update(text_html="<p>old renderer</p>")
    key_points = list(KeyPoint.objects.values_list("id", flat=True))
    newer = parsing.VERSIONS + ";renderer-next"
    monkeypatch.setattr(parsing, "VERSIONS", newer)  # the file's content hash
    monkeypatch.setattr(importing, "VERSIONS", newer)  # each question's
    report = import_markdown(TEXT, "t.md")
    assert summary(report) == {"created": 0, "updated": 3, "unchanged": 0, "archived": 0}
    assert [d.parts for d in report.files[0].questions] == [["rendering"]] * 3
    question.refresh_from_db()
    assert question.text == "一是**什么**？（策展人修正）"
    assert question.text_html == "<p>一是<strong>什么</strong>？（策展人修正）</p>\n"
    assert list(KeyPoint.objects.values_list("id", flat=True)) == key_points  # same extraction


# --- The same, through the real readers (no stand-in) ---------------------------------------


def headings_file(*groups: tuple[str, list[str]]) -> str:
    parts = ["# 容器面试题", ""]
    for group, questions in groups:
        parts += [f"## {group}", ""]
        for number, question in enumerate(questions, start=1):
            parts += [
                f"### {number}. {question}",
                "",
                f"{question[:2]}的答案：要点一，要点二。",
                "",
            ]
    return "\n".join(parts)


def test_a_headings_file_keeps_groups_and_a_typo_fix_is_an_update():
    first = headings_file(
        ("一、Docker 基础", ["镜像和容器有什么区别？", "什么是 Dockerfile 多阶段构建？"]),
        ("二、Kubernets 调度", ["Pod 调度失败怎么排查？"]),
    )
    report = import_markdown(first, "groups.md")
    assert report.ok and report.files[0].result.topic.shape == "headings"
    rows = list(Question.objects.order_by("number").values_list("number", "group", "text"))
    # Numbers restart per group in the file: the bank numbers them in file order, groups kept.
    assert rows == [
        (1, "一、Docker 基础", "镜像和容器有什么区别？"),
        (2, "一、Docker 基础", "什么是 Dockerfile 多阶段构建？"),
        (3, "二、Kubernets 调度", "Pod 调度失败怎么排查？"),
    ]
    pks = dict(Question.objects.values_list("text", "pk"))
    fixed = first.replace("Dockerfile 多阶段构建", "Dockerfile 的多阶段构建")
    report = import_markdown(fixed, "groups.md")
    assert summary(report)["created"] == 0 and summary(report)["archived"] == 0
    assert Question.objects.get(pk=pks["什么是 Dockerfile 多阶段构建？"]).text == (
        "什么是 Dockerfile 的多阶段构建？"
    )


# --- Tests that would catch the next bug (issue 11) -----------------------------------------


def test_a_file_where_only_a_follow_up_changed_updates_that_question():
    with_follow_up = TEXT.replace("1. 一是什么？\n", "1. 一是什么？\n   - 追问: 甲和乙哪个先？\n")
    import_markdown(with_follow_up, "t.md")
    assert Question.objects.get(number=1).follow_ups == ["甲和乙哪个先？"]
    changed = with_follow_up.replace("甲和乙哪个先？", "乙为什么在后？")
    report = import_markdown(changed, "t.md")
    assert summary(report) == {"created": 0, "updated": 1, "unchanged": 2, "archived": 0}
    assert [d.parts for d in report.files[0].questions if d.parts] == [["follow_ups"]]
    assert Question.objects.get(number=1).follow_ups == ["乙为什么在后？"]


@pytest.mark.parametrize("parse_unchanged", [True, False])
def test_a_new_parser_version_imports_unchanged_bytes_again(monkeypatch, parse_unchanged):
    from questionbank import importing, parsing

    import_markdown(TEXT, "t.md")
    Question.objects.filter(number=1).update(text_html="<p>old renderer</p>")
    newer = parsing.VERSIONS.replace("parser-", "parser-next-")
    monkeypatch.setattr(parsing, "VERSIONS", newer)
    monkeypatch.setattr(importing, "VERSIONS", newer)
    report = import_sources([Source("t.md", TEXT.encode())], parse_unchanged=parse_unchanged)
    assert not report.files[0].skipped
    assert summary(report) == {"created": 0, "updated": 3, "unchanged": 0, "archived": 0}
    assert Question.objects.get(number=1).text_html == "<p>一是什么？</p>\n"


def test_a_question_stored_before_part_hashes_still_notices_a_changed_follow_up():
    with_follow_up = TEXT.replace("1. 一是什么？\n", "1. 一是什么？\n   - 追问: 甲和乙哪个先？\n")
    import_markdown(with_follow_up, "t.md")
    Question.objects.update(part_hashes={})  # as imported by an older version
    report = import_markdown(with_follow_up.replace("甲和乙哪个先？", "乙为什么在后？"), "t.md")
    assert summary(report)["updated"] >= 1
    assert Question.objects.get(number=1).follow_ups == ["乙为什么在后？"]


def _three_files(tmp_path):
    for n in range(3):
        text = TEXT.replace("# 主题", f"# 主题 {n}")
        (tmp_path / f"t{n}.md").write_text(f"---\nslug: t{n}\n---\n{text}", encoding="utf-8")
    return read_paths([str(tmp_path)])


def test_a_large_import_keeps_counts_not_every_question(tmp_path, monkeypatch):
    """Without detail the report lets go of each parsed topic and per-question line once the
    file is written: memory does not grow with the number of files."""
    from questionbank import importing, parsing

    hashed = []
    real_hash = parsing.content_hash

    def counting(data, **kwargs):
        hashed.append(len(data))
        return real_hash(data, **kwargs)

    monkeypatch.setattr(parsing, "content_hash", counting)
    monkeypatch.setattr(importing, "content_hash", counting)
    sources, failures = _three_files(tmp_path)
    assert all(source.data is None for source in sources)  # read when needed, not all at once
    report = import_sources(sources, failures=failures, detail=False)
    assert report.ok and report.written
    assert len(hashed) == 3  # each file hashed once
    for file_report in report.files:
        assert file_report.result.topic is None and file_report.questions == []
        assert file_report.slug in {"t0", "t1", "t2"}
        assert (
            file_report.summary.created
            == Question.objects.filter(topic__slug=file_report.slug).count()
        )
    assert Topic.objects.count() == 3


def test_a_large_import_parses_each_file_once(tmp_path, monkeypatch):
    from questionbank import importing

    parsed = []
    real_parse = importing._parse
    monkeypatch.setattr(importing, "_parse", lambda *a: parsed.append(a[0].name) or real_parse(*a))
    sources, failures = _three_files(tmp_path)
    report = import_sources(sources, failures=failures, detail=False)
    assert report.written and sorted(parsed) == sorted(s.name for s in sources)


def test_a_large_import_with_two_files_for_one_topic_writes_nothing(tmp_path):
    sources, failures = _three_files(tmp_path)
    text = (tmp_path / "t0.md").read_text(encoding="utf-8")
    (tmp_path / "t1.md").write_text(text, encoding="utf-8")  # both say slug t0
    report = import_sources(sources, failures=failures, detail=False)
    assert not report.ok and not report.written
    assert {p.code for f in report.files for p in f.result.errors} == {"slug_shared"}
    assert Topic.objects.count() == 0


def test_a_large_import_with_a_bad_file_still_writes_nothing(tmp_path):
    sources, failures = _three_files(tmp_path)
    (tmp_path / "t1.md").write_bytes(b"\xff\xfe not utf-8")
    report = import_sources(sources, failures=failures, detail=False)
    assert not report.ok and not report.written
    assert [f.ok for f in report.files] == [True, False, True]
    assert Topic.objects.count() == 0


def test_a_file_that_cannot_be_read_is_reported_by_name(tmp_path):
    sources, _ = _three_files(tmp_path)
    (tmp_path / "t2.md").unlink()  # gone between listing and reading
    report = import_sources(sources)
    assert not report.ok
    bad = [f for f in report.files if not f.ok]
    assert [f.path for f in bad] == [str(tmp_path / "t2.md")]
    assert bad[0].result.errors[0].code == "unreadable"


def test_a_new_question_on_the_number_of_one_archived_long_ago_moves_that_one_away(list_shape):
    import_markdown(listed("甲是什么？", "乙是什么？", "丙是什么？"), "l.md")
    import_markdown(listed("甲是什么？", "乙是什么？"), "l.md")  # 丙 archived, still number 3
    old = Question.objects.get(text="丙是什么？")
    assert old.archived and old.number == 3
    report = import_markdown(listed("甲是什么？", "乙是什么？", "丁是做什么用的？"), "l.md")
    assert report.ok
    assert summary(report) == {"created": 1, "updated": 0, "unchanged": 2, "archived": 0}
    after = ids_by_text()
    assert after["丁是做什么用的？"][1:] == (3, False)
    assert (
        after["丙是什么？"][0] == old.pk and after["丙是什么？"][1] > 3 and after["丙是什么？"][2]
    )
