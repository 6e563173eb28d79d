"""Helpers for the shape readers' tests: parse a fixture from tests/data/shapes/ or a string."""

from __future__ import annotations

import textwrap
from pathlib import Path

from questionbank.parsing import parse_topic

SHAPES = Path(__file__).resolve().parent.parent / "data" / "shapes"


def parse_shape(name: str):
    return parse_topic((SHAPES / name).read_bytes(), filename=name)


def parse_text(text: str, name: str = "topic.md"):
    return parse_topic(textwrap.dedent(text).encode(), filename=name)


def imported(result):
    assert result.ok, result.errors
    return result.topic


def summary(topic) -> list[tuple]:
    """(number, group, question, has answer) per question: what a curator sees first."""
    return [(q.number, q.group, q.text, q.has_answer) for q in topic.questions]
