"""The Markdown format contract (DESIGN.md "The Markdown format"), one rule per test. No database."""

from __future__ import annotations

import textwrap

import pytest

from questionbank.parsing import content_hash, parse_topic, slugify
from tests.conftest import fixture_bytes


def parse(text: str, name: str = "topic.md", **kwargs):
    return parse_topic(textwrap.dedent(text).encode(), filename=name, **kwargs)


def ok(text: str, name: str = "topic.md"):
    result = parse(text, name)
    assert result.ok, result.errors
    return result.topic


BASIC = """\
# 测试主题

## 问题

**背景**：一段背景。

**问题**：
1. 第一个问题？
2. 第二个问题？

---

## 标准答案

### 1. 第一个答案

#### **要点甲**：
说明甲。

#### **要点乙**：
说明乙。

### 2. 第二个答案

- 条目一
- 条目二
"""


# --- The seed file -----------------------------------------------------------------------------


def test_seed_file_imports_every_part():
    result = parse_topic(fixture_bytes("kubernetes.md"), filename="kubernetes.md")
    assert result.ok and result.warnings == []
    topic = result.topic
    assert topic.slug == "kubernetes"
    assert topic.title == "容器编排 (Kubernetes)"
    assert topic.background_md.startswith("随着容器化技术的普及")
    assert [q.number for q in topic.questions] == list(range(1, 11))
    assert topic.questions[7].text == "请描述 Kubernetes 的调度流程"
    assert [q.answer_title for q in topic.questions][:3] == [
        "容器编排概述",
        "Kubernetes 核心架构",
        "Pod、Deployment、Service",
    ]
    assert all(q.has_answer and 3 <= len(q.key_points) <= 12 for q in topic.questions)
    assert [e.title for e in topic.experiences] == [
        "场景 1:高可用部署",
        "场景 2:自动扩缩容(HPA)",
        "场景 3:配置管理",
    ]
    assert [c.name for c in topic.bonus] == [
        "架构设计能力",
        "深度理解",
        "性能调优",
        "生产实践",
        "云原生生态",
        "安全实践",
        "成本优化",
    ]
    assert topic.bonus[0].items[0] == "设计过大规模 Kubernetes 集群(1000+ 节点)"
    assert topic.notes == []


def test_seed_key_points_come_from_structure_not_code():
    topic = parse_topic(fixture_bytes("kubernetes.md"), filename="kubernetes.md").topic
    by_number = {q.number: [kp.text for kp in q.key_points] for q in topic.questions}
    assert by_number[2] == [
        "API Server( apiserver)",
        "etcd",
        "Scheduler(调度器)",
        "Controller Manager",
        "kubelet",
        "kube-proxy",
    ]
    assert "预选(Predicate):过滤掉不符合条件的节点" in by_number[8]
    assert by_number[7][:5] == [  # a table row is a point with what its cells say (issue 10)
        "emptyDir：临时目录,Pod 删除后数据丢失 / 临时缓存",
        "hostPath：主机路径,Pod 删除后数据保留 / 日志收集、监控",
        "PersistentVolumeClaim：持久化存储 / 数据库、应用数据",
        "ConfigMap：配置文件 / 应用配置",
        "Secret：敏感数据 / 密钥、证书",
    ]
    every_point = [text for points in by_number.values() for text in points]
    # Nothing from the YAML or bash fences (apiVersion:, kubectl ..., replicas: 3 ...).
    assert not any(
        p.startswith(("apiVersion", "kubectl", "replicas", "kind:")) for p in every_point
    )
    # Box-drawing art in the architecture diagram is not a point either.
    assert not any(set(p) & set("┌┐└┘─") for p in every_point)


@pytest.mark.parametrize("name", ["cicd.md", "observability.md", "rpc.md", "service-mesh.md"])
def test_every_demo_topic_parses_cleanly(name):
    result = parse_topic(fixture_bytes(name), filename=name)
    assert result.ok and result.warnings == []
    topic = result.topic
    assert 5 <= len(topic.questions) <= 10
    assert all(q.has_answer and len(q.key_points) >= 3 for q in topic.questions)
    assert topic.experiences and topic.bonus
    assert any(q.follow_ups for q in topic.questions)


