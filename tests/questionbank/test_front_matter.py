"""Front matter is YAML (questionbank/readers/front_matter.py)."""

from __future__ import annotations

from tests.questionbank.shapes import imported, parse_shape, parse_text


def test_nested_and_multi_line_lists_and_unknown_keys_with_one_warning():
    result = parse_shape("yaml_front_matter.md")
    topic = imported(result)
    assert (topic.slug, topic.title) == ("yaml-topic", "YAML 主题")
    assert topic.tags == ["运维", "k8s"]  # the category first; the nested list is not a tag
    assert topic.background_md == "来自前言的描述。"
    assert result.warnings == [
        "line 1: front matter keys not used by the question bank were ignored: author, date"
    ]
    assert [q.text for q in topic.questions] == ["什么是 Pod？"]


def test_docusaurus_style_front_matter_is_accepted():
    topic = imported(
        parse_text(
            """\
            ---
            title: "Kafka: 面试"
            sidebar_position: 3
            tags:
              - kafka
              - mq
            keywords: [kafka,
              消息队列]
            ---

            ## 面试题

            1. 什么是分区？
            """
        )
    )
    assert (topic.title, topic.tags) == ("Kafka: 面试", ["kafka", "mq"])


def test_invalid_yaml_is_refused_with_its_line():
    result = parse_text("---\ntitle: ok\ntags: [unclosed\nslug: s\n---\n# T\n## 问题\n1. 一？\n")
    assert not result.ok
    assert result.errors == [
        "line 4: the front matter is not valid YAML: did not find expected ',' or ']'"
    ]


def test_a_list_and_a_mapping_together_is_not_yaml():
    result = parse_text("---\n[a, b]\nx: 1\n---\n# T\n## 问题\n1. 一？\n")
    assert not result.ok
    assert result.errors[0].code == "front_matter_yaml"


def test_hugo_toml_front_matter_is_read_and_blanked_out():
    result = parse_shape("headings_folded_sections.md")
    topic = imported(result)
    assert topic.title == "前端二面 · 面经"
    assert topic.tags == ["面试", "前端"]
    assert "+++" not in topic.background_md and "weight" not in topic.background_md
    assert result.warnings[0] == (
        "line 1: front matter keys not used by the question bank were ignored: weight"
    )


def test_invalid_toml_is_refused_with_its_line_and_an_unclosed_block_said_so():
    result = parse_text('+++\ntitle = "T"\ntags = [\n+++\n# T\n\n## 什么是 Pod？\n\n答。\n')
    assert not result.ok
    assert result.errors[0].startswith("line ") and "not valid TOML" in result.errors[0]
    result = parse_text('+++\ntitle = "T"\n\n# T\n\n## 什么是 Pod？\n\n答。\n')
    assert result.errors == ["line 1: front matter opened with +++ is never closed"]
