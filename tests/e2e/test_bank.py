"""The bank in a real browser: live search as you type, and reading a question."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from questionbank.importing import Source, import_sources
from tests.conftest import FIXTURES


@pytest.fixture
def bank(db):
    sources = [Source(p.name, p.read_bytes()) for p in sorted(FIXTURES.glob("*.md"))]
    assert import_sources(sources).ok


@pytest.mark.parametrize("width", ["laptop", "phone"])
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_search_as_you_type_and_open_a_question(bank, alice, page_for, screenshot, width, language):
    page = page_for(alice, width=width, language=language)
    page.goto("/bank/")
    expect(page.locator(".topic-card")).to_have_count(5)
    screenshot(page, f"bank-index-{language}-{width}")

    page.fill("#q", "灰度发布")  # no Enter: htmx searches after a short pause
    expect(page.locator(".hit:not(:has(.via))")).to_have_count(3)  # + glossary equivalents
    expect(page.locator(".hit mark").first).to_have_text("灰度发布")
    assert "q=%E7%81%B0%E5%BA%A6%E5%8F%91%E5%B8%83" in page.url  # the search is linkable
    screenshot(page, f"bank-search-{language}-{width}")

    page.locator(".hit-title").first.click()
    expect(
        page.locator("h2", has_text="Standard answer" if language == "en" else "标准答案")
    ).to_be_visible()
    expect(page.locator(".md pre code span").first).to_be_visible()  # highlighted code
    screenshot(page, f"bank-question-{language}-{width}")

    page.go_back()
    expect(page.locator("#q")).to_have_value("灰度发布")


def test_topic_page_answers_open_with_the_keyboard(bank, alice, page_for, screenshot):
    page = page_for(alice)
    page.goto("/bank/kubernetes/")
    summary = page.locator("#q-8 details.answer summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#q-8 details.answer .md")).to_contain_text("预选(Predicate)")
    screenshot(page, "bank-topic-en-laptop")
