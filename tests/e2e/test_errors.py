"""A refused or unsent htmx action says so on the page, instead of doing nothing visible."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.conftest import make_interview


def test_a_refused_action_shows_the_servers_reason(alice, carol, page_for):
    interview = make_interview(alice, carol, start=True)
    page = page_for(alice)
    page.goto(f"/interviews/{interview.pk}/live/")
    page.route(
        "**/score/",
        lambda route: route.fulfill(status=400, body="A score is 0 to 5 in steps of 0.5."),
    )
    page.locator('#score-form [data-score="3"]').click()
    expect(page.locator("#messages")).to_contain_text("A score is 0 to 5 in steps of 0.5.")


def test_an_action_that_could_not_be_sent_says_not_connected(alice, carol, page_for):
    interview = make_interview(alice, carol, start=True)
    page = page_for(alice, language="zh-hans")
    page.goto(f"/interviews/{interview.pk}/live/")
    page.route("**/score/", lambda route: route.abort())
    page.locator('#score-form [data-score="3"]').click()
    expect(page.locator("#messages")).to_contain_text("未连接")
