"""Issue 13's "how you will know": a three-person panel end to end, in both languages. Two
browsers score the same answer live at once, blind to each other; one submits first and sees
nothing of the others until they submit; then the debrief shows the disagreement and the lead
decides."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from interviews import live, panel
from interviews.answers import save_answer
from interviews.models import Interview, MemberScore
from tests.conftest import make_panel

TEXT = {
    "en": {"confirm": "Submit and freeze", "disagree": "disagreement", "wait": "Not submitted yet",
           "decide": "Record the decision"},
    "zh-hans": {"confirm": "提交并冻结", "disagree": "分歧", "wait": "尚未提交", "decide": "记录决定"},
}  # fmt: skip
LEAD_SUMMARY = "LEAD-VERDICT-TEXT"


@pytest.fixture
def room(db, alice, bob, dan, carol):
    interview = make_panel(alice, carol, [bob, dan], questions=1, title="Three-person panel")
    item = interview.questions.get(position=0)
    item.interview = interview
    save_answer(item, text="调度器先预选过滤节点，再优选打分。", base=0, client="t", seq=1)
    return interview


def submit_in(page, interview, text, summary: str) -> None:
    page.goto(f"/interviews/{interview.pk}/panel/scorecard/")
    page.locator("input[name=recommendation]").first.check()
    page.fill("#id_summary", summary)
    page.locator("#verdict button[type=submit]").click()
    page.get_by_role("button", name=text["confirm"]).click()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_three_seats_score_blind_then_debrief(room, alice, bob, dan, page_for, screenshot,
                                              language):  # fmt: skip
    text = TEXT[language]
    lead = page_for(alice, width="laptop", language=language)
    member = page_for(bob, width="laptop", language=language)
    for page in (lead, member):
        page.goto(f"/interviews/{room.pk}/live/")
        page.wait_for_load_state("load")
    # Both score at once, each on their own scorecard: neither sees the other's choice.
    lead.locator("#score-5").click()
    member.locator("#score-2").click()
    expect(lead.locator("#score-5")).to_have_attribute("aria-pressed", "true")
    expect(member.locator("#score-2")).to_have_attribute("aria-pressed", "true")
    member.reload()
    expect(member.locator("#score-5")).not_to_have_attribute("aria-pressed", "true")
    expect(member.locator("#score-2")).to_have_attribute("aria-pressed", "true")
    scores = dict(MemberScore.objects.values_list("member__user__username", "score"))
    assert scores == {"alice": Decimal(5), "bob": Decimal(2)}

    live.finish(room, recommendation="", summary="")
    # Each console's poll sends it on once the interview ended: wait for that, or a goto
    # below races the poll's own navigation (net::ERR_ABORTED).
    for page in (lead, member):
        page.wait_for_url(lambda address: "/live/" not in address)
    # Bob submits first: he waits, and nothing of Alice's scorecard reaches him.
    submit_in(member, room, text, "fine")
    member.goto(f"/interviews/{room.pk}/panel/debrief/")
    expect(member.locator("body")).to_contain_text(text["wait"])
    assert LEAD_SUMMARY not in member.content()
    expect(member.locator("body")).not_to_contain_text(text["disagree"])

    # Alice submits in her browser; Dan (the third seat) on his own scorecard.
    submit_in(lead, room, text, LEAD_SUMMARY)
    third = room.panel.get(user=dan)
    panel.set_score(third, room.questions.get(position=0), Decimal(3), revision=0)
    panel.submit(third, recommendation="no", summary="")
    member.reload()
    expect(member.locator("body")).to_contain_text(text["disagree"])
    expect(member.locator("body")).to_contain_text(LEAD_SUMMARY)
    screenshot(member, f"panel-three-debrief-{language}")

    lead.goto(f"/interviews/{room.pk}/panel/debrief/")
    lead.locator("input[name=recommendation][value=yes]").check()
    lead.fill("textarea[name=summary][form=decision-form]", "Hire: strong on scheduling")
    lead.get_by_role("button", name=text["decide"]).click()
    lead.wait_for_load_state("load")
    expect(lead.locator("body")).not_to_contain_text(text["decide"])
    room.refresh_from_db()
    assert room.decided_at is not None and room.status == Interview.Status.COMPLETED
    assert room.questions.get(position=0).score == Decimal(3)  # the median of 5, 2 and 3
