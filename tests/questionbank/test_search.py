"""Search finds questions by words in Chinese and English, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest

from questionbank.importing import Source, import_sources
from questionbank.models import Question, Topic
from questionbank.search import search_questions
from questionbank.search_text import query_terms, segment, snippet
from tests.conftest import FIXTURES

pytestmark = pytest.mark.django_db


@pytest.fixture
def bank(db):
    sources = [Source(p.name, p.read_bytes()) for p in sorted(FIXTURES.glob("*.md"))]
    assert import_sources(sources).ok


def found(query: str) -> list[tuple[str, int]]:
    return [(h.question.topic.slug, h.question.number) for h in search_questions(query)]


def test_segmentation_indexes_words_and_the_words_inside_them():
    words = segment("灰度发布和服务发现，布隆过滤器").split()
    assert {"灰度", "发布", "服务", "发现", "布隆", "过滤", "过滤器"} <= set(words)
    assert "，" not in words
    assert query_terms("Kubernetes 调度 流程") == ["kubernetes", "调度", "流程"]


def test_chinese_word_in_question_text(bank):
    hits = search_questions("调度")
    assert ("kubernetes", 8) in found("调度")
    best = next(h for h in hits if h.question.number == 8 and h.question.topic.slug == "kubernetes")
    assert best.field == "question"
    assert best.snippet.match == "调度"


def test_english_word_any_case(bank):
    results = found("ingress")
    assert results[0] == ("kubernetes", 9)  # the question about Ingress ranks first
    assert found("INGRESS") == results


def test_chinese_phrase_found_in_answers(bank):
    hits = search_questions("灰度发布")
    assert {("cicd", 6), ("service-mesh", 5)} <= {
        (h.question.topic.slug, h.question.number) for h in hits
    }
    mesh = next(h for h in hits if h.question.topic.slug == "service-mesh")
    assert mesh.field == "answer" and mesh.snippet.match == "灰度发布"


def test_mixed_query_needs_every_word(bank):
    assert found("kube-proxy ipvs") == [("kubernetes", 5)]


def test_one_character_and_partial_words_fall_back_to_substrings(bank):
    assert ("kubernetes", 7) in found("卷")  # 存储卷(Volume)
    assert found("zzzz-nothing") == []


def test_archived_questions_and_topics_are_not_found(bank):
    Question.objects.filter(topic__slug="kubernetes", number=9).update(archived=True)
    assert ("kubernetes", 9) not in found("Ingress")
    Topic.objects.filter(slug="service-mesh").update(archived=True)
    assert not any(slug == "service-mesh" for slug, _ in found("灰度发布"))


@pytest.mark.parametrize(
    "query", ['"', "AND OR NOT", "NEAR(a b)", "a*", "col:val", "'; DROP TABLE x; --", "()", "^"]
)
def test_query_syntax_is_never_interpreted(bank, query):
    search_questions(query)  # no exception, whatever the engine's own syntax
    assert Question.objects.count() == 41
    assert ("kubernetes", 8) in found("调度")  # and the index still answers


def test_search_can_be_limited_to_a_topic(bank):
    topic = Topic.objects.get(slug="rpc")
    hits = search_questions("服务发现", topic_id=topic.id)
    assert hits and {h.question.topic.slug for h in hits} == {"rpc"}


def test_snippet_marks_the_match_with_context():
    text = "一" * 50 + "服务发现" + "二" * 50
    found_at = snippet(text, ["服务发现"], width=5)
    assert (found_at.before, found_at.match, found_at.after) == (
        "…一一一一一",
        "服务发现",
        "二二二二二…",
    )
    assert snippet("nothing here", ["服务"]) is None


def test_plain_text_keeps_a_table_row_on_one_line():
    from questionbank.search_text import markdown_plain

    text = markdown_plain(
        "Intro **bold**\n\n| Type | Aggregatable |\n|---|---|\n| Summary | no, *per instance* |\n"
    )
    assert text.splitlines() == ["Intro bold", "Type | Aggregatable", "Summary | no, per instance"]
