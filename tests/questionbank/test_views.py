"""Bank pages: who sees them, what they show, and a fixed number of queries however big a topic is."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from questionbank.models import Question, Topic
from tests.conftest import client_for, import_markdown, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic(db):
    return make_topic(slug="k8s", questions=3, title="容器编排")


def test_index_lists_topics_with_question_counts(alice, topic):
    make_topic(slug="empty-ish", questions=1)
    third = Question.objects.get(topic=topic, number=3)
    third.archived = True  # as in the admin: the topic's stored count follows
    third.save()
    response = client_for(alice).get(reverse("questionbank:index"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "容器编排" in body and "2 questions" in body
    assert re.search(r"\b1 question\b(?!s)", body)


def test_index_empty_state_invites_curators_to_import(cora):
    body = client_for(cora).get(reverse("questionbank:index")).content.decode()
    assert "The bank is empty." in body and reverse("admin:questionbank_topic_import") in body


def test_search_page_and_htmx_partial(alice, topic):
    url = reverse("questionbank:index") + "?q=概念"
    full = client_for(alice).get(url)
    assert "<html" in full.content.decode() and "<mark>概念</mark>" in full.content.decode()
    partial = client_for(alice).get(url, headers={"HX-Request": "true"})
    body = partial.content.decode()
    assert "<html" not in body and "<mark>概念</mark>" in body
    assert partial["Vary"].count("HX-Request") == 1
    restore = client_for(alice).get(
        url, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in restore.content.decode()


def test_search_with_no_hits_says_so(alice, topic):
    body = client_for(alice).get(reverse("questionbank:index") + "?q=不存在的词").content.decode()
    assert "0 questions match" in body and "No question or answer contains these words" in body


def test_topic_page_shows_every_part(alice, topic):
    response = client_for(alice).get(reverse("questionbank:topic", args=["k8s"]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "测试背景" in body and "第 2 题：什么是概念 2？" in body
    assert "要点 1.1：说明 1" in body  # key point
    assert "读过源码" in body and "深度理解" in body  # bonus points
    assert "hx-disable" in body  # rendered Markdown never runs htmx attributes


def test_question_page_shows_answer_key_points_and_neighbours(alice, topic):
    response = client_for(alice).get(reverse("questionbank:question", args=["k8s", 2]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "第 2 题：什么是概念 2？" in body and "要点 2.1：说明 1" in body
    assert reverse("questionbank:question", args=["k8s", 1]) in body
    assert reverse("questionbank:question", args=["k8s", 3]) in body


def test_curators_see_archived_topics_interviewers_do_not(alice, cora, topic):
    Topic.objects.filter(pk=topic.pk).update(archived=True)
    url = reverse("questionbank:topic", args=["k8s"])
    assert client_for(alice).get(url).status_code == 404
    assert client_for(cora).get(url).status_code == 200
    assert "容器编排" not in client_for(alice).get(reverse("questionbank:index")).content.decode()


def test_unknown_topic_and_question_are_404(alice, topic):
    assert client_for(alice).get(reverse("questionbank:topic", args=["nope"])).status_code == 404
    assert (
        client_for(alice).get(reverse("questionbank:question", args=["k8s", 99])).status_code == 404
    )


@pytest.mark.parametrize(
    "url",
    [
        reverse("questionbank:index"),
        reverse("questionbank:index") + "?q=概念",
        reverse("questionbank:topic", args=["k8s"]),
        reverse("questionbank:question", args=["k8s", 1]),
    ],
)
def test_candidates_never_see_the_bank(carol, topic, url):
    response = client_for(carol).get(url)
    assert response.status_code == 403
    assert "要点" not in response.content.decode() and "概念" not in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        reverse("questionbank:index"),
        reverse("questionbank:topic", args=["k8s"]),
        reverse("questionbank:question", args=["k8s", 1]),
    ],
)
def test_anonymous_visitors_are_sent_to_sign_in(topic, url):
    response = client_for(None).get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("login") + "?next=" + url.replace("?", "%3F")


@pytest.mark.parametrize(
    "url",
    [
        reverse("questionbank:index"),
        reverse("questionbank:topic", args=["k8s"]),
        reverse("questionbank:question", args=["k8s", 1]),
    ],
)
def test_bank_pages_only_answer_get(alice, topic, url):
    assert client_for(alice).post(url).status_code == 405


@pytest.mark.cache
@pytest.mark.parametrize("size", [5, 50])
def test_bank_pages_run_a_fixed_number_of_queries(alice, django_assert_num_queries, size):
    make_topic(slug="big", questions=size, key_points=4)
    client = client_for(alice)
    client.get(reverse("questionbank:index"))  # warm the session cache
    # the user + the page's own queries (session and roles come from the cache)
    with django_assert_num_queries(3):  # the pager's count and the page's rows
        index = client.get(reverse("questionbank:index"))
    with django_assert_num_queries(8):
        topic = client.get(reverse("questionbank:topic", args=["big"]))
    with django_assert_num_queries(5):
        question = client.get(reverse("questionbank:question", args=["big", 2]))
    with django_assert_num_queries(4):  # + the glossary's state (cached for 30 s)
        search = client.get(reverse("questionbank:index") + "?q=概念")
    responses = (index, topic, question, search)
    assert [r.status_code for r in responses] == [200] * 4
    stored = Question.objects.get(topic__slug="big", number=2)
    last = Question.objects.get(topic__slug="big", number=size)
    assert stored.topic.title in index.content.decode()
    assert last.text_html in topic.content.decode()
    assert stored.text_html in question.content.decode()
    assert stored.key_points.first().text in question.content.decode()
    assert reverse("questionbank:question", args=["big", 1]) in search.content.decode()


def test_control_characters_in_the_query_are_ignored(alice, topic):
    response = client_for(alice).get(reverse("questionbank:index") + "?q=%02概念%01")
    assert response.status_code == 200
    assert "<mark>" in response.content.decode()
    # NUL alone is refused, as in every request (tests/test_bad_input.py).
    assert client_for(alice).get(reverse("questionbank:index") + "?q=%00概念").status_code == 400


def test_curators_also_search_archived_topics(alice, cora, topic):
    Topic.objects.filter(pk=topic.pk).update(archived=True)
    url = reverse("questionbank:index") + "?q=概念"
    assert "第 1 题" not in client_for(alice).get(url).content.decode()
    assert "第 1 题" in client_for(cora).get(url).content.decode()


def test_question_titles_show_text_not_markdown(alice):
    text = "---\nslug: md\n---\n# 标记\n\n## 问题\n\n1. 什么是 **Pod** 和 `kubectl`？\n\n## 标准答案\n\n### 1. 答\n\nPod 是最小单元。\n"
    assert import_markdown(text, "md.md").ok
    client = client_for(alice)
    topic_page = client.get(reverse("questionbank:topic", args=["md"])).content.decode()
    search_page = client.get(reverse("questionbank:index"), {"q": "Pod"}).content.decode()
    for page in (topic_page, search_page):
        assert "什么是 Pod 和 kubectl？" in page and "**Pod**" not in page


def grouped_topic(size: int = 4) -> Topic:
    """A topic whose questions stand under two groups, the second half under "进阶"."""
    topic = make_topic(slug="grouped", questions=size, key_points=2)
    for question in topic.questions.all():  # as the admin saves a question: re-indexed
        question.group = "一、基础" if question.number <= size // 2 else "二、进阶"
        question.index_text()
        question.save()
    return topic


def test_topic_page_lists_questions_under_their_groups_in_order(alice):
    grouped_topic(4)
    response = client_for(alice).get(reverse("questionbank:topic", args=["grouped"]))
    body = response.content.decode()
    assert response.status_code == 200
    main = body[body.index('class="topic-main"') :]
    headings = re.findall(r'<h2 class="question-group" id="group-(\d+)">([^<]+)</h2>', main)
    assert headings == [("1", "一、基础"), ("3", "二、进阶")]
    order = [main.index(f"第 {n} 题") for n in (1, 2, 3, 4)]
    assert order == sorted(order)
    assert main.index("一、基础") < order[0] and order[1] < main.index("二、进阶") < order[2]
    toc = main[main.index('class="card toc"') : main.index("</nav>")]
    assert toc.count("<ol>") == toc.count("</ol>") == 2  # one numbered list per group
    assert '<h3 class="toc-group"><a href="#group-3">二、进阶</a></h3>' in toc


def test_a_topic_without_groups_shows_no_group_headings(alice, topic):
    body = client_for(alice).get(reverse("questionbank:topic", args=["k8s"])).content.decode()
    assert "question-group" not in body and "toc-group" not in body
    assert body.count("<ol>") >= 1


@pytest.mark.cache
@pytest.mark.parametrize("size", [4, 40])
def test_grouped_topic_page_runs_a_fixed_number_of_queries(alice, django_assert_num_queries, size):
    grouped_topic(size)
    client = client_for(alice)
    client.get(reverse("questionbank:index"))  # warm the session cache
    with django_assert_num_queries(8):
        response = client.get(reverse("questionbank:topic", args=["grouped"]))
    assert response.content.decode().count('class="question-group"') == 2


def test_the_group_shows_on_the_question_page_and_in_search(alice):
    grouped_topic(4)
    client = client_for(alice)
    page = client.get(reverse("questionbank:question", args=["grouped", 3])).content.decode()
    assert "· 二、进阶" in page
    found = client.get(reverse("questionbank:index"), {"q": "进阶"}).content.decode()
    assert '<span class="tag group">二、进阶</span>' in found  # the group's words are searchable


@pytest.mark.cache
@pytest.mark.parametrize("size", [4, 40])
def test_the_assembly_search_shows_the_group(alice, size, django_assert_num_queries):
    from tests.conftest import make_interview

    grouped_topic(size)
    interview = make_interview(alice)
    url = reverse("interviews:bank", args=[interview.pk])
    client = client_for(alice)
    client.get(reverse("questionbank:index"))  # warm the session cache
    htmx = {"HX-Request": "true"}
    with django_assert_num_queries(5):  # as many for 4 questions as for 40
        body = client.get(url, {"topic": "grouped"}, headers=htmx).content.decode()
    assert body.count('<span class="tag group">一、基础</span>') == size // 2
    with django_assert_num_queries(7):  # + the glossary's state (cached for 30 s)
        body = client.get(url, {"q": "进阶"}, headers=htmx).content.decode()
    assert '<span class="tag group">二、进阶</span>' in body