# --- Fenced code is opaque ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "fence",
    [
        "```yaml\n# 1. 不是标题\n### 2. 也不是答案\n```",
        "```\n# comment\n### 2. fake\n```",
        "~~~bash\n# install\n### 2. fake\n~~~",
        "````\n```\n### 2. fake\n```\n````",
    ],
)
def test_headings_inside_fences_are_code(fence):
    topic = ok(
        """\
        # T

        ## 问题

        1. 只有一个问题？
        2. 第二个？

        ## 标准答案

        ### 1. 答案

        FENCE

        ### 2. 第二个答案

        说明。
        """.replace("FENCE", fence.replace("\n", "\n        "))
    )
    first = topic.questions[0]
    assert "fake" in first.answer_md or "不是标题" in first.answer_md
    assert "### 2." in first.answer_md  # the fenced heading stayed inside answer 1
    assert topic.questions[1].answer_title == "第二个答案"
    assert topic.notes == []


# --- Answers and other sections ----------------------------------------------------------------


def test_answers_match_questions_by_number_not_order_or_title():
    topic = ok(
        """\
        # T
        ## 问题
        1. 苹果是什么？
        2. 香蕉是什么？
        ## 标准答案
        ### 2. 关于香蕉
        香蕉答案。
        ### 1. 关于苹果
        苹果答案。
        """
    )
    assert topic.questions[0].answer_md == "苹果答案。"
    assert topic.questions[1].answer_md == "香蕉答案。"
    assert topic.questions[0].answer_title == "关于苹果"


@pytest.mark.parametrize(
    "title",
    ["### 3. 阿里 P7 加分项", "### 2. 加分项", "### 9. Bonus points", "### P7 加分点"],
)
def test_bonus_sections_are_recognised_by_title_whatever_their_number(title):
    topic = ok(
        f"""\
        # T
        ## 问题
        1. 一？
        2. 二？
        ## 标准答案
        ### 1. 一
        答案一的说明。
        {title}
        **架构**：
        - 设计过大集群
        """
    )
    assert [(c.name, c.items) for c in topic.bonus] == [("架构", ["设计过大集群"])]
    if title.startswith("### 2."):
        assert not topic.questions[1].has_answer  # the bonus section is not answer 2


@pytest.mark.parametrize(
    "title", ["### 3. 实际项目经验", "### 项目实践", "### 4. Real-World Project Experience"]
)
def test_experience_sections_are_recognised_by_title(title):
    topic = ok(
        f"""\
        # T
        ## 问题
        1. 一？
        ## 标准答案
        ### 1. 一
        答案一的说明。
        {title}
        #### 场景 1：灰度发布
        做法一。
        #### 场景 2：扩容
        做法二。
        """
    )
    assert [e.title for e in topic.experiences] == ["场景 1：灰度发布", "场景 2：扩容"]
    assert topic.experiences[0].body_md == "做法一。"


def test_bonus_and_experience_may_be_their_own_h2_sections():
    topic = ok(
        """\
        # T
        ## 面试题
        1. 一？
        ## 参考答案
        ### 1. 一
        答案一的说明。
        ## 项目实践
        一个项目。
        ## 加分项
        - 读过源码
        - 写过插件
        """
    )
    assert [e.title for e in topic.experiences] == ["项目实践"]
    assert topic.bonus[0].name == "" and topic.bonus[0].items == ["读过源码", "写过插件"]


def test_numbered_section_beyond_the_questions_becomes_a_note_with_a_warning():
    result = parse(
        """\
        # T
        ## 问题
        1. 一？
        ## 标准答案
        ### 1. 一
        答案一的说明。
        ### 5. 常见误区
        误区说明。
        """
    )
    assert result.ok
    assert [n.title for n in result.topic.notes] == ["常见误区"]
    assert result.topic.notes[0].body_md == "误区说明。"
    assert result.warnings == ["line 7: '5. 常见误区' matches no question; it is kept as a note"]


def test_a_question_without_an_answer_imports_with_a_warning_naming_it():
    result = parse(BASIC.replace("### 2. 第二个答案\n\n- 条目一\n- 条目二\n", ""))
    assert result.ok
    assert not result.topic.questions[1].has_answer
    assert result.warnings == ["line 9: question 2 has no standard answer"]


def test_numbered_lists_in_other_sections_are_notes_never_questions():
    topic = ok(
        """\
        # T
        ## 常见错误
        1. 错误一
        2. 错误二
        ## 问题
        1. 真问题？
        ## 标准答案
        ### 1. 答
        答案的完整说明。
        ## 追问方向
        ### 1. 关于一
        - 追问甲
        ### 2. 关于二
        - 追问乙
        ## 易错点
        1. 易错一
        """
    )
    assert [q.text for q in topic.questions] == ["真问题？"]
    assert [n.title for n in topic.notes] == ["常见错误", "追问方向", "易错点"]
    assert "### 2. 关于二" in topic.notes[1].body_md


