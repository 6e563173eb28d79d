"""The live console keeps up, in a real browser: keyboard focus survives a tick or a score, the
"mentioned" bonus hints follow the candidate's typing, the answer stays at the top, and axe-core
finds no serious or critical violations, in English and Chinese, at 1280 and 390 px."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from interviews import assembly, live
from questionbank.importing import Source, import_sources
from questionbank.models import Question
from tests.conftest import FIXTURES
from tests.e2e.axe import violations

OPERATOR_ANSWER = (
    "控制器通过 watch 监听资源变化，让实际状态趋近期望状态。我们实现过自定义 Controller 和 Operator，"
    "用 CRD 描述中间件集群。"
)


@pytest.fixture
def running(db, alice, carol):
    sources = [Source(p.name, p.read_bytes()) for p in sorted(FIXTURES.glob("*.md"))]
    assert import_sources(sources).ok
    interview = assembly.create_interview(
        owner=alice, title="Kubernetes loop", candidate=carol, default_time_limit=600
    )
    for question in Question.objects.filter(topic__slug="kubernetes").order_by("number")[:2]:
        assembly.add_question(interview, question)
    mesh = Question.objects.filter(topic__slug="service-mesh").order_by("number").first()
    if mesh is not None:
        assembly.add_question(interview, mesh)
    live.start(interview)
    return interview


def page_top(locator) -> float:
    """Where an element starts on the page (not in the window, which clicks may scroll)."""
    return locator.evaluate("e => e.getBoundingClientRect().top + window.scrollY")


def focused_id(page) -> str:
    return page.evaluate("() => document.activeElement ? document.activeElement.id : ''")


def test_focus_stays_on_the_tick_and_the_score_button(running, alice, page_for):
    page = page_for(alice)
    page.goto(f"/interviews/{running.pk}/live/")
    page.wait_for_load_state("load")
    tick = page.locator("#tick-1")
    tick.focus()
    page.keyboard.press("Space")
    expect(page.locator("#tick-1")).to_have_attribute("aria-checked", "true")
    expect(page.locator("#tick-1")).to_be_focused()
    page.keyboard.press("Tab")  # the next stop is the next key point, not the page's top
    expect(page.locator("#tick-2")).to_be_focused()

    page.locator('[id="score-3"]').focus()
    page.keyboard.press("Enter")
    expect(page.locator("#score-form legend")).to_contain_text("3")
    expect(page.locator('[id="score-3"]')).to_be_focused()
    expect(page.locator('[id="score-3"]')).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("Tab")
    assert focused_id(page) == "score-4"

    # Polls that re-render the checklist while the candidate types keep the focus too.
    page.locator("#tick-0").focus()
    item = running.questions.get(position=0)
    item.interview = running
    from interviews.answers import save_answer

    save_answer(item, text="调度器负责把 Pod 放到节点上", base=0, client="t", seq=1)
    expect(page.locator("#answer-panel")).to_contain_text("调度器负责", timeout=6000)
    expect(page.locator("#tick-0")).to_be_focused()


def test_mentioned_bonus_hints_appear_while_the_candidate_types(running, alice, carol, page_for):
    console = page_for(alice)
    console.goto(f"/interviews/{running.pk}/live/")
    expect(console.locator("#bonus-panel .tag.hint")).to_have_count(0)
    candidate = page_for(carol)
    candidate.goto(f"/interviews/{running.pk}/take/")
    candidate.fill("#answer-text", OPERATOR_ANSWER)
    expect(candidate.locator("[data-save-status]")).to_contain_text("Saved", timeout=6000)
    hint = console.locator("#bonus-panel li", has_text="自定义 Controller 和 Operator")
    expect(hint.locator(".tag.hint")).to_be_visible(timeout=6000)  # no reload
    assert "Controller" in hint.locator("input[name=evidence]").input_value()  # ready to award


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("width", ["laptop", "phone"])
def test_the_answer_is_at_the_top_and_axe_finds_nothing_serious(
    running, alice, carol, page_for, screenshot, width, language
):
    item = running.questions.get(position=0)
    item.interview = running
    from interviews.answers import save_answer

    save_answer(item, text=OPERATOR_ANSWER, base=0, client="t", seq=1)
    page = page_for(alice, width=width, language=language)
    page.goto(f"/interviews/{running.pk}/live/")
    page.wait_for_load_state("load")
    answer = page.locator("#answer-panel")
    expect(answer).to_contain_text("Operator")
    shots = os.environ.get("SCREENSHOTS")
    if shots:  # the first screen as the interviewer sees it, 900 px high
        page.screenshot(path=str(Path(shots) / f"console-screen-{language}-{width}.png"))
    top = answer.bounding_box()["y"]
    if width == "laptop":  # beside the checklist, above the score buttons, within the window
        assert top < page.locator("#score-form").bounding_box()["y"]
        assert top < 900 - 150, top
        checklist = page.locator("#checklist").bounding_box()
        assert checklist["x"] > answer.bounding_box()["x"] and abs(checklist["y"] - top) < 400
    page_top_before = page_top(answer)
    page.locator("#live-standard summary").click()  # opening the standard answer moves nothing
    expect(page.locator("#live-standard details")).to_have_attribute("open", "")
    assert page_top(answer) == page_top_before
    page.locator("#live-standard summary").click()
    # The bonus panel leads with this question's topic; the other topic is folded below it.
    panel = page.locator("#bonus-panel")
    expect(panel.locator(":scope > details").first).to_contain_text("Kubernetes")
    expect(panel.locator("details[open]")).to_have_count(1)  # the one with a hint
    expect(panel.locator("details[open]")).to_contain_text("Operator")
    expect(panel.locator("details.other-topics")).not_to_have_attribute("open", "")
    found = violations(page)
    assert not found, found
    screenshot(page, f"console-top-{language}-{width}")


def test_focus_moves_to_the_revoke_button_after_an_award(running, alice, page_for):
    page = page_for(alice)
    page.goto(f"/interviews/{running.pk}/live/")
    page.wait_for_load_state("load")
    category = page.locator("#bonus-panel details").first
    category.locator("summary").click()
    award = category.locator("button[id^=award-]").first
    point = award.get_attribute("id")
    award.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#bonus-panel .awards li")).to_have_count(1)
    expect(page.locator(f'[data-focus-for="{point}"]')).to_be_focused()
