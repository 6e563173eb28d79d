"""Time zones from the browser, invitations by mail, timed-out practice and the due list, in a
real browser, in English and Chinese."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Profile
from interviews import practice
from interviews.answers import save_answer
from interviews.models import Interview, Invitation, PracticeItem
from questionbank.models import Question
from tests.conftest import make_interview, make_secret_topic
from tests.e2e.conftest import WIDTHS

TEXT = {
    "en": {
        "sign_in": "Sign in",
        "zone_help": "In your time zone, {zone}",
        "mailed": "The invitation was mailed to new@example.com.",
        "join": "Create my account and join",
        "timed_out": "timed out",
        "due": "Due for review",
        "due_now": "due now",
    },
    "zh-hans": {
        "sign_in": "登录",
        "zone_help": "按你的时区 {zone}",
        "mailed": "邀请已发邮件到 new@example.com。",
        "join": "创建账号并加入",
        "timed_out": "超时",
        "due": "待复习",
        "due_now": "现在该复习",
    },
}


@pytest.fixture
def browser_in(browser, live_server):
    """``browser_in(zone, language, width)``: a page whose browser is in that time zone."""
    contexts = []

    def make(zone: str, language: str = "en", width: str = "laptop"):
        context = browser.new_context(
            viewport={"width": WIDTHS[width], "height": 900},
            base_url=live_server.url,
            timezone_id=zone,
        )
        context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: pytest.fail(f"JavaScript error: {error}"))
        return page

    yield make
    for context in contexts:
        context.close()


def sign_in(page, username: str, language: str) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw")
    page.locator("form.stack button[type=submit]").click()
    expect(page).not_to_have_url(re.compile("/accounts/login/"))


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_browser_in_utc_schedules_in_utc_and_sees_it_labelled(
    browser_in, alice, carol, language, screenshot
):
    interview = make_interview(alice, carol)
    page = browser_in("UTC", language)
    sign_in(page, "alice", language)
    assert Profile.objects.get(user=alice).time_zone == "UTC"
    page.goto(f"/interviews/{interview.pk}/edit/")
    expect(page.locator("#id_scheduled_at_helptext")).to_contain_text(
        TEXT[language]["zone_help"].format(zone="UTC")
    )
    page.fill("#id_scheduled_at", "2099-03-01T15:29")
    page.locator("form.stack button.primary").first.click()
    interview.refresh_from_db()
    assert interview.scheduled_at == datetime(2099, 3, 1, 15, 29, tzinfo=UTC)  # not Shanghai's
    expect(page.locator(".page-head time")).to_contain_text("2099-03-01 15:29 UTC")
    page.goto("/interviews/")
    expect(page.locator(".session-list time").first).to_contain_text("2099-03-01 15:29 UTC")
    screenshot(page, f"tz-index-{language}")

    # A time in the past (a zone mix-up: 7 hours back) is refused, and says why.
    page.goto(f"/interviews/{interview.pk}/edit/")
    past = (timezone.now() - timedelta(hours=7)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M")
    page.fill("#id_scheduled_at", past)
    page.locator("form.stack button.primary").first.click()
    expect(page.locator(".field.has-error")).to_be_visible()
    interview.refresh_from_db()
    assert interview.scheduled_at == datetime(2099, 3, 1, 15, 29, tzinfo=UTC)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_settings_page_changes_the_zone(browser_in, alice, carol, language, screenshot):
    interview = make_interview(alice, carol)
    Interview.objects.filter(pk=interview.pk).update(
        scheduled_at=datetime(2099, 3, 1, 15, 29, tzinfo=UTC)
    )
    for width in ("laptop", "phone"):
        page = browser_in("UTC", language, width)
        sign_in(page, "alice", language)
        page.click("a.who")
        expect(page).to_have_url(re.compile("/accounts/settings/"))
        screenshot(page, f"settings-{language}-{width}")
        page.select_option("#id_time_zone", "Asia/Tokyo")
        page.locator("form.stack button.primary").click()
        page.goto("/interviews/")
        expect(page.locator(".session-list time").first).to_contain_text(
            "2099-03-02 00:29 Asia/Tokyo"
        )
        Profile.objects.filter(user=alice).delete()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_an_invitation_by_mail_to_sign_up(browser_in, alice, language, screenshot):
    interview = make_interview(alice, None)
    page = browser_in("UTC", language)
    sign_in(page, "alice", language)
    page.goto(f"/interviews/{interview.pk}/edit/")
    page.fill("#id_candidate_email", "new@example.com")
    page.fill("#id_scheduled_at", "2099-03-01T15:30")
    page.locator("form.stack button.primary").first.click()
    expect(page.locator("#messages")).to_contain_text(TEXT[language]["mailed"])
    screenshot(page, f"invite-edit-{language}")
    with page.expect_navigation():
        page.locator("form[action$='/schedule/'] button").click()
    assert Interview.objects.get(pk=interview.pk).status == Interview.Status.SCHEDULED
    (message,) = mail.outbox  # the invitation carried the event: no second mail
    assert message.attachments[0][0] == "interview.ics"
    link = re.search(r"http://\S+/interviews/invite/\S+/", message.body).group(0)

    # The candidate, in Paris, opens the link from the mail and signs up.
    for width in ("laptop", "phone"):
        visitor = browser_in("Europe/Paris", language, width)
        visitor.goto(link)
        expect(visitor.locator("main time")).to_contain_text("2099-03-01")
        screenshot(visitor, f"invite-signup-{language}-{width}")
    visitor.fill("#id_username", "newbie")
    visitor.fill("#id_first_name", "New")
    visitor.fill("#id_password1", "a-Long-pass-2026")
    visitor.fill("#id_password2", "a-Long-pass-2026")
    visitor.get_by_role("button", name=TEXT[language]["join"]).click()
    expect(visitor).to_have_url(re.compile(f"/interviews/{interview.pk}/take/"))
    expect(visitor.locator("main time").first).to_contain_text("2099-03-01 16:30 Europe/Paris")
    invitation = Invitation.objects.get(interview=interview)
    assert invitation.accepted_by.username == "newbie"
    assert Profile.objects.get(user__username="newbie").time_zone == "Europe/Paris"


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_timed_out_question_and_the_due_list(page_for, carol, language, screenshot):
    make_secret_topic()
    questions = list(Question.objects.filter(topic__slug="secrets").order_by("number")[:2])
    mock = practice.start_practice(carol, questions, seconds_per_question=60, title="Mock")
    first = mock.questions.get(position=0)
    first.interview = mock
    later = first.deadline + timedelta(seconds=30)
    practice.advance_if_expired(mock, now=later)
    first.interview = Interview.objects.get(pk=mock.pk)
    save_answer(first, text="调度器预选过滤节点", base=0, client="t", seq=1, now=later)
    practice.finish_early(Interview.objects.get(pk=mock.pk))
    PracticeItem.objects.filter(user=carol).update(due_at=timezone.now() - timedelta(hours=1))
    for width in ("laptop", "phone"):
        page = page_for(carol, width=width, language=language)
        page.goto(f"/practice/{mock.pk}/review/")
        article = page.locator(".review-item").first
        expect(article.locator("h3 .tag")).to_have_text(TEXT[language]["timed_out"])
        expect(article.locator(".candidate-answer")).to_contain_text("调度器预选过滤节点")
        screenshot(page, f"practice-timed-out-{language}-{width}")
        page.goto("/practice/history/")
        table = page.locator(".due-table")
        expect(page.get_by_role("heading", name=TEXT[language]["due"])).to_be_visible()
        expect(table).to_contain_text("第一题是什么？")
        expect(table.locator(".tag").first).to_have_text(TEXT[language]["due_now"])
        screenshot(page, f"practice-due-{language}-{width}")


def test_the_assembly_list_leaves_the_question_text_room_on_a_phone(page_for, alice, screenshot):
    interview = make_interview(alice, None)
    page = page_for(alice, width="phone")
    page.goto(f"/interviews/{interview.pk}/edit/")
    width = page.locator(".assembly-text").first.evaluate("e => e.getBoundingClientRect().width")
    assert width > 250, f"the question text gets {width}px of 390"
    screenshot(page, "assembly-phone")


@pytest.mark.parametrize("language, other", [("en", "zh-hans"), ("zh-hans", "en")])
def test_the_settings_page_changes_the_language_of_pages_and_mails(
    browser_in, alice, language, other, screenshot
):
    from accounts.languages import language_of

    for width in ("laptop", "phone"):
        page = browser_in("UTC", language, width)
        sign_in(page, "alice", language)
        page.goto("/accounts/settings/")
        expect(page.locator("#id_language")).to_have_value(language)
        screenshot(page, f"settings-language-{language}-{width}")
        page.select_option("#id_language", other)
        page.locator("form.stack button.primary").click()
        expect(page.locator("html")).to_have_attribute("lang", other)
        expect(page.locator("#id_language")).to_have_value(other)
        screenshot(page, f"settings-language-saved-{other}-{width}")
        assert language_of(alice) == other
        Profile.objects.filter(user=alice).delete()
