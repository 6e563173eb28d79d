"""Issue 12, items 1-6: the scorecard a hiring team can decide from.

Answers as typed (the text scored, later edits shown late), ticked beside found, shared parts
chosen one by one with a preview, the print view's choices, the CSV's title rows, BOM and
neutralised cells, and revoked links that say so (410) and nothing else.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from config.spreadsheet import BOM, safe_cell, to_csv
from interviews import live
from interviews.answers import save_answer
from interviews.models import Answer, BonusAward, RevokedShareLink
from interviews.reports import as_csv, scorecard, typed_answer
from interviews.sharing import PARTS, Visibility, token_hash
from questionbank.models import BonusPoint
from tests.conftest import SECRET_ANSWER, SECRET_KEY_POINT, SECRET_NOTE, client_for, make_interview

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/x","click")'


def _save(item, text, seq, base=None):
    base = Answer.objects.filter(interview_question=item).values_list("revision", flat=True)
    return save_answer(item, text=text, base=(base.first() or 0), client="tab", seq=seq)


@pytest.fixture
def debriefed(alice, carol):
    """A finished interview: question 1 answered, scored, then edited (late); question 2
    answered with a formula and scored; question 3 not asked."""
    interview = make_interview(alice, carol, start=True, title="Loop")
    items = list(interview.questions.order_by("position"))
    for item in items:
        item.interview = interview
    _save(items[0], "调度器预选过滤节点，第一版", 1)
    live.set_score(items[0], Decimal("3"), revision=0, user=alice)
    live.tick(items[0], 0, on=True)
    live.save_notes(items[0], SECRET_NOTE, revision=0)
    _save(items[0], "调度器预选过滤节点，改过的第二版", 2)  # after the score: late
    live.goto(interview, 1)
    _save(items[1], FORMULA, 3)
    live.set_score(items[1], Decimal("1"), revision=0, user=alice)
    point = BonusPoint.objects.get(category__topic__slug="secrets")
    live.award_bonus(interview, point, evidence="-2+3 讲了源码", user=alice)
    live.finish(interview, recommendation="yes", summary="@SUM(A1) 基础扎实")
    interview.refresh_from_db()
    return interview


# --- Pure pieces ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=1", "a=1"),
        ("中文", "中文"),
        ("", ""),
        (None, ""),
        (Decimal("-1.5"), Decimal("-1.5")),  # a number is data, not a formula
        (-3, -3),
    ],
)
def test_safe_cell_neutralises_what_a_spreadsheet_would_run(value, expected):
    assert safe_cell(value) == expected


def test_to_csv_starts_with_a_bom_and_passes_every_cell_through_safe_cell():
    text = to_csv([["title", FORMULA], ["n", -2]])
    assert text.startswith(BOM)
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows == [["title", "'" + FORMULA], ["n", "-2"]]


def test_every_csv_the_site_writes_goes_through_the_one_helper():
    root = Path(__file__).resolve().parents[2]
    writers = [
        str(path.relative_to(root))
        for folder in ("accounts", "config", "interviews", "questionbank", "scoring")
        for path in (root / folder).rglob("*.py")
        if re.search(r"csv\.(writer|DictWriter)\(", path.read_text(encoding="utf-8"))
    ]
    assert writers == ["config/spreadsheet.py"]


def test_visibility_is_off_unless_chosen_and_ignores_unknown_parts():
    assert Visibility().nothing and Visibility.of(None).nothing
    assert Visibility.of(["scores", "bogus"]).parts == ["scores"]
    assert Visibility.everything().parts == list(PARTS)
    assert token_hash("abc") != "abc" and len(token_hash("abc")) == 64


def test_typed_answer_keeps_the_scored_text_and_shows_what_came_later():
    now = timezone.now()
    never = Answer(text="draft", saved_at=now)
    assert typed_answer(never).text == "draft" and not typed_answer(never).late
    scored = Answer(
        text="edited",
        saved_at=now,
        scored_text="first",
        scored_saved_at=now - timedelta(1),
        scored_at=now,
    )
    typed = typed_answer(scored)
    assert typed.text == "first" and typed.scored and [x.text for x in typed.late] == ["edited"]
    past_end = Answer(text="in time", saved_at=now, late_text="after the end", late_at=now)
    assert [x.text for x in typed_answer(past_end).late] == ["after the end"]
    assert typed_answer(Answer(text="  ")) is None and typed_answer(None) is None


# --- Scoring keeps the text it is about ------------------------------------------------------


def test_a_score_keeps_the_answer_as_it_stood_and_a_new_score_takes_the_new_text(alice, carol):
    interview = make_interview(alice, carol, start=True)
    item = interview.questions.get(position=0)
    item.interview = interview
    _save(item, "first version", 1)
    live.set_score(item, Decimal("2"), revision=0, user=alice)
    answer = Answer.objects.get(interview_question=item)
    assert answer.scored_text == "first version" and answer.scored_at is not None
    assert answer.scored_saved_at == answer.saved_at
    _save(item, "second version", 2)
    row = scorecard(interview).rows[0]
    assert row.answer.text == "first version"
    assert [late.text for late in row.answer.late] == ["second version"]
    live.set_score(item, Decimal("4"), revision=1, user=alice)  # scored again: the new text
    row = scorecard(interview).rows[0]
    assert row.answer.text == "second version" and row.answer.late == []


def test_a_refused_score_keeps_the_earlier_capture(alice, carol):
    interview = make_interview(alice, carol, start=True)
    item = interview.questions.get(position=0)
    item.interview = interview
    _save(item, "first", 1)
    live.set_score(item, Decimal("2"), revision=0, user=alice)
    _save(item, "second", 2)
    assert not live.set_score(item, Decimal("3"), revision=0, user=alice).ok  # stale revision
    assert Answer.objects.get(interview_question=item).scored_text == "first"


# --- The interviewer's scorecard, its CSV and print view -------------------------------------


def test_the_scorecard_shows_each_answer_with_its_time_and_late_edits(debriefed, alice):
    response = client_for(alice).get(reverse("interviews:report", args=[debriefed.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "调度器预选过滤节点，第一版" in body and "调度器预选过滤节点，改过的第二版" in body
    assert "as it stood when scored" in body and "Last saved" in body
    assert body.count('class="tag warn">Late<') == 1
    assert "=HYPERLINK(&quot;http://evil.example/x&quot;" in body  # escaped, shown as typed
    assert "scorer:" in body


def test_ticked_and_found_are_told_apart_not_shown_as_missed(debriefed, alice):
    card = scorecard(debriefed)
    first = card.rows[0]
    assert [p.ticked for p in first.points] == [True, False]
    assert first.points[1].found  # the scorer found the second point in the scored text
    body = client_for(alice).get(reverse("interviews:report", args=[debriefed.pk])).content
    body = body.decode()
    assert "✗" not in body
    assert "ticked by the interviewer" in body and "found in the answer by the scorer" in body
    assert "Nothing was ticked during the interview." in body  # question 2: no ticks


def test_the_csv_has_title_rows_a_bom_answers_and_no_live_formulas(debriefed, alice):
    response = client_for(alice).get(reverse("interviews:report_csv", args=[debriefed.pk]))
    raw = response.content.decode("utf-8")
    assert raw.startswith(BOM)
    rows = list(csv.reader(io.StringIO(raw[1:])))
    assert rows[0] == ["interview", "Loop"]
    assert rows[1] == ["candidate", "Carol"] and rows[2] == ["interviewer", "Alice"]
    assert rows[3][0] == "date" and rows[3][1].startswith(str(debriefed.started_at.year))
    header = rows[5]
    first = dict(zip(header, rows[6], strict=True))
    assert first["answer"] == "调度器预选过滤节点，第一版" and first["late"] == "yes"
    assert first["late text"] == "调度器预选过滤节点，改过的第二版"
    assert first["ticked by the interviewer"] == f"{SECRET_KEY_POINT}-1"
    assert "调度器预选过滤节点" in first["found by the scorer"]
    second = dict(zip(header, rows[7], strict=True))
    assert second["answer"] == "'" + FORMULA and second["late"] == "no"
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert ["bonus", "深度理解", "读过调度器源码", "'-2+3 讲了源码"] in rows
    assert ["summary", "'@SUM(A1) 基础扎实"] in rows


def test_as_csv_of_a_scorecard_without_candidate_or_date(alice):
    interview = make_interview(alice, None, start=True, title="+Title")
    rows = list(csv.reader(io.StringIO(as_csv(scorecard(interview))[1:])))
    assert rows[0] == ["interview", "'+Title"] and rows[1] == ["candidate", ""]


def test_the_print_view_leaves_out_standard_answers_and_notes_unless_chosen(debriefed, alice):
    url = reverse("interviews:report", args=[debriefed.pk])
    body = client_for(alice).get(url, {"print": "1"}).content.decode()
    assert "print-view" in body and "调度器预选过滤节点，第一版" in body
    assert SECRET_ANSWER not in body and SECRET_NOTE not in body and "讲了源码" not in body
    body = client_for(alice).get(url, {"print": "1", "standard": "open", "notes": "on"})
    body = body.content.decode()
    assert SECRET_ANSWER in body and SECRET_NOTE in body and "讲了源码" in body
    assert 'class="answer open-answer"' in body and "<details" not in body  # printed open
    # The scorecard itself keeps its disclosure, marked so that Ctrl+P leaves it out.
    body = client_for(alice).get(url).content.decode()
    assert 'class="answer print-optional"' in body and "note prewrap print-optional" in body


def test_print_css_hides_the_optional_parts_outside_the_print_view():
    css = (Path(__file__).resolve().parents[2] / "static/css/app.css").read_text()
    assert ".scorecard:not(.print-view) .print-optional { display: none !important; }" in css


# --- Sharing: parts chosen one by one, the preview, revoking ---------------------------------


def test_the_shared_page_shows_answers_only_when_chosen(debriefed, alice):
    client = client_for(alice)
    client.post(reverse("interviews:share", args=[debriefed.pk]), {"parts": ["scores"]})
    debriefed.refresh_from_db()
    url = reverse("interviews:shared", args=[debriefed.share_token])
    body = client_for(None).get(url).content.decode()
    assert "第一版" not in body and "Your answer" not in body and "scorer:" not in body
    client.post(reverse("interviews:share", args=[debriefed.pk]), {"parts": ["answers"]})
    body = client_for(None).get(url).content.decode()
    assert "Your answer" in body and "第一版" in body and "改过的第二版" in body
    assert "scorer:" not in body and "3.0" not in body
    # The scorer's own score is part of what it found: shown with the key points and scores.
    client.post(
        reverse("interviews:share", args=[debriefed.pk]), {"parts": ["scores", "key_points"]}
    )
    body = client_for(None).get(url).content.decode()
    assert "scorer:" in body and "found in the answer by the scorer" in body


def test_the_share_form_starts_with_every_part_off_and_a_preview_of_nothing(debriefed, alice):
    body = client_for(alice).get(reverse("interviews:report", args=[debriefed.pk]))
    body = body.content.decode()
    form = body[body.index("share-form") : body.index("share-preview-frame")]
    assert form.count('type="checkbox"') == len(PARTS) and "checked" not in form
    assert f'hx-get="/interviews/{debriefed.pk}/share/preview/"' in form
    preview = body[body.index('id="share-preview"') :]
    assert 'data-preview-parts=""' in preview and "has not shared any details" in preview


def test_the_preview_shows_exactly_the_chosen_parts(debriefed, alice):
    url = reverse("interviews:share_preview", args=[debriefed.pk])
    response = client_for(alice).get(
        url, {"parts": ["answers", "key_points"]}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert 'data-preview-parts="answers,key_points"' in body
    assert "Your answer" in body and "第一版" in body and f"{SECRET_KEY_POINT}-1" in body
    assert SECRET_ANSWER not in body and SECRET_NOTE not in body and "基础扎实" not in body
    assert "70%" not in body and "level estimate" not in body
    # And what the link then shows is the same.
    client_for(alice).post(
        reverse("interviews:share", args=[debriefed.pk]), {"parts": ["answers", "key_points"]}
    )
    debriefed.refresh_from_db()
    shared = client_for(None).get(reverse("interviews:shared", args=[debriefed.share_token]))
    inner = body[body.index("<section") :]
    assert inner.strip()[:200] in shared.content.decode()


def test_the_preview_refuses_other_methods_outsiders_and_anonymous(debriefed, bob, carol, alice):
    url = reverse("interviews:share_preview", args=[debriefed.pk])
    assert client_for(alice).post(url).status_code == 405
    assert client_for(bob).get(url).status_code == 404
    assert client_for(carol).get(url).status_code == 403
    response = client_for(None).get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_revoked_link_says_so_and_nothing_else(debriefed, alice):
    client = client_for(alice)
    client.post(reverse("interviews:share", args=[debriefed.pk]), {"parts": list(PARTS)})
    debriefed.refresh_from_db()
    token = debriefed.share_token
    client.post(reverse("interviews:unshare", args=[debriefed.pk]))
    stored = RevokedShareLink.objects.get()
    assert stored.token_hash == token_hash(token) and token not in stored.token_hash
    response = client_for(None).get(reverse("interviews:shared", args=[token]))
    assert response.status_code == 410
    body = response.content.decode()
    assert "This link was revoked" in body
    for hidden in ("Loop", "Carol", "Alice", "第一版", "Scorecard"):
        assert hidden not in body, hidden
    assert (
        response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    )
    # An unknown token is still a plain 404; sharing again makes a new, working link.
    assert client_for(None).get(reverse("interviews:shared", args=["nope"])).status_code == 404
    client.post(reverse("interviews:share", args=[debriefed.pk]), {"parts": ["scores"]})
    debriefed.refresh_from_db()
    assert debriefed.share_token != token
    assert client_for(None).get(reverse("interviews:shared", args=[token])).status_code == 410
    url = reverse("interviews:shared", args=[debriefed.share_token])
    assert client_for(None).get(url).status_code == 200


def test_revoked_page_in_chinese(debriefed, alice):
    client = client_for(alice)
    client.post(reverse("interviews:share", args=[debriefed.pk]), {})
    debriefed.refresh_from_db()
    token = debriefed.share_token
    client.post(reverse("interviews:unshare", args=[debriefed.pk]))
    response = client_for(None).get(
        reverse("interviews:shared", args=[token]), headers={"Accept-Language": "zh-hans"}
    )
    assert response.status_code == 410 and "此链接已被撤销" in response.content.decode()


# --- Pinned queries ----------------------------------------------------------------------------


@pytest.mark.cache
def test_scorecard_pages_run_a_fixed_number_of_queries(debriefed, alice, django_assert_num_queries):
    client = client_for(alice)
    report = reverse("interviews:report", args=[debriefed.pk])
    preview = reverse("interviews:share_preview", args=[debriefed.pk])
    client.get(report)
    client.get(preview, {"parts": list(PARTS)})
    with django_assert_num_queries(5):
        response = client.get(report)
    assert response.status_code == 200 and "第一版" in response.content.decode()
    with django_assert_num_queries(5):
        response = client.get(report, {"print": "1", "standard": "open"})
    assert response.status_code == 200 and SECRET_ANSWER in response.content.decode()
    with django_assert_num_queries(5):
        response = client.get(preview, {"parts": list(PARTS)})
    assert response.status_code == 200 and SECRET_NOTE in response.content.decode()

    client.post(reverse("interviews:share", args=[debriefed.pk]), {"parts": ["answers"]})
    debriefed.refresh_from_db()
    shared = reverse("interviews:shared", args=[debriefed.share_token])
    anonymous = client_for(None)
    anonymous.get(shared)
    with django_assert_num_queries(4):
        response = anonymous.get(shared)
    assert response.status_code == 200 and "第一版" in response.content.decode()
    token = debriefed.share_token
    client.post(reverse("interviews:unshare", args=[debriefed.pk]))
    with django_assert_num_queries(2):
        response = anonymous.get(shared)
    assert response.status_code == 410 and BonusAward.objects.filter(interview=debriefed).exists()
    assert token
