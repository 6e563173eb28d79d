"""The statistics pages in a browser: charts drawn, nothing wider than a phone, both languages."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from bench.stats_bench import generate


@pytest.fixture
def people(db):
    return generate(1500, seed=2)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("width", ["laptop", "phone"])
def test_curator_reads_question_and_interviewer_statistics(
    people, page_for, screenshot, width, language
):
    page = page_for(people["curator"], width=width, language=language)
    page.goto("/")
    page.click("nav.nav >> text=统计" if language == "zh-hans" else "nav.nav >> text=Statistics")
    expect(page).to_have_url(re.compile(r"/stats/questions/$"))
    expect(page.locator("svg.stats-chart circle").first).to_be_attached()
    expect(page.locator("table.stats-table tbody tr").first).to_be_visible()
    screenshot(page, f"stats-questions-{width}-{language}")

    page.locator(".stats-nav a").nth(1).click()  # Interviewers
    expect(page).to_have_url(re.compile(r"/stats/interviewers/$"))
    expect(page.locator("svg.stats-chart circle").first).to_be_attached()
    screenshot(page, f"stats-interviewers-{width}-{language}")

    page.locator("table.stats-table tbody tr a").first.click()
    expect(page.locator("svg.stats-chart rect").first).to_be_attached()
    screenshot(page, f"stats-interviewer-{width}-{language}")


@pytest.mark.parametrize("width", ["laptop", "phone"])
def test_an_interviewer_reads_their_own_statistics(people, page_for, screenshot, width):
    page = page_for(people["busiest"], width=width)
    page.goto("/interviews/")
    page.click("nav.nav >> text=My statistics")
    expect(page.locator("h1")).to_have_text("My statistics")
    expect(page.locator(".stats-nav")).not_to_contain_text("Interviewers")
    screenshot(page, f"stats-mine-{width}-en")
