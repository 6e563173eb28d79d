"""A co-interviewer's console in a real browser: they score and tick on their own scorecard,
follow the lead to the next question at the next poll, see no lead controls nor the lead's
scores, and axe-core finds nothing serious, in English and Chinese, at 1280 and 390 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from interviews import panel
from interviews.answers import save_answer
from interviews.models import MemberScore
from tests.conftest import make_panel
from tests.e2e.axe import violations

LEAD_NOTE = "LEAD-PRIVATE-NOTE"


@pytest.fixture
def room(db, alice, bob, carol):
    interview = make_panel(alice, carol, [bob])
    item = interview.questions.get(position=0)
    item.interview = interview
    save_answer(
        item, text="调度器先预选过滤节点，再优选打分。", base=0, client="t", seq=1, force=True
    )
    lead = interview.panel.get(user=alice)
    panel.set_score(lead, item, 5, revision=0)
    panel.save_notes(lead, item, LEAD_NOTE, revision=0)
    return interview


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("width", ["laptop", "phone"])
def test_a_co_interviewer_scores_blind_and_follows_the_lead(
    room, alice, bob, page_for, screenshot, width, language
):
    page = page_for(bob, width=width, language=language)
    page.goto(f"/interviews/{room.pk}/live/")
    page.wait_for_load_state("load")
    expect(page.locator("#lead-note")).to_be_visible()
    expect(page.locator("#go-next")).to_have_count(0)
    expect(page.locator("#score-form .is-current")).to_have_count(0)  # not the lead's 5
    assert LEAD_NOTE not in page.content()

    page.locator("#score-3").click()
    expect(page.locator("#score-3")).to_have_attribute("aria-pressed", "true")
    page.locator("#tick-0").click()
    expect(page.locator("#tick-0")).to_have_attribute("aria-checked", "true")
    seat = room.panel.get(user=bob)
    row = MemberScore.objects.get(member=seat, item__position=0)
    assert row.score == 3 and row.ticked == [0]
    found = violations(page)
    assert not found, found
    screenshot(page, f"panel-member-console-{width}-{language}")

    lead = page_for(alice, width=width, language=language)
    lead.goto(f"/interviews/{room.pk}/live/")
    lead.locator("#go-next").click()
    expect(lead.locator("#go-next")).to_be_enabled()
    expect(page.locator("#current-title")).to_contain_text("2", timeout=8_000)
    expect(page.locator("#score-form .is-current")).to_have_count(0)  # a new question: no score


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("width", ["laptop", "phone"])
def test_the_lead_ends_a_panel_without_scoring_everything(
    room, alice, page_for, screenshot, width, language
):
    page = page_for(alice, width=width, language=language)
    page.goto(f"/interviews/{room.pk}/finish/")
    expect(page.locator("input[name=recommendation]")).to_have_count(0)
    found = violations(page)
    assert not found, found
    screenshot(page, f"panel-lead-finish-{width}-{language}")
    page.locator("form.stack button[type=submit]").click()
    expect(page).to_have_url(f"{page.url.split('/interviews/')[0]}/interviews/{room.pk}/report/")
    room.refresh_from_db()
    assert room.is_finished
