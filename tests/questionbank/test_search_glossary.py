"""Search crosses languages through the scoring glossary: "zero copy" finds 零拷贝, "服务网格"
finds service mesh, ranked below exact matches, with the matched term shown."""

from __future__ import annotations

import pytest
from django.urls import reverse

from questionbank.models import GlossaryEntry
from questionbank.search import search_questions
from questionbank.search_glossary import alternatives, names_in
from scoring.textmatch import Glossary, builtin_glossary
from tests.conftest import client_for, import_markdown

GLOSSARY = Glossary.parse(
    "零拷贝 | zero copy | zero-copy\n服务网格 | service mesh | mesh\n高可用 | ha"
)


def test_the_builtin_glossary_knows_zero_copy():
    assert "零拷贝" in builtin_glossary().names_of["zero copy"]


def test_names_are_found_as_whole_words_longest_first():
    assert [name for _, _, name in names_in("Zero Copy 原理", GLOSSARY)] == ["zero copy"]
    assert names_in("hash table", GLOSSARY) == []  # "ha" is no word of "hash"
    assert [n for _, _, n in names_in("ha 与 服务网格", GLOSSARY)] == ["ha", "服务网格"]


def test_alternatives_replace_the_name_by_each_equivalent():
    found = alternatives("zero copy 原理", GLOSSARY)
    assert [(a.query, a.equivalent) for a in found] == [  # the most specific first
        ("zero-copy 原理", "zero-copy"),
        ("零拷贝 原理", "零拷贝"),
    ]
    assert {a.name for a in found} == {"zero copy"}
    assert {a.equivalent for a in alternatives("服务网格", GLOSSARY)} == {"mesh", "service mesh"}
    assert alternatives("调度", GLOSSARY) == []


TOPICS = {
    "zh": "---\nslug: zh\n---\n# 中文\n\n## 问题\n\n1. Kafka 如何利用零拷贝提升吞吐？\n2. 什么是服务网格？\n\n"
    "## 标准答案\n\n### 1. 零拷贝\n\nsendfile 减少复制。\n\n### 2. 网格\n\n代理下沉。\n",
    "en": "---\nslug: en\n---\n# English\n\n## Questions\n\n1. Why does zero copy matter for Kafka?\n"
    "2. What does a service mesh add to RPC?\n\n## Standard Answers\n\n### 1. Zero copy\n\n"
    "Fewer copies.\n\n### 2. Mesh\n\nSidecars.\n",
}


@pytest.fixture
def bank(db):
    for slug, text in TOPICS.items():
        assert import_markdown(text, f"{slug}.md").ok


def hits_of(query: str) -> list[tuple[str, int, str]]:
    return [(h.question.topic.slug, h.question.number, h.via) for h in search_questions(query)]


def test_zero_copy_finds_the_chinese_question_below_the_english_one(bank):
    assert hits_of("zero copy") == [("en", 1, ""), ("zh", 1, "零拷贝")]
    chinese = search_questions("zero copy")[1]
    assert chinese.via_name == "zero copy" and chinese.snippet.match == "零拷贝"


def test_a_chinese_query_finds_the_english_question(bank):
    assert hits_of("服务网格") == [("zh", 2, ""), ("en", 2, "service mesh")]
    assert hits_of("零拷贝")[0] == ("zh", 1, "")
    assert ("en", 1, "zero copy") in hits_of("零拷贝")


def test_curators_glossary_entries_count_too(bank):
    assert hits_of("副本") == []
    GlossaryEntry.objects.create(names="副本 | copies")
    assert hits_of("副本") == [("en", 1, "copies")]


def test_the_page_shows_the_matched_term(alice, bank):
    body = client_for(alice).get(reverse("questionbank:index"), {"q": "zero copy"}).content.decode()
    assert "2 questions match" in body
    assert "matched “零拷贝”, the glossary’s equivalent of “zero copy”" in body
    assert "<mark>零拷贝</mark>" in body


@pytest.mark.cache
@pytest.mark.parametrize("extra", [0, 30])
def test_a_search_across_languages_runs_a_fixed_number_of_queries(
    alice, bank, extra, django_assert_num_queries
):
    for n in range(extra):
        text = f"---\nslug: more-{n}\n---\n# 更多 {n}\n\n## 问题\n\n1. 零拷贝第 {n} 问？\n\n## 标准答案\n\n### 1. 答\n\n答。\n"
        assert import_markdown(text, f"more-{n}.md").ok
    client = client_for(alice)
    client.get(reverse("questionbank:index"))  # warm the session cache
    # user, glossary state, the query's own words, its glossary equivalents, the questions
    with django_assert_num_queries(5):
        response = client.get(reverse("questionbank:index"), {"q": "zero copy"})
    assert "matched “零拷贝”" in response.content.decode()