# --- Vocabulary and punctuation ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("questions", "answers"),
    [
        ("## 问题", "## 标准答案"),
        ("## 高频问题", "## 参考答案"),
        ("## 面试题", "## 答案"),
        ("## 题目", "## 解答"),
        ("## Questions", "## Standard Answers"),
        ("## Interview Questions", "## Answers"),
        ("## ❓ 面试高频问题", "## 🎯 参考答案"),
    ],
)
def test_section_vocabulary_in_chinese_and_english(questions, answers):
    topic = ok(BASIC.replace("## 问题", questions).replace("## 标准答案", answers))
    assert len(topic.questions) == 2 and topic.questions[1].answer_md == "- 条目一\n- 条目二"


@pytest.mark.parametrize(
    "heading",
    [
        "### 1. 第一个答案",
        "### 1、第一个答案",
        "### 1．第一个答案",
        "### 1：第一个答案",
        "### 1) 第一个答案",
    ],
)
def test_full_width_and_ascii_punctuation_after_answer_numbers(heading):
    topic = ok(BASIC.replace("### 1. 第一个答案", heading))
    assert topic.questions[0].answer_title == "第一个答案"


@pytest.mark.parametrize("label", ["**问题**：", "**问题**:", "**问题：**", "**Questions**:"])
def test_question_label_with_either_colon(label):
    topic = ok(BASIC.replace("**问题**：", label))
    assert topic.background_md == "一段背景。"
    assert [q.text for q in topic.questions] == ["第一个问题？", "第二个问题？"]


def test_questions_as_numbered_headings():
    topic = ok(
        """\
        # Kafka
        ## 高频问题
        ### 1. Kafka 为什么吞吐量高？
        ### 2. ISR 是什么？
        ## 参考答案
        ### 1. Kafka 为什么吞吐量高？
        顺序写。
        ### 2. ISR 是什么？
        同步副本集合。
        """
    )
    assert [q.text for q in topic.questions] == ["Kafka 为什么吞吐量高？", "ISR 是什么？"]
    assert topic.questions[1].answer_md == "同步副本集合。"


def test_question_headings_with_an_inline_answer_label():
    topic = ok(
        """\
        # 指南
        ## 面试高频问题
        ### Q1: 云原生的特征是什么？
        **面试官想了解什么**：概念。

        **🎯 标准答案**：

        - 容器化
        - 微服务
        ### Q2: 容器的优势？
        **标准答案**：环境一致。
        """
    )
    first, second = topic.questions
    assert first.text.startswith("云原生的特征是什么？") and "面试官想了解什么" in first.text
    assert first.answer_md == "- 容器化\n- 微服务"
    assert [kp.text for kp in first.key_points] == ["容器化", "微服务"]
    assert second.answer_md.startswith("环境一致")
    assert second.answer_plain.startswith("环境一致")  # what search and scoring read


def test_follow_ups_under_a_question_item():
    topic = ok(
        """\
        # T
        ## 面试题
        1. `"use client"` 放在哪里？
           - 追问：为什么不放在页面顶部？
           - 追问: 如何重构？
        2. Second?
           - Follow-up: why not the other way?
           - an ordinary detail
        ## 标准答案
        ### 1. 边界
        答案的完整说明。
        """
    )
    first, second = topic.questions
    assert first.text == '`"use client"` 放在哪里？'
    assert first.follow_ups == ["为什么不放在页面顶部？", "如何重构？"]
    assert second.follow_ups == ["why not the other way?"]
    assert second.text == "Second?\n- an ordinary detail"  # as written, minus the follow-up


def test_single_question_file_takes_the_whole_answer_section():
    topic = ok(
        """\
        ---
        title: 性能调优
        ---
        ## 题目

        Node.js 性能调优：如何分析和优化？

        ---

        ## 标准答案

        ### 1. 性能分析工具
        用 clinic。
        ### 2. 常见问题
        内存泄漏。
        ## 扩展阅读
        - 链接
        """,
        "第8题.md",
    )
    assert topic.title == "性能调优"
    assert len(topic.questions) == 1
    answer = topic.questions[0].answer_md
    assert "### 1. 性能分析工具" in answer and "### 2. 常见问题" in answer
    assert [n.title for n in topic.notes] == ["扩展阅读"]


