"""The bank's topic list: filters, sort, pages, htmx partials, who may see it, and a fixed number
of queries however many topics there are."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from questionbank import topic_counts
from questionbank.models import Question, Topic
from questionbank.topic_list import PAGE_SIZE
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
URL = reverse("questionbank:index")


def topic(slug: str, *, questions: int = 1, answered: bool = True, group: str = "", **fields):
    made = Topic.objects.create(slug=slug, title=fields.pop("title", slug), **fields)
    Question.objects.bulk_create(
        Question(
            topic=made,
            number=n,
            text=f"{slug} question {n}",
            answer_md="answer" if answered else "",
            group=group,
        )
        for n in range(1, questions + 1)
    )
    topic_counts.refresh([made.pk])  # bulk writes send no signal
    return made


def titles(body: str) -> list[str]:
    return re.findall(r'class="topic-link" href="[^"]+">([^<]+)</a>', body)


def get(user, **params) -> str:
    response = client_for(user).get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def bank(db):
    topic("alpha", questions=3, tags=["k8s", "网络"], difficulty="hard", language="zh")
    topic("bravo", questions=1, tags=["docker"], language="en", practice_enabled=False)
    topic("charlie", questions=2, answered=False, group="Docker", tags=["k8s"])
    topic("delta", questions=5, archived=True)


def test_filters_each_narrow_the_list(alice, bank):
    assert titles(get(alice)) == ["alpha", "bravo", "charlie"]  # archived hidden
    assert titles(get(alice, tag="k8s")) == ["alpha", "charlie"]
    assert titles(get(alice, tag="网络")) == ["alpha"]
    assert titles(get(alice, tag="k8")) == []  # whole tags only
    assert titles(get(alice, difficulty="hard")) == ["alpha"]
    assert titles(get(alice, language="en")) == ["bravo"]
    assert titles(get(alice, group="Docker")) == ["charlie"]
    assert titles(get(alice, practice="0")) == ["bravo"]
    assert titles(get(alice, practice="1")) == ["alpha", "charlie"]
    assert titles(get(alice, unanswered="1")) == ["charlie"]
    assert titles(get(alice, tag="k8s", unanswered="1")) == ["charlie"]


def test_no_match_says_so_and_offers_the_whole_list(alice, bank):
    body = get(alice, tag="nothing")
    assert "No topic matches these filters." in body and "The bank is empty." not in body


def test_sorts(alice, bank):
    Topic.objects.filter(slug="alpha").update(title="zulu")
    assert titles(get(alice, sort="title")) == ["bravo", "charlie", "zulu"]
    assert titles(get(alice, sort="questions")) == ["zulu", "charlie", "bravo"]
    assert titles(get(alice, sort="newest")) == ["charlie", "bravo", "zulu"]
    assert titles(get(alice, sort="bogus")) == ["bravo", "charlie", "zulu"]


def test_curators_see_archived_topics_and_their_counts(cora, bank):
    body = get(cora, sort="questions")
    assert titles(body)[0] == "delta" and "5 questions" in body


def test_the_form_shows_the_choices_and_keeps_the_filters(alice, bank):
    body = get(alice, tag="k8s", sort="newest", unanswered="1")
    assert "<option selected>k8s</option>" in body and "<option>docker</option>" in body
    assert '<option value="newest" selected>' in body
    assert 'name="unanswered" value="1" checked' in body
    assert '<option value="Docker">' in body  # groups are suggested


def test_pages_link_to_each_other_keeping_the_filters(alice):
    for n in range(PAGE_SIZE + 5):
        topic(f"t{n:03d}", tags=["k8s"])
    first = get(alice, tag="k8s")
    assert len(titles(first)) == PAGE_SIZE and "page 1 of 2" in first
    assert 'href="?tag=k8s&amp;page=2"' in first
    second = get(alice, tag="k8s", page="2")
    assert titles(second) == [f"t{n:03d}" for n in range(PAGE_SIZE, PAGE_SIZE + 5)]
    assert 'href="?tag=k8s"' in second  # the first page has no page number
    assert titles(get(alice, tag="k8s", page="99")) == titles(second)  # beyond the last: last


def test_htmx_gets_the_list_or_the_results_region(alice, bank):
    client = client_for(alice)
    target = {"HX-Request": "true", "HX-Target": "topic-list"}
    body = client.get(URL, {"tag": "k8s"}, headers=target).content.decode()
    assert "<html" not in body and "topic-filters" not in body
    assert titles(body) == ["alpha", "charlie"]
    results = client.get(URL, {"tag": "k8s"}, headers={"HX-Request": "true"})
    assert "topic-filters" in results.content.decode() and "<html" not in results.content.decode()
    assert "HX-Target" in results["Vary"]
    full = client.get(URL, {"tag": "k8s"}).content.decode()
    assert "<html" in full and 'hx-target="#topic-list"' in full


def test_wrong_method_outsider_anonymous(alice, carol, bank):
    assert client_for(alice).post(URL).status_code == 405
    assert client_for(carol).get(URL, {"tag": "k8s"}).status_code == 403
    response = client_for(None).get(URL, {"tag": "k8s"})
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.cache
@pytest.mark.parametrize("size", [3, 150])
def test_the_list_runs_a_fixed_number_of_queries(alice, django_assert_num_queries, size):
    for n in range(size):
        topic(f"t{n:03d}", questions=2, tags=["k8s"], group="G", answered=n % 2 == 0)
    client = client_for(alice)
    client.get(URL)  # warm the session cache and the form's choices
    for params in ({}, {"tag": "k8s", "group": "G", "unanswered": "1", "sort": "questions"}):
        # the user, the pager's count, the page's rows
        with django_assert_num_queries(3):
            response = client.get(URL, {**params, "page": "2"})
        assert response.status_code == 200
        assert "2 questions" in response.content.decode()


@pytest.mark.cache
def test_the_form_choices_are_cached(alice, bank):
    client = client_for(alice)
    client.get(URL)
    topic("echo", tags=["new-tag"])
    body = client.get(URL).content.decode()
    assert '<span class="tag">new-tag</span>' in body  # the list is never stale ...
    assert "<option>new-tag</option>" not in body  # ... the choices, for a minute at most


def test_card_links_are_what_reverse_gives_even_for_unicode_slugs(alice):
    made = topic("容器-编排_1", questions=2)
    body = get(alice)
    assert f'href="{made.get_absolute_url()}"' in body and "2 questions" in body
    client = client_for(alice)
    client.cookies["django_language"] = "zh-hans"
    assert "2 道题" in client.get(URL).content.decode()


def test_cards_escape_what_curators_wrote_and_show_their_badges(cora):
    topic("x", title="<b>Bold</b> & co", tags=["<i>tag</i>", "k8s"], difficulty="<hard>")
    topic("y", title="Kept", archived=True, practice_enabled=False)
    body = get(cora)
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in body and "<b>Bold</b>" not in body
    assert '<span class="tag">&lt;i&gt;tag&lt;/i&gt;</span>' in body and "<i>tag</i>" not in body
    assert "1 question · &lt;hard&gt;" in body
    card = body[body.index('href="/bank/y/"') :].split("</li>")[0]
    assert '<span class="tag warn">archived</span>' in card and "interviews only" in card
    client = client_for(cora)
    client.cookies["django_language"] = "zh-hans"
    card = client.get(URL).content.decode()
    card = card[card.index('href="/bank/y/"') :].split("</li>")[0]
    assert "archived" not in card and "1 道题" in card


def test_the_form_escapes_its_choices_and_keeps_one_it_does_not_offer(alice):
    topic("x", tags=["<b>k8s</b>"], difficulty="<hard>", group='"G" & <g>')
    body = get(alice, tag="gone", difficulty="<hard>")
    assert "<option>&lt;b&gt;k8s&lt;/b&gt;</option>" in body and "<b>k8s</b>" not in body
    assert "<option selected>&lt;hard&gt;</option>" in body
    assert '<option value="&quot;G&quot; &amp; &lt;g&gt;"></option>' in body
    assert "<option selected>gone</option>" in body  # a tag typed into the URL stays chosen
    assert "No topic matches these filters." in body
