"""A panel after the interview in a real browser: a co-interviewer's scorecard (score, submit
with confirmation) and the lead's debrief with disagreements and the decision form, in English
and Chinese, at 1280 and 390 px (issue 13, items 2-3)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from interviews import live, panel
from interviews.answers import save_answer
from questionbank.importing import Source, import_sources
from tests.conftest import FIXTURES, make_panel

ANSWER = (
    "控制平面有 API Server、etcd、Scheduler、Controller Manager；节点上有 kubelet 和 kube-proxy。"
)

TEXT = {
    "en": {
        "confirm": "Submit and freeze",
        "disagree": "disagreement",
        "decide": "Record the decision",
    },
    "zh-hans": {"confirm": "提交并冻结", "disagree": "分歧", "decide": "记录决定"},
}


@pytest.fixture
def ended(db, alice, bob, dan, carol):
    assert import_sources([Source("kubernetes.md", (FIXTURES / "kubernetes.md").read_bytes())]).ok
    interview = make_panel(alice, carol, [bob, dan], title="Kubernetes panel")
    for position in range(2):
        if position:
            live.goto(interview, position)
        item = interview.questions.get(position=position)
        save_answer(item, text=ANSWER, base=0, client="t", seq=1)
    live.finish(interview, recommendation="", summary="")
    seats = {seat.user.username: seat for seat in interview.panel.select_related("user")}
    for name, score, ticks in (("alice", 4, [0, 1]), ("dan", "1.5", [0])):
        for item in interview.questions.filter(state="asked"):
            panel.set_score(seats[name], item, Decimal(score), revision=0)
            for index in ticks:
                if index < len(item.key_points):
                    panel.tick(seats[name], item, index, on=True)
        panel.submit(
            seats[name], recommendation="yes", summary=f"{name}: solid on the control plane"
        )
    return interview


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("width", ["laptop", "phone"])
def test_scorecard_and_debrief(ended, bob, alice, page_for, screenshot, language, width):
    text = TEXT[language]
    page = page_for(bob, width=width, language=language)
    page.goto(f"/interviews/{ended.pk}/panel/scorecard/")
    screenshot(page, f"scorecard-{language}-{width}")
    for item in ended.questions.filter(state="asked"):
        page.select_option(f"#score-{item.pk}", "3")
        page.locator(f"#q-{item.pk} .panel-score-form button").click()
    page.locator("input[name=recommendation]").first.check()
    page.fill("#id_summary", "bob: fine")
    page.locator("#verdict button[type=submit]").click()
    page.get_by_role("button", name=text["confirm"]).click()
    expect(page.locator("body")).to_contain_text(text["disagree"])
    page.goto(f"/interviews/{ended.pk}/panel/scorecard/")
    page.locator("details.amend summary").first.click()
    screenshot(page, f"scorecard-submitted-{language}-{width}")
    lead = page_for(alice, width=width, language=language)
    lead.goto(f"/interviews/{ended.pk}/panel/debrief/")
    expect(lead.get_by_role("button", name=text["decide"])).to_be_visible()
    screenshot(lead, f"debrief-{language}-{width}")