def test_single_question_after_a_label_with_code():
    topic = ok(
        """\
        ## 题目

        **考察点**：事件循环

        **问题**：说明下面代码的输出顺序：

        ```javascript
        console.log(1)
        ```

        ## 标准答案

        1 然后 2。
        """,
        "event-loop.md",
    )
    question = topic.questions[0]
    assert question.text.startswith("说明下面代码的输出顺序：")
    assert "console.log(1)" in question.text
    assert topic.background_md == "**考察点**：事件循环"


# --- Encoding, front matter, slugs -------------------------------------------------------------


def test_bom_and_crlf_and_cr_are_the_same_file():
    plain = parse(BASIC)
    crlf = parse_topic(b"\xef\xbb\xbf" + BASIC.replace("\n", "\r\n").encode(), filename="topic.md")
    cr = parse_topic(BASIC.replace("\n", "\r").encode(), filename="topic.md")
    for other in (crlf, cr):
        assert other.ok
        assert other.as_dict()["topic"] == plain.as_dict()["topic"]


def test_front_matter_sets_title_slug_tags_and_difficulty():
    topic = ok(
        """\
        ---
        title: "从前言来的标题"
        slug: my-topic
        tags: [istio, envoy]
        difficulty: senior
        date: 2026-01-21
        ---
        ## 问题
        1. 一？
        """,
        "ignored-name.md",
    )
    assert (topic.slug, topic.title, topic.tags, topic.difficulty) == (
        "my-topic",
        "从前言来的标题",
        ["istio", "envoy"],
        "senior",
    )


def test_front_matter_block_list_tags():
    topic = ok("---\ntags:\n  - a\n  - b\n---\n# T\n## 问题\n1. 一？\n")
    assert topic.tags == ["a", "b"]


def test_h1_wins_over_front_matter_title_and_slug_comes_from_the_file_stem():
    topic = ok("---\ntitle: other\n---\n# 真标题\n## 问题\n1. 一？\n", "dir/第2题：Vue 组件通信.md")
    assert topic.title == "真标题"
    assert topic.slug == slugify("第2题：Vue 组件通信") == "第2题vue-组件通信"


def test_html_comments_before_the_title_are_ignored_and_lines_still_count():
    result = parse(
        """\
        <!-- generated_by: interview-trainer -->
        <!-- question_count: 1
        spanning lines -->
        # Kafka
        ## 高频问题
        1. 一？
        """
    )
    assert result.ok
    assert result.topic.title == "Kafka"
    assert "generated_by" not in result.topic.background_md
    assert result.warnings == ["line 6: question 1 has no standard answer"]


def test_a_thematic_break_at_the_top_is_not_front_matter():
    topic = ok("---\n\n# T\n\n## 问题\n\n1. 一？\n")
    assert topic.title == "T"


# --- Rejections: clear errors that name the line -----------------------------------------------


def test_unclosed_front_matter_is_an_error():
    result = parse("---\ntitle: x\n# T\n## 问题\n1. 一？\n")
    assert not result.ok
    assert result.errors == ["line 1: front matter opened with --- is never closed"]


def test_a_file_without_a_question_section_is_rejected():
    result = parse("# 消息队列\n\n**面试官**：你用过 MQ 吗？\n\n**候选人**：用过。\n")
    assert not result.ok and result.topic is None
    assert result.errors[0].startswith("line 1: no question section")


def test_a_question_section_without_questions_is_rejected():
    result = parse("# T\n\n## 问题\n\n## 标准答案\n\n### 1. 答\n\n内容。\n")
    assert not result.ok
    assert result.errors == [
        "line 3: the question section '问题' holds no questions: expected a numbered list "
        "(1. ...) or '### 1.' headings"
    ]


def test_duplicate_question_numbers_are_an_error():
    result = parse("# T\n## 高频问题\n### 1. 一？\n### 1. 又一？\n")
    assert result.errors == ["line 4: question 1 appears twice (lines 3 and 4)"]


def test_duplicate_answers_are_an_error():
    result = parse(BASIC + "\n### 2. 又一个第二答案\n\n内容。\n")
    assert not result.ok
    assert result.errors[0].startswith("line 28: answer 2 appears twice (lines 23 and 28)")


