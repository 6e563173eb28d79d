"""A file that is one question (questionbank/readers/single.py)."""

from __future__ import annotations

from tests.questionbank.shapes import imported, parse_shape, parse_text, summary


def test_one_question_with_an_answer_section_and_references_of_its_own():
    topic = imported(parse_shape("single_answer_section.md"))
    assert topic.shape == "single"
    assert topic.title == "Drain a node safely"
    assert summary(topic) == [
        (1, "", "How do you take a Kubernetes node out of service without dropping traffic?", True)
    ]
    answer = topic.questions[0].answer_md
    assert answer.startswith("- Cordon the node") and "kubectl drain" not in answer
    assert topic.difficulty == "middle"


def test_a_title_worded_as_a_question_is_the_question_and_the_text_below_its_answer():
    topic = imported(parse_shape("single_title_question.md"))
    assert topic.shape == "single"
    assert summary(topic) == [(1, "", "为什么 Redis 单线程还这么快？", True)]
    assert "IO 多路复用" in topic.questions[0].answer_md
    assert "Redis 文档" not in topic.questions[0].answer_md  # 参考 is the file's own


def test_a_title_that_does_not_ask_makes_no_question():
    result = parse_text("# Redis 笔记\n\n内存数据库，单线程。\n\n## 参考\n\n- 文档\n")
    assert not result.ok
    assert result.errors[0].code == "no_shape"


def test_one_answer_section_of_one_part_of_a_file_is_not_a_one_question_file():
    result = parse_text(
        "# Redis\n\n## 基础\n\n内存数据库。\n\n### 答案\n\n单线程。\n\n## 集群\n\n哈希槽。\n"
    )
    assert not result.ok


def test_a_title_that_asks_over_sections_answering_it_is_one_question():
    # front matter names the question; a few sub-headings of the answer are worded as
    # questions ("如何选择拒绝策略？"), explaining little of the file: still its answer
    topic = imported(parse_shape("single_title_question_sections.md"))
    assert topic.shape == "single"
    [question] = topic.questions
    assert question.text == "为什么不建议通过Executors构建线程池？"
    assert "无界的 LinkedBlockingQueue" in question.answer_md
    assert "如何选择拒绝策略" in question.answer_md


def test_a_title_that_asks_over_a_list_of_questions_is_not_one_question():
    text = "# 你真的懂 Redis 吗？\n\n" + "".join(
        f"- Redis 的第 {n} 个问题是什么？\n  答案 {n}。\n" for n in range(1, 6)
    )
    topic = imported(parse_text(text))
    assert len(topic.questions) == 5


ONE_QUESTION_IN_PARTS = """\
## 4. Explain how a Kubernetes Service finds its pods
### Question

How does a Service know which pods to send traffic to, and what happens when a pod dies?

### Short explanation

Checks that you know labels, selectors and endpoints.

### Answer

A Service selects pods by label; the endpoints controller keeps the list of ready pod IPs.

### Detailed explanation
#### Step 1: Selectors
- The selector is matched against pod labels.
- Only ready pods become endpoints.

#### Step 2: What to check
```bash
kubectl get endpoints my-svc
```

### Key takeaway

Labels, not names, tie a Service to its pods.
"""


def test_one_question_section_and_one_answer_section_under_a_heading_are_one_question():
    # No H1: the opening "##" heading is the title; "### Question" holds the question's words,
    # "### Answer" and the sections after it (steps with "####" headings of their own) answer.
    topic = imported(parse_text(ONE_QUESTION_IN_PARTS, name="04-service.md"))
    assert topic.shape == "single"
    [question] = topic.questions
    assert question.text == (
        "4. Explain how a Kubernetes Service finds its pods\n\n"
        "How does a Service know which pods to send traffic to, and what happens when a pod dies?"
    )
    assert question.answer_md.startswith("A Service selects pods by label")
    assert "kubectl get endpoints my-svc" in question.answer_md
    assert question.answer_md.endswith("Labels, not names, tie a Service to its pods.")


def test_a_question_section_holding_a_list_is_still_the_seed_formats():
    text = ONE_QUESTION_IN_PARTS.replace(
        "How does a Service know which pods to send traffic to, and what happens when a pod dies?",
        "1. How does a Service find pods?\n2. What happens when a pod dies?",
    )
    result = parse_text(text, name="04-service.md")
    assert not (result.ok and result.topic.shape == "single")


def test_a_title_asking_over_headings_that_ask_parts_of_it_is_one_question():
    # No question mark in the title, but it asks ("解释一下…"), its answer opens right below
    # it, and each heading that asks is about its subject (闭包): the parts of one answer.
    text = (
        "# 解释一下JavaScript中的闭包是什么以及它的作用\n\n闭包是能访问外层作用域变量的函数。\n\n"
        "### 什么是闭包？\n\n函数和它创建时的词法环境。\n\n"
        "### 如何创建闭包？\n\n在函数里定义并返回另一个函数。\n\n"
        "### 闭包的作用\n\n私有变量、保持状态。\n\n### 注意事项\n\n小心内存泄漏。\n"
    )
    topic = imported(parse_text(text, name="closure.md"))
    assert topic.shape == "single"
    [question] = topic.questions
    assert question.text == "解释一下JavaScript中的闭包是什么以及它的作用"
    assert question.answer_md.startswith("闭包是能访问外层作用域变量的函数。")
    assert "### 如何创建闭包？" in question.answer_md and "小心内存泄漏" in question.answer_md


def test_a_title_asking_over_questions_about_other_subjects_is_no_one_question():
    text = (
        "# 解释一下Kubernetes是什么\n\nKubernetes 是容器编排系统。\n\n"
        "### Pod 是什么？\n\n最小的调度单位。\n\n### Service 如何发现后端？\n\n靠标签选择器。\n\n"
        "### Ingress 的作用\n\n七层入口。\n"
    )
    result = parse_text(text, name="k8s.md")
    assert not (result.ok and result.topic.shape == "single")
