"""Pathological files parse and give the right result (their speed is bench/parse_adversarial.py's
business, never a timing threshold here)."""

from __future__ import annotations

import pytest

from bench.adversarial import cases
from questionbank.parsing import parse_topic

CASES = cases()


@pytest.mark.parametrize(("name", "data", "expected"), CASES, ids=[c[0] for c in CASES])
def test_pathological_file(name, data, expected):
    result = parse_topic(data, filename=f"{name}.md")
    assert result.ok == expected["ok"], result.errors
    if "questions" in expected:
        assert len(result.topic.questions) == expected["questions"]
    if "code" in expected:
        assert result.errors[0].code == expected["code"]


def test_a_paragraph_of_brackets_is_shown_as_written():
    data = ("# T\n\n## 问题\n\n1. " + "[" * 300 + "x" + "](y)" * 300 + "？\n").encode()
    question = parse_topic(data, filename="b.md").topic.questions[0]
    assert question.text_html.startswith("<p>[[[") and "<a " not in question.text_html


def test_links_still_work_in_ordinary_paragraphs():
    data = "# T\n\n## 问题\n\n1. 见 [文档](https://example.com)？\n".encode()
    question = parse_topic(data, filename="l.md").topic.questions[0]
    assert '<a href="https://example.com"' in question.text_html