def test_not_utf8_is_rejected_with_the_line():
    data = "# 标题\n## 问题\n1. 一？\n".encode() + "2. 编码错误".encode("gbk")
    result = parse_topic(data, filename="gbk.md")
    assert not result.ok
    assert result.errors[0].startswith("line 4: the file is not UTF-8 text")


def test_binary_files_are_rejected():
    result = parse_topic(b"# T\n\x00\x01\x02", filename="x.md")
    assert result.errors == ["line 2: the file contains NUL bytes; is it a binary file?"]


def test_empty_file_is_rejected():
    assert parse_topic(b"  \n\n", filename="x.md").errors == ["the file is empty"]


def test_file_size_is_capped():
    result = parse_topic(b"x" * 2048, filename="big.md", max_bytes=1024)
    assert result.errors == [
        "the file is 2 KB; the limit is 1 KB per topic file: split it into several topics"
    ]


def test_a_restarted_list_is_not_taken_as_more_questions():
    result = parse("# T\n## 问题\n1. 一？\n2. 二？\n\n说明：\n\n1. 另一个列表\n")
    assert [q.number for q in result.topic.questions] == [1, 2]
    assert "starts again from 1" in " ".join(result.warnings)


def test_numbering_gaps_are_kept_and_reported():
    result = parse("# T\n## 问题\n1. 一？\n2. 二？\n\n4) 四？\n")
    assert [q.number for q in result.topic.questions] == [1, 2, 4]
    assert "missing 3" in " ".join(result.warnings)


# --- Key points --------------------------------------------------------------------------------


def test_explicit_key_points_list_with_weights_replaces_extraction():
    topic = ok(
        BASIC.replace(
            "说明乙。\n",
            "说明乙。\n\n**评分要点**：\n- 甲的定义（权重 3）\n- 乙的取舍 (weight 2)\n- 结论\n",
        )
    )
    question = topic.questions[0]
    assert [(kp.text, kp.weight) for kp in question.key_points] == [
        ("甲的定义", 3),
        ("乙的取舍", 2),
        ("结论", 1),
    ]
    assert "评分要点" not in question.answer_md and question.key_points_explicit


def test_key_points_from_headings_labels_tables_and_trees():
    topic = ok(
        """\
        # T
        ## 问题
        1. 一？
        ## 标准答案
        ### 1. 一
        #### 为什么需要
        ```
        痛点:
        ├─ 部署复杂
        └─ 扩容困难
        ```
        #### 配置示例
        ```yaml
        replicas: 3 # 副本
        ```
        **1. etcd**
        - 分布式存储

        #### 网络插件
        | 插件 | 特点 |
        |---|---|
        | Calico | BGP |
        | Cilium | eBPF |

        | 维度 | Declarative | Scripted |
        |---|---|---|
        | 语法 | 固定 | 灵活 |
        """
    )
    assert [kp.text for kp in topic.questions[0].key_points] == [
        "部署复杂",
        "扩容困难",
        "分布式存储",
        # Issue 10: a row is a point with its cells; a comparison's column headers never are.
        "Calico：BGP",
        "Cilium：eBPF",
        "语法：固定 / 灵活",
    ]


def test_key_points_from_terse_bullets_under_labels_and_prose_beside_them():
    topic = ok(
        """\
        # T
        ## 问题
        1. 一？
        2. 二？
        ## 标准答案
        ### 1. 一
        Raft divides time into terms. Each term has at most one leader.

        **Repairing a follower**:
        - The leader keeps `nextIndex` per follower.
        - **InstallSnapshot**: for a follower too far behind.
        ### 2. 二
        **组件零**
        - 甲零
        - 乙零
        - 丙零
        - 丁零

        **组件一**
        - 甲一
        - 乙一
        - 丙一
        - 丁一

        **组件二**
        - 甲二
        - 乙二
        - 丙二
        - 丁二

        **组件三**
        - 甲三
        - 乙三
        - 丙三
        - 丁三
        """
    )
    first, second = topic.questions
    assert [kp.text for kp in first.key_points] == [
        "Raft divides time into terms.",
        "Each term has at most one leader.",
        "The leader keeps nextIndex per follower.",
        "InstallSnapshot: for a follower too far behind.",
    ]
    # Sixteen bullets do not fit a checklist: the labels are the points, their lines the detail.
    assert [kp.text for kp in second.key_points] == ["组件零", "组件一", "组件二", "组件三"]


