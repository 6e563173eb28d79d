"""The curators' weak-spots page: near duplicates across topics, questions without an answer,
with fewer than two key points, never asked, and the statistics hook; staff curators only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from interviews.models import InterviewQuestion
from questionbank import weak_spots
from questionbank.models import KeyPoint, Question, Topic
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
URL = reverse("questionbank:weak_spots")


def question(topic: Topic, number: int, text: str, *, answer: str = "答案", points: int = 2):
    made = Question(topic=topic, number=number, text=text, answer_md=answer)
    made.index_text()
    made.save()
    KeyPoint.objects.bulk_create(
        KeyPoint(question=made, text=f"p{k}", position=k) for k in range(points)
    )
    return made


@pytest.fixture
def bank(db):
    zh = Topic.objects.create(slug="zh", title="中文主题")
    en = Topic.objects.create(slug="en", title="English topic")
    return {
        "dup_zh": question(zh, 1, "什么是零拷贝？Kafka 如何利用零拷贝？"),
        "dup_en": question(en, 1, "Explain how Kafka uses zero copy."),
        "no_answer": question(zh, 2, "没有答案的问题是什么？", answer=""),
        "one_point": question(en, 2, "A question with one key point?", points=1),
    }


def test_each_list_shows_its_questions_with_a_link_to_fix_them(cora, bank):
    response = client_for(cora).get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    section = lambda name: body[body.index(f'id="{name}"') :].split("</section>")[0]  # noqa: E731
    dup = section("duplicates")
    assert "零拷贝" in dup and "Explain how Kafka uses zero copy." in dup
    for key in ("dup_zh", "dup_en"):
        assert reverse("admin:questionbank_question_change", args=[bank[key].pk]) in dup
    assert "没有答案的问题是什么" in section("without-answer")
    assert "Explain how Kafka" not in section("without-answer")
    assert "A question with one key point?" in section("few-key-points")
    assert "没有答案" not in section("few-key-points")
    assert section("never-asked").count("Fix in admin") == 4
    # The link is the question's words, not the space after its number bubble.
    link = reverse("questionbank:question", args=["zh", 2])
    assert f'<span class="qnum">2</span> <a href="{link}">没有答案的问题是什么？</a>' in body
    assert "The statistics flag no question." in section("statistics")  # no interviews yet


def test_asked_questions_leave_the_never_asked_list(cora, alice, bank):
    from tests.conftest import make_interview

    interview = make_interview(alice)
    InterviewQuestion.objects.filter(interview=interview).update(
        question=bank["dup_en"], state=InterviewQuestion.State.ASKED
    )
    body = client_for(cora).get(URL).content.decode()
    never = body[body.index('id="never-asked"') :].split("</section>")[0]
    assert "Explain how Kafka" not in never and "没有答案的问题是什么" in never


def test_archived_questions_and_topics_are_left_out(cora, bank):
    Question.objects.filter(pk=bank["no_answer"].pk).update(archived=True)
    Topic.objects.filter(slug="en").update(archived=True)
    body = client_for(cora).get(URL).content.decode()
    assert "没有答案的问题是什么" not in body and "Explain how Kafka" not in body
    assert "No near duplicates found." in body


def test_the_statistics_hook_lists_what_a_source_flags(cora, bank, monkeypatch):
    monkeypatch.setattr(weak_spots, "_statistics_sources", [])
    weak_spots.register_statistics_source(
        lambda limit: [weak_spots.StatisticsFlag(bank["one_point"].pk, "scores spread widely")]
    )
    body = client_for(cora).get(URL).content.decode()
    stats = body[body.index('id="statistics"') :]
    assert "A question with one key point?" in stats and "scores spread widely" in stats


def test_interview_statistics_flags_the_question_everybody_aces(cora, alice):
    from tests.interviews.test_stats_views import ability, make_scored

    make_scored(alice, interviews=12, score=lambda i, q: 5.0 if q == 1 else ability(i))
    body = client_for(cora).get(URL).content.decode()
    stats = body[body.index('id="statistics"') :]
    first = Question.objects.get(topic__slug="secrets", number=1)
    assert first.text_plain in stats and "everyone aces it" in stats
    assert reverse("admin:questionbank_question_change", args=[first.pk]) in stats
    assert stats.count("Fix in admin") == 1
    # ... and leads to the statistics page those flags come from.
    assert f'href="{reverse("stats:questions")}"' in stats


def test_without_sources_the_page_says_none_is_connected(cora, bank, monkeypatch):
    monkeypatch.setattr(weak_spots, "_statistics_sources", [])
    body = client_for(cora).get(URL).content.decode()
    assert "No statistics of interviews are connected to this page yet." in body


def test_wrong_method_outsiders_anonymous(cora, root, alice, carol, bank):
    assert client_for(cora).post(URL).status_code == 405
    assert client_for(root).get(URL).status_code == 200
    assert client_for(alice).get(URL).status_code == 403  # an interviewer
    assert client_for(carol).get(URL).status_code == 403  # a candidate
    response = client_for(None).get(URL)
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_curator_without_staff_status_is_refused(cora, bank):
    cora.is_staff = False
    cora.save()
    assert client_for(cora).get(URL).status_code == 403


@pytest.mark.cache
@pytest.mark.parametrize("extra", [0, 60])
def test_the_page_runs_a_fixed_number_of_queries(cora, bank, extra, django_assert_num_queries):
    topic = Topic.objects.create(slug="more", title="More")
    for n in range(extra):
        question(topic, n + 1, f"独特问题{n}：机制{n * 7}如何工作？", answer="" if n % 2 else "a")
    client = client_for(cora)
    client.get(URL)  # warm the session, the glossary state and the duplicates
    # user, bank state, duplicates' questions, 3 lists x (rows + count), statistics: 2
    with django_assert_num_queries(11):
        response = client.get(URL)
    assert (
        response.status_code == 200
        and "Explain how Kafka uses zero copy." in response.content.decode()
    )
