"""A practice mock in a real browser: a strict clock, a reload mid-answer, a timeout, a review."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from interviews.models import Answer, Interview
from questionbank.importing import Source, import_sources
from tests.conftest import FIXTURES


@pytest.fixture
def bank(db):
    assert import_sources([Source("kubernetes.md", (FIXTURES / "kubernetes.md").read_bytes())]).ok


def shorten_current_deadline(mock: Interview, seconds: int) -> None:
    """Bring the running question's deadline close, so the test need not wait minutes."""
    deadline = timezone.now() + timedelta(seconds=seconds)
    item = mock.questions.get(position=mock.position)
    type(item).objects.filter(pk=item.pk).update(deadline=deadline)
    Interview.objects.filter(pk=mock.pk).update(current_deadline=deadline)


@pytest.mark.parametrize("width", ["laptop", "phone"])
def test_a_timed_mock_from_start_to_review(bank, carol, page_for, screenshot, width):
    page = page_for(carol, width=width)
    page.goto("/practice/")
    screenshot(page, f"practice-start-{width}")
    page.check("input[name=topics]")
    page.fill("#id_count", "2")
    page.fill("#id_minutes", "1")
    page.click("text=Start the mock")
    expect(page.locator("#take-question .question-text")).to_be_visible()
    expect(page.locator("[role=timer]")).to_be_visible()
    mock = Interview.objects.get(mode="practice")
    first = mock.questions.get(position=0)
    # Questions are picked at random: answer with the first one's own key point, so the review
    # has something to mark as covered whichever question came up.
    typed = first.key_points[0]["text"]

    # Type, then reload mid-answer: the text is still there.
    page.locator("#answer-text").press_sequentially(typed, delay=5)
    shorten_current_deadline(mock, 6)
    page.reload()
    expect(page.locator("#answer-text")).to_have_value(typed)
    expect(page.locator("[data-save-status]")).to_contain_text("Saved", timeout=6000)
    screenshot(page, f"practice-take-{width}")

    # Let it time out: the mock moves on to question 2 by itself.
    expect(page.locator(".take-bar p")).to_contain_text("Question 2 of 2", timeout=15000)
    assert Answer.objects.get(interview_question=first).text == typed

    page.fill(
        "#answer-text",
        "API Server 是入口负责认证授权，etcd 保存集群状态，Scheduler 决定 Pod 放到哪个节点，kubelet 管理 Pod。",
    )
    expect(page.locator("[data-save-status]")).to_contain_text("Saved", timeout=6000)
    page.click("text=Finish and review")
    expect(page.locator("h1")).to_contain_text("Review")
    expect(page.locator(".review-item")).to_have_count(2)
    expect(page.locator(".review-item").first.locator("mark").first).to_be_visible()
    expect(page.locator(".review-item .candidate-answer").first).to_contain_text(typed)
    screenshot(page, f"practice-review-{width}")

    page.locator(".review-item").first.locator("select[name=rating]").select_option("3.5")
    page.locator(".review-item").first.locator("text=Save rating").click()
    expect(page.locator(".review-item").first).to_contain_text("You: 3.5")
    page.goto("/practice/history/")
    expect(page.locator("svg polyline")).to_have_count(1)
    screenshot(page, f"practice-history-{width}")


def test_the_timer_can_be_hidden(bank, carol, page_for):
    page = page_for(carol)
    page.goto("/practice/")
    page.check("input[name=topics]")
    page.click("text=Start the mock")
    expect(page.locator("[role=timer]")).to_be_visible()
    page.click("[data-toggle-clock]")
    expect(page.locator("[role=timer]")).to_be_hidden()
    page.reload()
    expect(page.locator("[role=timer]")).to_be_hidden()
    expect(page.locator("[data-toggle-clock]")).to_have_text("Show the timer")


def _two_question_mock(page):
    """Start a two-question mock on ``page``; the saves of its answers it sends are listed."""
    saves = []
    page.on(
        "request",
        lambda r: saves.append(r) if r.method == "POST" and r.url.endswith("/answer/") else None,
    )
    page.goto("/practice/")
    page.check("input[name=topics]")
    page.fill("#id_count", "2")
    page.click("text=Start the mock")
    expect(page.locator(".take-bar p")).to_contain_text("Question 1 of 2")
    return Interview.objects.get(mode="practice"), saves


def test_moving_on_from_an_untouched_answer_sends_no_save(bank, carol, page_for):
    page = page_for(carol)
    mock, saves = _two_question_mock(page)
    page.click("text=Next question")
    expect(page.locator(".take-bar p")).to_contain_text("Question 2 of 2")
    assert saves == []
    assert not Answer.objects.filter(interview_question__interview=mock, text__gt="").exists()


def test_text_the_page_holds_unsaved_is_sent_before_moving_on(bank, carol, page_for):
    """Text in the box that no keystroke announced (a browser putting back a form's text, a
    dictation tool) is still saved when the candidate moves on."""
    page = page_for(carol)
    mock, saves = _two_question_mock(page)
    page.locator("#answer-text").evaluate("box => { box.value = '没有按键也要保存'; }")
    page.click("text=Next question")
    expect(page.locator(".take-bar p")).to_contain_text("Question 2 of 2")
    first = mock.questions.get(position=0)
    assert Answer.objects.get(interview_question=first).text == "没有按键也要保存"
    assert len(saves) == 1


def test_a_mock_in_chinese_finished_early(bank, carol, page_for, screenshot):
    for width in ("laptop", "phone"):
        page = page_for(carol, width=width, language="zh-hans")
        page.goto("/practice/")
        expect(page.locator("h1")).to_contain_text("练习模拟面试")
        page.check("input[name=topics]")
        page.fill("#id_count", "3")
        page.click("text=开始模拟")
        expect(page.locator("label[for=answer-text]")).to_contain_text("你的回答")
        page.fill("#answer-text", "Pod 是最小调度单元，同一 Pod 内的容器共享网络命名空间。")
        expect(page.locator("[data-save-status]")).to_contain_text("已保存", timeout=6000)
        screenshot(page, f"practice-take-zh-{width}")
        page.click("text=提前结束模拟…")
        page.click("text=立即结束")
        expect(page.locator("h1")).to_contain_text("复盘")
        # All three are listed; the two not reached say so instead of showing a score.
        expect(page.locator(".review-item")).to_have_count(3)
        expect(page.locator(".review-item").nth(1)).to_contain_text("未作答：模拟在此题之前结束。")
        screenshot(page, f"practice-review-zh-{width}")
        page.goto("/practice/history/")
        expect(page.locator("h1")).to_contain_text("练习历史")
        screenshot(page, f"practice-history-zh-{width}")
        Interview.objects.filter(mode="practice").delete()