def test_a_long_prose_answer_gives_every_paragraph_its_say():
    paragraphs = [" ".join(f"段{p}句{n}说了一件事。" for n in range(1, 5)) for p in "甲乙丙丁戊"]
    topic = ok(BASIC.replace("- 条目一\n- 条目二", "\n\n".join(paragraphs)))
    points = [kp.text for kp in topic.questions[1].key_points]
    assert len(points) == 12
    assert [p for p in points if "句1" in p] == [f"段{p}句1说了一件事。" for p in "甲乙丙丁戊"]
    assert points[:3] == ["段甲句1说了一件事。", "段甲句2说了一件事。", "段甲句3说了一件事。"]
    assert "段戊句2说了一件事。" in points and "段甲句4说了一件事。" not in points


def test_headings_over_paragraphs_give_what_the_paragraphs_say():
    sections = "\n\n".join(
        f"#### 小节{n}\n\n小节{n}的第一句。小节{n}的第二句。小节{n}的第三句。" for n in "一二三四五"
    )
    topic = ok(BASIC.replace("- 条目一\n- 条目二", sections))
    points = [kp.text for kp in topic.questions[1].key_points]
    # Every heading has its first sentence before any has its second; the heading stays as
    # the first one's context.
    assert len(points) == 12
    assert points[:3] == ["小节一：小节一的第一句。", "小节一的第二句。", "小节一的第三句。"]
    assert "小节五：小节五的第一句。" in points and "小节五的第三句。" not in points
    many = "\n\n".join(f"#### 小节{n}\n\n说明{n}。" for n in range(13))
    topic = ok(BASIC.replace("- 条目一\n- 条目二", many))
    assert [kp.text for kp in topic.questions[1].key_points][:2] == ["小节0", "小节1"]


def test_a_bold_label_over_a_paragraph_is_a_point_with_what_the_paragraph_says():
    topic = ok(
        BASIC.replace(
            "- 条目一\n- 条目二",
            "**镜像分层**\n\n每条指令产生一层，层只读可共享。\n\n**联合文件系统**：把各层叠成一个视图。",
        )
    )
    assert [kp.text for kp in topic.questions[1].key_points] == [
        "镜像分层：每条指令产生一层，层只读可共享。",
        "联合文件系统：把各层叠成一个视图。",
    ]


def test_prose_answers_fall_back_to_sentences():
    topic = ok(BASIC.replace("- 条目一\n- 条目二", "它依赖顺序写。并且批量发送！零拷贝也有帮助。"))
    assert [kp.text for kp in topic.questions[1].key_points] == [
        "它依赖顺序写。",
        "并且批量发送！",
        "零拷贝也有帮助。",
    ]


# --- The JSON contract -------------------------------------------------------------------------


def test_as_dict_has_exactly_the_contract_keys():
    data = parse(BASIC).as_dict()
    assert set(data) == {"path", "ok", "errors", "warnings", "shape", "topic"}
    assert set(data["topic"]) == {
        "slug",
        "title",
        "background",
        "questions",
        "experiences",
        "bonus",
        "notes",
    }
    assert data["topic"]["questions"][0] == {
        "number": 1,
        "group": "",
        "text": "第一个问题？",
        "answer_title": "第一个答案",
        "has_answer": True,
        # Issue 10: a heading over a paragraph is a point with what the paragraph says.
        "key_points": ["要点甲：说明甲。", "要点乙：说明乙。"],
        "follow_ups": [],
    }


def test_content_hash_changes_with_the_bytes():
    assert content_hash(b"a") == content_hash(b"a") != content_hash(b"b")


# --- Found in review: numbers, separators, vocabulary, formatting ------------------------------


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ("0. zero", "line 3: question numbers go from 1 to 999; this one is 0"),
        ("999999999. big", "line 3: question numbers go from 1 to 999; this one is 999999999"),
    ],
)
def test_question_numbers_out_of_range_are_errors_at_once(item, message):
    result = parse(f"# T\n## 问题\n{item}\n")
    assert result.errors == [message]


def test_a_dash_line_right_under_text_does_not_swallow_later_answers():
    result = parse(
        "# T\n## 问题\n1. 一？\n2. 二？\n## 标准答案\n### 1. 一\n最后一句。\n---\n### 2. 二\n- 第二答案\n"
    )
    assert result.ok
    assert result.topic.questions[1].answer_md == "- 第二答案"
    assert result.warnings[0].startswith("line 7: the '---' or '===' line right below '最后一句。'")


