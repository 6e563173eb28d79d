"""A question's history in a real browser: revisions with their diffs, and restoring one."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from questionbank import revisions
from questionbank.models import KeyPoint, Question, Revision
from tests.conftest import FIXTURES, import_markdown


@pytest.fixture
def edited(db, cora):
    text = (FIXTURES / "kubernetes.md").read_text(encoding="utf-8")
    assert import_markdown(text, "kubernetes.md").ok
    question = Question.objects.get(topic__slug="kubernetes", number=1)
    # The file changes the standard answer: a re-import revision.
    lines = question.answer_md.splitlines()
    changed = (
        text.replace(lines[2], lines[2] + "（第二版：补充说明）", 1) if len(lines) > 2 else text
    )
    assert import_markdown(changed, "kubernetes.md").ok
    # A curator rewrites the question and reweights a key point in the admin.
    question.refresh_from_db()
    question.text = question.text + "\n\n请结合实际项目说明。"
    question.refresh_derived()
    question.save()
    point = question.key_points.order_by("position").first()
    point.weight, point.source = 3, KeyPoint.Source.CURATOR
    point.save()
    revisions.record_question(
        question, source=Revision.Source.ADMIN, origin="admin: question", author=cora
    )
    return question


@pytest.mark.parametrize("width", ["laptop", "phone"])
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_curator_reads_the_history_and_restores(
    edited, cora, page_for, screenshot, width, language
):
    page = page_for(cora, width=width, language=language)
    page.goto("/bank/kubernetes/1/")
    page.locator(".question-tools a").click()
    expect(page.locator("article.revision")).to_have_count(4)  # 2 imports, 1 edit, the topic
    expect(page.locator(".diff-added ins", has_text="请结合实际项目说明").first).to_be_visible()
    screenshot(page, f"history-{language}-{width}")

    page.locator("article.revision a.button").last.click()  # restore the first import
    expect(page.locator(".diff-removed del", has_text="请结合实际项目说明")).to_be_visible()
    screenshot(page, f"history-restore-{language}-{width}")
    page.locator(".restore-form button").click()
    expect(page.locator("article.revision")).to_have_count(5)
    expect(page.locator("#messages")).not_to_be_empty()
    screenshot(page, f"history-restored-{language}-{width}")
    edited.refresh_from_db()
    assert "请结合实际项目说明" not in edited.text
