"""How a checklist of at most 12 points is shared out when an answer says more: headings over
paragraphs, prose alone, and a point too long for a line (scoring/keypoints.py)."""

from __future__ import annotations

from questionbank.parsing import parse_topic
from scoring.keypoints import MAX_LENGTH


def points(answer: str) -> list[str]:
    text = (
        "# 容器\n\n## 问题\n\n1. 镜像是怎么构成的？\n2. 容器怎么隔离？\n\n## 标准答案\n\n"
        f"### 1. 镜像\n\n{answer}\n\n### 2. 隔离\n\n命名空间隔离进程视图。\n"
    )
    result = parse_topic(text.encode(), filename="c.md")
    assert result.ok, result.errors
    return [kp.text for kp in result.topic.questions[0].key_points]


def test_headings_over_paragraphs_each_get_a_first_sentence_before_any_gets_a_third():
    answer = "\n\n".join(
        f"#### 要点{h}\n\n" + "".join(f"第{h}节第{s}句说明了一件事。" for s in range(1, 5))
        for h in range(1, 6)
    )
    got = points(answer)
    assert len(got) == 12
    assert [p for p in got if "：" in p] == [
        f"要点{h}：第{h}节第1句说明了一件事。" for h in range(1, 6)
    ]
    per_heading = [sum(f"第{h}节" in p for p in got) for h in range(1, 6)]
    assert per_heading == [3, 3, 2, 2, 2]  # 12 lines: two each, the first two headings a third


def test_two_headings_that_fit_give_every_sentence_in_order():
    answer = (
        "#### 镜像分层\n\n镜像由只读层叠加而成。每一层记录文件系统的变化。\n\n"
        "#### 写时复制\n\n容器启动时加一个可写层。修改文件时先复制到可写层。"
    )
    assert points(answer) == [
        "镜像分层：镜像由只读层叠加而成。",
        "每一层记录文件系统的变化。",
        "写时复制：容器启动时加一个可写层。",
        "修改文件时先复制到可写层。",
    ]


def test_prose_alone_gives_every_paragraph_its_first_sentences_first():
    answer = "\n\n".join(
        "".join(f"第{p}段第{s}句讲了一点内容。" for s in range(1, 6)) for p in range(1, 5)
    )
    got = points(answer)
    assert got == [f"第{p}段第{s}句讲了一点内容。" for p in range(1, 5) for s in range(1, 4)]


def test_a_point_too_long_for_a_line_is_cut_with_an_ellipsis():
    (point,) = points("**限制**：" + "很长的说明" * 40)
    assert len(point) == MAX_LENGTH and point.endswith("…")
    assert point.startswith("限制：很长的说明")