@pytest.mark.parametrize("title", ["### 2. 实际项目中的选型", "### 2. 加分规则设计"])
def test_answer_titles_that_merely_contain_section_words_stay_answers(title):
    topic = ok(
        f"# T\n## 问题\n1. 一？\n2. 实际项目中如何选择 Ingress 控制器？\n## 标准答案\n### 1. 一\n- 要点一\n{title}\n#### 选型\n说明。\n"
    )
    assert topic.questions[1].answer_md.startswith("#### 选型")
    assert topic.experiences == [] and topic.bonus == []


def test_a_bonus_section_numbered_like_an_unanswered_question_is_reported():
    result = parse(
        "# T\n## 问题\n1. 一？\n2. 二？\n## 标准答案\n### 1. 一\n- 要点\n### 2. 加分项\n- 读过源码\n"
    )
    assert (
        "line 8: '2. 加分项' is read as bonus points, not as the answer to question 2"
        in result.warnings
    )


def test_an_answer_heading_outside_the_answer_section_is_pointed_at():
    result = parse(
        "# T\n## 问题\n1. 一？\n2. 二？\n## 标准答案\n### 1. 一\n- 要点\n## 其他\n### 2. 二\n- 要点\n"
    )
    assert (
        "line 4: question 2 has no standard answer, but line 9 has the heading '2. 二' outside the answer section"
        in result.warnings
    )


def test_text_after_a_label_keeps_its_markdown():
    topic = ok("## 题目\n\n**问题**：如何用 `a*b*c` 和 [链接](https://x.y) 实现？\n", "q.md")
    assert topic.questions[0].text == "如何用 `a*b*c` 和 [链接](https://x.y) 实现？"
    assert "<code>a*b*c</code>" in topic.questions[0].text_html


def test_problems_carry_codes_for_translation():
    result = parse("# T\n## 问题\n1. 一？\n")
    (warning,) = result.warnings
    assert warning == "line 3: question 1 has no standard answer"
    assert (warning.code, warning.line, warning.params) == ("no_answer", 3, {"number": 1})


def test_a_heading_question_without_an_answer_is_not_pointed_at_its_own_heading():
    result = parse(
        "# T\n\n## 面试题\n\n### 1. 什么是 Pod？\n\n### 2. 什么是 Service？\n\n**标准答案**：稳定的入口。\n"
    )
    assert "line 5: question 1 has no standard answer" in result.warnings


def test_group_headings_in_the_question_section_give_the_questions_below_them_a_group():
    """What the export writes for questions with groups: ``### 分组：name`` (or ``Group:``)
    above them; one without a name ends a group; neither background nor a question, and
    unanswered questions below them are still read in the seed format."""
    topic = ok(
        """\
        # 分组

        ## 问题

        **问题**：

        ### 分组：基础

        1. 什么是 Pod？
        2. 什么是 Service？

        ### 分组：

        3. 什么是 Ingress？

        ### Group: 1. 进阶 *二*

        4. 什么是 Operator？

        ## 标准答案

        ### 1. Pod

        最小调度单元。
        """
    )
    assert topic.shape == "seed"
    assert [(q.number, q.group) for q in topic.questions] == [
        (1, "基础"),
        (2, "基础"),
        (3, ""),
        (4, "1. 进阶 二"),
    ]
    assert topic.background_md == ""


def test_the_default_cap_is_256_kb_a_byte_more_is_refused():
    at_cap = parse_topic(b"x" * (256 * 1024), filename="big.md")
    assert not any("per topic file" in error for error in at_cap.errors)
    over = parse_topic(b"x" * (256 * 1024 + 1), filename="big.md")
    assert over.errors == [
        "the file is 256 KB; the limit is 256 KB per topic file: split it into several topics"
    ]


def test_a_slug_cut_to_fit_is_warned_about_one_that_fits_is_not():
    long = "k" * 130
    result = parse_topic(f"---\nslug: {long}\n---\n{BASIC}".encode(), filename="f.md")
    assert result.topic.slug == long[:100]
    assert any("the slug is 130 characters long; it was cut to its first 100" in w
               for w in result.warnings)  # fmt: skip
    fits = parse_topic(f"---\nslug: {'k' * 100}\n---\n{BASIC}".encode(), filename="f.md")
    assert not [w for w in fits.warnings if "characters long" in w]
