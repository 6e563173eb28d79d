"""The standard answer's title (its heading's words) is stored on import and follows the file
when the heading is renamed: the bank shows "Standard answer: <title>" above it (sample 3001's
miss: bench/mutation_sample.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from questionbank.models import Question
from tests.conftest import client_for, import_markdown

pytestmark = pytest.mark.django_db

TOPIC = """\
---
slug: titles
---
# 标题主题

## 问题

1. 什么是调度器？

## 标准答案

### 1. {title}

调度器为 Pod 选择节点。
"""


def shown_title(user) -> str:
    page = client_for(user).get(reverse("questionbank:question", args=["titles", 1]))
    assert page.status_code == 200
    return page.content.decode()


def test_an_imported_answer_keeps_its_title_and_a_renamed_heading_renames_it(alice):
    assert import_markdown(TOPIC.format(title="调度器的职责"), "titles.md").ok
    assert Question.objects.get(topic__slug="titles").answer_title == "调度器的职责"
    assert "Standard answer: 调度器的职责" in shown_title(alice)

    assert import_markdown(TOPIC.format(title="调度器做什么"), "titles.md").ok
    assert Question.objects.get(topic__slug="titles").answer_title == "调度器做什么"
    assert "Standard answer: 调度器做什么" in shown_title(alice)
