"""A whole live interview in two browsers: the interviewer's and the candidate's."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from interviews.models import Answer, Interview
from questionbank.importing import Source, import_sources
from tests.conftest import FIXTURES


@pytest.fixture
def bank(db):
    sources = [Source(p.name, p.read_bytes()) for p in sorted(FIXTURES.glob("*.md"))]
    assert import_sources(sources).ok


ANSWER_1 = (
    "容器编排解决多主机上容器的生命周期管理，单机 Docker 时容器挂了没人拉起、服务发现和负载均衡困难、"
    "滚动更新和回滚复杂。Kubernetes 提供自动化部署和回滚、服务发现和负载均衡、自我修复、自动扩缩容（HPA）、"
    "存储编排以及配置管理和密钥管理。"
)


@pytest.mark.parametrize("width", ["laptop", "phone"])
def test_a_whole_live_session(bank, alice, carol, page_for, screenshot, width):
    interviewer = page_for(alice, width=width)
    candidate = page_for(carol, width=width)

    # Assemble: title, candidate, three Kubernetes questions, start.
    interviewer.goto("/interviews/new/")
    interviewer.fill("#id_title", "Kubernetes P7 loop")
    interviewer.select_option("#id_candidate", label="Carol (carol)")
    interviewer.click("main form button[type=submit]")
    interviewer.wait_for_url("**/edit/")
    interviewer.wait_for_load_state("load")  # htmx is loaded (deferred) before we use it
    interviewer.select_option("#bank-topic", "kubernetes")
    expect(interviewer.locator("#bank-results li")).to_have_count(10)
    for _ in range(3):
        interviewer.locator("#bank-results li button[type=submit]").first.click()
        interviewer.wait_for_timeout(300)
    expect(interviewer.locator(".assembly-item")).to_have_count(3)
    screenshot(interviewer, f"assemble-{width}")

    # Before the start the candidate waits.
    interview = Interview.objects.get(title="Kubernetes P7 loop")
    candidate.goto(f"/interviews/{interview.pk}/take/")
    expect(candidate.locator(".waiting-room")).to_be_visible()
    screenshot(candidate, f"waiting-{width}")

    interviewer.click("text=Start now")
    expect(interviewer.locator("#live-question")).to_contain_text("什么是容器编排")
    # The candidate's page follows by itself.
    expect(candidate.locator("#take-question")).to_contain_text("什么是容器编排", timeout=6000)

    # The candidate types; the interviewer sees it arrive, with suggested key points.
    candidate.fill("#answer-text", ANSWER_1)
    expect(candidate.locator("[data-save-status]")).to_contain_text("Saved", timeout=6000)
    expect(interviewer.locator("#answer-panel .candidate-answer")).to_contain_text(
        "自我修复", timeout=6000
    )
    expect(interviewer.locator("#checklist li.is-suggested").first).to_be_visible()
    screenshot(candidate, f"take-{width}")
    screenshot(interviewer, f"console-{width}")

    # Score with the keyboard, then move on with it.
    interviewer.locator("body").click(position={"x": 5, "y": 5})
    interviewer.keyboard.press("4")
    expect(interviewer.locator("#score-form legend")).to_contain_text("4")
    interviewer.keyboard.press("n")
    expect(interviewer.locator("#live-question")).to_contain_text("核心架构")
    expect(candidate.locator("#take-question")).to_contain_text("核心架构", timeout=6000)

    # The candidate reloads mid-answer: nothing is lost.
    candidate.locator("#answer-text").press_sequentially("API Server 是入口，etcd 存状态", delay=5)
    candidate.reload()
    expect(candidate.locator("#answer-text")).to_have_value("API Server 是入口，etcd 存状态")
    expect(candidate.locator("[data-save-status]")).not_to_contain_text("retrying", timeout=6000)
    interviewer.wait_for_timeout(2500)
    second = interview.questions.get(position=1)
    expect(interviewer.locator("#answer-panel")).to_contain_text("etcd 存状态", timeout=6000)
    assert Answer.objects.get(interview_question=second).text == "API Server 是入口，etcd 存状态"

    # Score it, end, and read the scorecard.
    interviewer.locator('#score-form [data-score="3"]').click()
    expect(interviewer.locator("#score-form legend")).to_contain_text("3")
    interviewer.click("text=End…")
    expect(interviewer.locator("h1")).to_contain_text("End the interview")
    interviewer.check("input[value=yes]")
    interviewer.fill("#id_summary", "基础扎实，架构部分讲得清楚。")
    interviewer.click("text=End and show the scorecard")
    expect(interviewer.locator(".scorecard h1")).to_contain_text("Scorecard")
    expect(interviewer.locator(".summary-grid")).to_contain_text("70%")
    screenshot(interviewer, f"scorecard-{width}")

    expect(candidate.locator("h1")).to_contain_text("Thank you", timeout=6000)
    screenshot(candidate, f"thanks-{width}")


def test_the_console_in_chinese(bank, alice, carol, page_for, screenshot):
    from interviews import assembly, live
    from questionbank.models import Question

    interview = assembly.create_interview(
        owner=alice, title="服务网格一面", candidate=carol, default_time_limit=300
    )
    for question in Question.objects.filter(topic__slug="service-mesh").order_by("number")[:3]:
        assembly.add_question(interview, question)
    live.start(interview)
    for width in ("laptop", "phone"):
        page = page_for(alice, width=width, language="zh-hans")
        page.goto(f"/interviews/{interview.pk}/live/")
        expect(page.locator("#live-status")).to_contain_text("下一题")
        screenshot(page, f"console-zh-{width}")
        take = page_for(carol, width=width, language="zh-hans")
        take.goto(f"/interviews/{interview.pk}/take/")
        expect(take.locator("label[for=answer-text]")).to_contain_text("你的回答")
        screenshot(take, f"take-zh-{width}")


def test_evidence_being_typed_survives_an_award_and_the_next_question(bank, alice, carol, page_for):
    from interviews import assembly, live
    from questionbank.models import Question

    interview = assembly.create_interview(
        owner=alice, title="Bonus evidence", candidate=carol, default_time_limit=300
    )
    for question in Question.objects.filter(topic__slug="kubernetes").order_by("number")[:2]:
        assembly.add_question(interview, question)
    live.start(interview)
    page = page_for(alice)
    page.goto(f"/interviews/{interview.pk}/live/")
    category = page.locator("#bonus-panel details").first
    category.locator("summary").click()
    points = category.locator(".bonus-points li")
    second = points.nth(1).locator("input[name=evidence]")
    second_id = second.get_attribute("id")
    second.fill("讲到了 etcd 的 raft 选主")
    points.nth(0).locator("button[type=submit]").click()
    expect(page.locator("#bonus-panel .awards li")).to_have_count(1)
    kept = page.locator(f"#{second_id}")
    expect(kept).to_have_value("讲到了 etcd 的 raft 选主")
    expect(page.locator("#bonus-panel details").first).to_have_attribute("open", "")

    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("n")
    expect(page.locator("#live-question")).to_contain_text("核心架构")
    expect(kept).to_have_value("讲到了 etcd 的 raft 选主")


def test_an_answer_whose_save_failed_is_sent_again_when_the_next_question_is_swapped_in(
    alice, carol, page_for
):
    """The candidate's save failed (a network hiccup) and waits to be retried; the interviewer
    moves on: the text goes out with the swap, not seconds later. The page's clock is stopped
    here, so no retry timer can send it: only the swap can."""
    from interviews import live
    from tests.conftest import make_interview

    interview = make_interview(alice, carol, start=True)
    page = page_for(carol)
    page.clock.install()
    page.goto(f"/interviews/{interview.pk}/take/")
    page.wait_for_load_state("load")
    page.clock.pause_at(time.time() + 5)  # no timer fires from here: no retry, no poll
    page.wait_for_timeout(500)  # a poll fired by the jump has come back
    page.route("**/take/answer/", lambda route: route.abort())
    page.locator("#answer-text").fill("typed before the interviewer moved on")
    page.locator("#answer-text").blur()  # sent, and failed
    expect(page.locator("[data-save-status]")).to_contain_text("Not saved", timeout=5000)
    page.unroute("**/take/answer/")
    live.goto(interview, 1)
    page.evaluate("document.body.dispatchEvent(new Event('poll-now'))")  # the next poll
    expect(page.locator("#take-question")).to_contain_text("第二题", timeout=5000)
    first = Answer.objects.filter(
        interview_question__interview=interview, interview_question__position=0
    )
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and first.get().text == "":
        time.sleep(0.1)
    assert first.get().text == "typed before the interviewer moved on"
