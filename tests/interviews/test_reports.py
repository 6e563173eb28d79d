"""The scorecard: weighted total, level from settings, CSV, printing, and sharing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from interviews import live
from interviews.models import BonusAward, InterviewQuestion
from interviews.reports import level_for, scorecard
from questionbank.models import BonusPoint
from tests.conftest import SECRET_ANSWER, SECRET_NOTE, client_for, make_interview

pytestmark = pytest.mark.django_db

LEVELS = [
    {"name": "P7", "min_percent": 75, "min_bonus": 2},
    {"name": "P6", "min_percent": 60, "min_bonus": 0},
    {"name": "P5", "min_percent": 0, "min_bonus": 0},
]


def test_level_thresholds_come_from_settings_and_bonus_counts_toward_the_level():
    assert level_for(80, 2, LEVELS) == "P7"
    assert level_for(80, 1, LEVELS) == "P6"  # strong baseline, not enough bonus points
    assert level_for(60, 5, LEVELS) == "P6"  # bonus points never lift the baseline
    assert level_for(10, 0, LEVELS) == "P5"
    assert level_for(None, 3, LEVELS) == ""


@pytest.fixture
def finished(alice, carol):
    interview = make_interview(alice, carol, start=True)
    items = list(interview.questions.order_by("position"))
    InterviewQuestion.objects.filter(pk=items[0].pk).update(weight=2)
    live.set_score(items[0], Decimal("4"), revision=0, user=alice)
    live.tick(items[0], 0, on=True)
    live.save_notes(items[0], SECRET_NOTE, revision=0)
    live.goto(interview, 1)
    live.set_score(items[1], Decimal("2.5"), revision=0, user=alice)
    point = BonusPoint.objects.get(category__topic__slug="secrets")
    live.award_bonus(interview, point, evidence="讲了源码", user=alice)
    live.finish(interview, recommendation="yes", summary="基础扎实")
    interview.refresh_from_db()
    return interview


def test_weighted_total_excludes_questions_not_asked(finished, settings):
    settings.INTERVIEW_LEVELS = LEVELS
    card = scorecard(finished)
    assert card.total == Decimal("10.5") and card.maximum == Decimal("15")  # 4x2 + 2.5 of 10 + 5
    assert card.percent == 70 and card.bonus_count == 1 and card.level == "P6"
    assert [row.asked for row in card.rows] == [True, True, False]
    assert card.rows[0].ticked == ["SECRET-KEY-POINT-1"]
    assert [p.ticked for p in card.rows[0].points] == [True, False]


def test_the_report_page_and_csv(finished, alice):
    body = client_for(alice).get(reverse("interviews:report", args=[finished.pk])).content.decode()
    assert "70%" in body and "基础扎实" in body and "读过调度器源码" in body and SECRET_NOTE in body
    assert "Print view" in body
    response = client_for(alice).get(reverse("interviews:report_csv", args=[finished.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("\ufeffinterview,Loop\r\n")
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[1:4] == ["candidate,Carol", "interviewer,Alice", lines[3]]
    assert lines[3].startswith("date,20")
    assert lines[5].startswith("position,topic,number,question,state,score,weight,suggested score")
    assert lines[6].startswith("1,机密主题,1,第一题是什么？,asked,4.0,2")
    assert any(line.startswith("bonus,深度理解,读过调度器源码,讲了源码") for line in lines)


def test_the_csv_downloads_as_a_file_named_after_the_interview(finished, alice):
    response = client_for(alice).get(reverse("interviews:report_csv", args=[finished.pk]))
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition == f'attachment; filename="interview-{finished.pk}-scorecard.csv"'


def test_sharing_shows_nothing_but_the_questions_unless_chosen_and_can_be_revoked(finished, alice):
    client = client_for(alice)
    client.post(reverse("interviews:share", args=[finished.pk]), {})
    finished.refresh_from_db()
    assert finished.share_parts == []
    url = reverse("interviews:shared", args=[finished.share_token])
    body = client_for(None).get(url).content.decode()
    assert "第一题是什么" in body  # the questions are always listed
    for hidden in ("70%", "level estimate", "recommendation", "基础扎实", "读过调度器源码"):
        assert hidden not in body, hidden
    assert SECRET_NOTE not in body and SECRET_ANSWER not in body and "SECRET-KEY-POINT" not in body
    assert "has not shared any details" in body

    client.post(
        reverse("interviews:share", args=[finished.pk]),
        {"parts": ["scores", "recommendation", "bonus"]},
    )
    body = client_for(None).get(url).content.decode()
    assert "70%" in body and "Yes" in body and "读过调度器源码" in body
    assert "讲了源码" not in body  # evidence notes are the interviewer's
    assert "基础扎实" not in body and "level estimate" not in body
    assert SECRET_NOTE not in body and SECRET_ANSWER not in body and "SECRET-KEY-POINT" not in body

    client.post(
        reverse("interviews:share", args=[finished.pk]),
        {"parts": ["standard_answers", "notes", "key_points", "summary", "level", "nonsense"]},
    )
    finished.refresh_from_db()
    assert finished.share_parts == ["key_points", "standard_answers", "level", "summary", "notes"]
    body = client_for(None).get(url).content.decode()
    assert SECRET_NOTE in body and SECRET_ANSWER in body and "SECRET-KEY-POINT-1" in body
    assert "基础扎实" in body and "level estimate" in body and "70%" not in body

    client.post(reverse("interviews:unshare", args=[finished.pk]))
    response = client_for(None).get(url)
    assert response.status_code == 410
    body = response.content.decode()
    assert "This link was revoked" in body
    for hidden in ("Loop", "第一题", "Carol", "Alice", "70%"):
        assert hidden not in body, hidden


def test_sharing_and_revoking_tell_the_interviewer_what_became_of_the_link(finished, alice):
    client = client_for(alice)
    shared = client.post(reverse("interviews:share", args=[finished.pk]), {}, follow=True)
    assert "The scorecard is shared: pass the link to the candidate." in shared.content.decode()
    revoked = client.post(reverse("interviews:unshare", args=[finished.pk]), follow=True)
    body = revoked.content.decode()
    assert revoked.status_code == 200 and "The link no longer works." in body


def test_the_candidate_finds_the_shared_scorecard(finished, alice, carol):
    client_for(alice).post(reverse("interviews:share", args=[finished.pk]), {})
    finished.refresh_from_db()
    home = client_for(carol).get(reverse("home")).content.decode()
    assert reverse("interviews:shared", args=[finished.share_token]) in home
    take = client_for(carol).get(reverse("interviews:take", args=[finished.pk])).content.decode()
    assert "Read the scorecard your interviewer shared" in take


def test_only_finished_interviews_can_be_shared(alice, carol):
    interview = make_interview(alice, carol, start=True)
    response = client_for(alice).post(reverse("interviews:share", args=[interview.pk]), follow=True)
    assert "Only a finished interview" in response.content.decode()
    interview.refresh_from_db()
    assert interview.share_token is None


@pytest.mark.cache
def test_report_runs_a_fixed_number_of_queries(finished, alice, django_assert_num_queries):
    client = client_for(alice)
    client.get(reverse("interviews:report", args=[finished.pk]))
    with django_assert_num_queries(5):
        client.get(reverse("interviews:report", args=[finished.pk]))
    assert BonusAward.objects.count() == 1


def test_the_interviewers_ticks_win_over_what_the_scorer_would_suggest(alice, carol):
    from interviews.answers import save_answer

    interview = make_interview(alice, carol, start=True)
    item = interview.questions.get(position=0)
    item.interview = interview
    save_answer(item, text="调度器预选过滤节点，资源不够的节点被排除。", base=0, client="t", seq=1)
    untouched = scorecard(interview).rows[0]
    assert not untouched.any_ticked and "调度器预选过滤节点" in untouched.found
    live.tick(item, 0, on=True)  # the interviewer ticks only the first point
    row = scorecard(interview).rows[0]
    assert row.ticked == ["SECRET-KEY-POINT-1"]
    assert "调度器预选过滤节点" in row.found  # the scorer's finding stays beside the tick
    assert [(p.ticked, p.found) for p in row.points] == [(True, False), (False, True)]
