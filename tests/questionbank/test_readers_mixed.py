"""mixed.py: a file that no one reading explains is read section by section (files written here
for the test)."""

from __future__ import annotations

from tests.questionbank.shapes import SHAPES, imported, parse_shape, parse_text, summary

MIXED = (SHAPES / "mixed_sections.md").read_text(encoding="utf-8")


def test_each_section_is_read_with_the_reader_that_fits_it_and_keeps_its_title_as_group():
    result = parse_shape("mixed_sections.md")
    topic = imported(result)
    assert summary(topic) == [
        (1, "一、快问快答", "什么是容器？", False),
        (2, "一、快问快答", "镜像和容器有什么区别？", False),
        (3, "一、快问快答", "什么是镜像仓库？", False),
        (4, "二、深入问题", "多阶段构建是怎么工作的？", True),
        (5, "二、深入问题", "容器的资源限制是怎么实现的？", True),
        (6, "三、实操题", "如何查看一个容器的日志？", True),
        (7, "三、实操题", "如何进入一个正在运行的容器？", True),
    ]
    assert topic.questions[5].answer_md.startswith("`docker logs -f <容器>`")
    assert [note.title for note in topic.notes] == ["参考资料"]
    assert topic.background_md.startswith("这份清单按主题整理")
    assert topic.shape_evidence.startswith("read section by section:")
    assert "'一、快问快答' as a bare list of questions" in topic.shape_evidence
    assert "'三、实操题' as <details> pairs" in topic.shape_evidence
    assert "'参考资料' kept as a note" in topic.shape_evidence
    # one warning about the unanswered questions of the whole file, not one per section
    assert [w.code for w in result.warnings] == ["unanswered"]
    assert "3 of 7 questions have no answer" in result.warnings[0]


def test_a_section_holding_a_question_no_reading_takes_refuses_the_file():
    text = MIXED.replace("官方文档的", "为什么多阶段构建能让镜像更小？\n\n还有一点：官方文档的")
    result = parse_text(text)
    assert not result.ok and result.topic is None
    assert result.errors  # the whole-file reading's refusal, naming what it saw


def test_a_section_with_a_doubt_refuses_the_file():
    # "7 . q" is a question that CommonMark does not list: the section's reading would drop it
    text = MIXED.replace("- 什么是镜像仓库？", "- 什么是镜像仓库？\n\n7 . 什么是数据卷？")
    result = parse_text(text)
    assert not result.ok


def test_a_section_repeating_all_the_questions_of_the_others_is_a_table_of_contents():
    contents = "## 目录\n\n- 多阶段构建是怎么工作的？\n- 容器的资源限制是怎么实现的？\n\n"
    topic = imported(parse_text(MIXED.replace("## 一、快问快答", contents + "## 一、快问快答")))
    assert len(topic.questions) == 7
    assert "'目录' a table of contents of the other sections" in topic.shape_evidence


def test_a_section_repeating_some_questions_of_the_others_refuses_the_file():
    contents = "## 目录\n\n- 多阶段构建是怎么工作的？\n- 什么是 overlay 网络？\n\n"
    result = parse_text(MIXED.replace("## 一、快问快答", contents + "## 一、快问快答"))
    assert not result.ok


def test_sections_whose_headings_are_questions_are_never_split():
    # the headings are the questions: their "sections" are answers, read as one file or refused
    text = (
        "# T\n\n## 什么是容器？\n\n- 轻量\n- 隔离\n\n## 什么是镜像？\n\n### 分层\n\n只读层叠加。\n"
    )
    result = parse_text(text)
    assert not result.ok or all(q.text.startswith("什么是") for q in result.topic.questions)


def test_mostly_notes_beside_a_few_question_headings_stays_refused():
    # a prose section beside question headings may be a question not worded as one: not a note
    text = MIXED.split("## 一、快问快答")[0] + (
        "## 部署\n\n我们的部署分为三个阶段。\n每个阶段都有检查清单。\n回滚保留三个版本。\n"
        "监控错误率和延迟。\n\n## 值班\n\n每周一人主值班。\n告警十五分钟内响应。\n"
        "重大故障拉群。\n复盘一周内完成。\n\n## 发布\n\n### 什么是灰度？\n\n先给少数用户。\n"
        "\n### 如何回滚？\n\n切回上一个镜像。\n"
    )
    result = parse_text(text)
    assert not result.ok
    assert result.errors[0].code == "shape_partial"
    assert "'## 部署', '## 值班'" in result.errors[0]


def test_a_section_that_mixes_shapes_itself_is_split_one_level_deeper():
    text = MIXED.replace(
        "## 二、深入问题",
        "## 二、进阶\n\n### 概念\n\n- 什么是 cgroups？\n- 什么是 namespace？\n\n### 问答",
    )
    text = text.replace("### 多阶段构建", "#### 多阶段构建").replace(
        "### 容器的资源", "#### 容器的资源"
    )
    topic = imported(parse_text(text))
    assert [q.group for q in topic.questions][3:7] == ["概念", "概念", "问答", "问答"]
    assert len(topic.questions) == 9


def test_notes_sections_beside_a_question_list_with_statements_holding_question_words():
    # "选型不同" in one statement of a list of conclusions does not make the list ask
    result = parse_shape("mixed_notes_with_statements.md")
    topic = imported(result)
    assert [(q.group, q.text, q.has_answer) for q in topic.questions] == [
        ("高频追问速答", "CI 绿了为什么还不够？", True),
        ("高频追问速答", "滚动更新时 chunk 404 怎么解释？", True),
        ("高频追问速答", "前端容器为什么强调非 root？", True),
    ]
    assert [n.title for n in topic.notes] == ["一句话定位", "核心结论卡", "反例"]


def test_a_doubt_about_the_whole_file_is_not_read_away_section_by_section():
    # three questions of 25 with text under them: notes or answers? (few_answers) Reading the
    # sections alone would make the first one's text look like answers: still refused
    first = (
        "".join(f"- 什么是概念 {n}？\n\n  提示：想想第 {n} 章。\n\n" for n in range(1, 4))
        + "- 什么是概念 4？\n\n"
    )
    second = "".join(f"- 什么是术语 {n}？\n" for n in range(1, 22))
    result = parse_text(f"# T\n\n## 基础\n\n{first}## 进阶\n\n{second}")
    assert not result.ok
    assert result.errors[0].code == "few_answers"


def test_question_headings_are_read_together_beside_a_section_of_another_shape():
    result = parse_shape("mixed_question_headings_and_lists.md")
    topic = imported(result)
    assert summary(topic) == [
        (1, "", "What is a Pod?", True),
        (2, "", "How does a Service find its Pods?", True),
        (3, "", "Why would a Pod be evicted?", True),
        (4, "Quick-fire round", "What is a DaemonSet?", False),
        (5, "Quick-fire round", "What is a Job?", False),
        (6, "Quick-fire round", "What is a ConfigMap?", False),
    ]
    assert [note.title for note in topic.notes] == ["Further reading"]
    assert "'3 question headings from '1. What is a P' as a heading per question" in (
        topic.shape_evidence
    )


def test_one_question_heading_alone_between_other_sections_refuses_the_file():
    text = (SHAPES / "mixed_question_headings_and_lists.md").read_text(encoding="utf-8")
    text = text.replace("## 2. How does", "## Words\n\nA glossary of terms.\n\n## 2. How does")
    text = text.replace("## 3. Why would", "## More words\n\nAnother glossary.\n\n## 3. Why would")
    assert not parse_text(text).ok
