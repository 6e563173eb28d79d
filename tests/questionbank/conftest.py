"""Files of other shapes than the seed's, until their readers exist: seed-format test files read
as if a reader of another shape had read them."""

from __future__ import annotations

import pytest


@pytest.fixture
def list_shape(monkeypatch):
    """Seed-format test files read as if by a reader of another shape: numbered in file order,
    a question's group written before it as ``【group】``."""
    from questionbank import importing, rendering

    real = importing.parse_topic

    def parse(data, *, filename, max_bytes, **kwargs):
        result = real(data, filename=filename, max_bytes=max_bytes, **kwargs)
        if result.topic is not None:
            result.topic.shape = "list"
            result.topic.shape_evidence = "3 numbered list items, 3 with indented answers"
            for question in result.topic.questions:
                if question.text.startswith("【"):
                    group, question.text = question.text[1:].split("】", 1)
                    question.group = group
                    question.text_html = rendering.render_markdown(question.text)
        return result

    monkeypatch.setattr(importing, "parse_topic", parse)


def listed(*questions: str, answered: bool = True) -> str:
    """A file of these questions, each answered (unless not ``answered``) by a bullet named
    after its first character."""
    items = "\n".join(f"{n}. {q}" for n, q in enumerate(questions, start=1))
    if not answered:
        return f"# 列表\n\n## 问题\n\n{items}\n"
    answers = "\n\n".join(
        f"### {n}. 答\n\n- 关于{q.split('】')[-1][:1]}的要点"
        for n, q in enumerate(questions, start=1)
    )
    return f"# 列表\n\n## 问题\n\n{items}\n\n## 标准答案\n\n{answers}\n"


# A file with groups (read with ``list_shape``), question 2 without an answer.
GROUPED = "\n".join(
    [
        "# 列表",
        "",
        "## 问题",
        "",
        "1. 【Docker】镜像和容器的区别？",
        "2. 【Docker】如何在构建时给 Docker 镜像瘦身？",
        "3. 【Kubernetes】Pod 是什么？",
        "",
        "## 标准答案",
        "",
        "### 1. 答",
        "",
        "镜像是只读模板。",
        "",
        "- 分层存储",
        "- 写时复制",
        "",
        "### 3. 答",
        "",
        "最小调度单元。",
        "",
        "- 共享网络",
        "",
    ]
)
