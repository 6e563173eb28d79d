"""Key points extracted from an answer (scoring/keypoints.py), as the importer's parser gets them."""

from __future__ import annotations

from questionbank.parsing import parse_topic

FILE = """\
# 部署

## 问题

1. 怎么部署？

## 标准答案

### 1. 部署

FENCE
1. 先准备镜像仓库
2. 再编写部署清单
3. 最后滚动发布上线
```

```INFO
├── 控制平面组件
├── 工作节点组件
└── 网络插件组件
```
"""


def key_points(first_info: str, second_info: str) -> list[str]:
    text = FILE.replace("FENCE", f"```{first_info}").replace("INFO", second_info)
    result = parse_topic(text.encode(), filename="deploy.md")
    assert result.ok
    return [kp.text for kp in result.topic.questions[0].key_points]


def test_numbered_and_tree_lines_in_untagged_fences_are_key_points():
    points = key_points("", "")
    assert "先准备镜像仓库" in points and "控制平面组件" in points


def test_a_bash_or_yaml_fence_with_numbered_or_tree_lines_yields_no_key_points():
    assert key_points("bash", "yaml") == []
    assert key_points("yaml", "bash") == []


def test_one_numbered_line_in_a_fence_is_not_a_list_but_the_dash_lines_after_it_are():
    fence = "```\n1. 总体步骤如下\n- 先准备镜像仓库\n- 再编写部署清单\n```\n"
    text = f"# 部署\n\n## 问题\n\n1. 怎么部署？\n\n## 标准答案\n\n### 1. 部署\n\n{fence}"
    result = parse_topic(text.encode(), filename="deploy.md")
    assert result.ok
    points = [kp.text for kp in result.topic.questions[0].key_points]
    assert "总体步骤如下" not in points
    assert "先准备镜像仓库" in points and "再编写部署清单" in points


def test_a_prose_sentence_of_four_characters_is_a_key_point_one_of_three_is_not():
    prose = "查缓存。用锁。再查数据库，最后回填。"
    text = f"# 缓存\n\n## 问题\n\n1. 怎么读？\n\n## 标准答案\n\n### 1. 读\n\n{prose}\n"
    result = parse_topic(text.encode(), filename="cache.md")
    assert result.ok
    points = [kp.text for kp in result.topic.questions[0].key_points]
    assert points == ["查缓存。", "再查数据库，最后回填。"]
