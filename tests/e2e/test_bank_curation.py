"""The bank at scale in a real browser: filtering the topic list as you choose (htmx, the URL
follows), paging, a cross-language search, and the curators' weak-spots page."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

from questionbank import topic_counts
from questionbank.importing import Source, import_sources
from questionbank.models import Question, Topic
from questionbank.topic_list import PAGE_SIZE
from tests.conftest import FIXTURES


@pytest.fixture
def bank(db):
    sources = [Source(p.name, p.read_bytes()) for p in sorted(FIXTURES.glob("*.md"))]
    assert import_sources(sources).ok
    topics = Topic.objects.bulk_create(
        Topic(
            slug=f"generated-{n:03d}",
            title=f"Generated topic {n:03d}",
            tags=["generated", "k8s" if n % 2 else "docker"],
            difficulty=["easy", "medium", "hard"][n % 3],
            language="en",
        )
        for n in range(PAGE_SIZE + 10)
    )
    questions = [
        Question(topic=topic, number=1, text=f"Question of {topic.title}?", answer_md="")
        for topic in topics
    ]
    for question in questions:
        question.index_text()
    Question.objects.bulk_create(questions)
    topic_counts.refresh_all()  # bulk writes skip the signals that keep the counts
    en = Topic.objects.create(slug="kafka-en", title="Kafka (English)", language="en")
    twin = Question(topic=en, number=1, text="Explain how Kafka uses zero copy.", answer_md="x")
    twin.index_text()
    twin.save()


@pytest.mark.parametrize("width", ["laptop", "phone"])
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_filter_page_and_search_across_languages(
    bank, alice, page_for, screenshot, width, language
):
    page = page_for(alice, width=width, language=language)
    page.goto("/bank/")
    expect(page.locator(".topic-card")).to_have_count(PAGE_SIZE)
    expect(page.locator(".topic-pager")).to_be_visible()
    screenshot(page, f"bank-list-{language}-{width}")

    page.select_option("#f-tag", "k8s")  # no button: htmx swaps the list
    expect(page.locator(".topic-card")).to_have_count(35)
    assert "tag=k8s" in page.url
    page.select_option("#f-sort", "newest")
    expect(page.locator(".topic-link").first).to_have_text("Generated topic 069")
    screenshot(page, f"bank-filtered-{language}-{width}")

    page.goto("/bank/")
    page.locator(".topic-pager a[rel=next]").click()
    expect(page.locator(".topic-card")).to_have_count(16)  # 70 + 5 demo + 1 English topic
    assert "page=2" in page.url

    page.fill("#q", "零拷贝")  # only the English question says it, as "zero copy"
    expect(page.locator(".hit .via").first).to_be_visible()
    screenshot(page, f"bank-search-glossary-{language}-{width}")


@pytest.mark.parametrize("width", ["laptop", "phone"])
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_weak_spots_page(bank, cora, page_for, screenshot, width, language):
    from questionbank.models import Question

    zh = Topic.objects.get(slug="kafka-en")
    zh_topic = Topic.objects.create(slug="kafka-zh", title="Kafka（中文）")
    question = Question(topic=zh_topic, number=1, text="什么是零拷贝？Kafka 如何利用零拷贝？")
    question.index_text()
    question.save()
    assert zh.pk
    page = page_for(cora, width=width, language=language)
    page.goto("/bank/curation/weak-spots/")
    expect(page.locator("#duplicates .weak-pair")).to_have_count(1)
    expect(page.locator("#without-answer .weak-row").first).to_be_visible()
    screenshot(page, f"weak-spots-{language}-{width}")
    if directory := os.environ.get("SCREENSHOTS"):  # the first screen too: the page is long
        page.screenshot(path=f"{directory}/weak-spots-{language}-{width}-top.png")
