"""Reading the bank's topic filters from a query string: whatever arrives, the result is valid."""

from __future__ import annotations

from questionbank.topic_filters import TopicFilters, parse_filters


def test_defaults_from_an_empty_query():
    filters = parse_filters({})
    assert filters == TopicFilters()
    assert not filters.active and filters.sort == "title" and filters.page == 1
    assert filters.as_query() == []


def test_every_filter_is_read():
    filters = parse_filters(
        {
            "tag": " k8s ",
            "difficulty": "hard",
            "language": "EN",
            "group": "Docker  基础",
            "practice": "0",
            "unanswered": "1",
            "sort": "questions",
            "page": "3",
        }
    )
    assert filters == TopicFilters(
        tag="k8s",
        difficulty="hard",
        language="en",
        group="Docker 基础",
        practice=False,
        unanswered=True,
        sort="questions",
        page=3,
    )
    assert filters.active


def test_bad_values_fall_back_to_defaults():
    filters = parse_filters(
        {
            "language": "fr",
            "sort": "drop table",
            "page": "-4",
            "practice": "maybe",
            "unanswered": "x",
        }
    )
    assert filters == TopicFilters()
    assert parse_filters({"page": "abc"}).page == 1
    assert parse_filters({"page": "99999999999"}).page == 100_000


def test_free_text_is_bounded_and_loses_control_characters():
    filters = parse_filters({"tag": "a\x00b\x1fc", "group": "x" * 500})
    assert filters.tag == "a b c"
    assert len(filters.group) == 100


def test_as_query_leaves_out_defaults_and_applies_changes():
    filters = parse_filters({"tag": "k8s", "practice": "yes", "page": "2"})
    assert filters.as_query() == [("tag", "k8s"), ("practice", "1"), ("page", "2")]
    assert filters.as_query(page=1) == [("tag", "k8s"), ("practice", "1")]
    assert parse_filters(dict(filters.as_query(page=5))) == TopicFilters(
        tag="k8s", practice=True, page=5
    )


def test_sort_and_page_alone_are_not_filters():
    assert not parse_filters({"sort": "newest", "page": "2"}).active
