"""Autosave in a real browser, where text gets lost in practice: reloads, failed saves, two tabs."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from interviews.models import Answer
from tests.conftest import make_interview


def stored(interview) -> str:
    return Answer.objects.get(
        interview_question__interview=interview, interview_question__position=0
    ).text


def eventually_stored(interview, text: str, seconds: float = 5) -> None:
    """The server holds ``text`` within ``seconds`` (saves are debounced and asynchronous)."""
    deadline = time.monotonic() + seconds
    while stored(interview) != text and time.monotonic() < deadline:
        time.sleep(0.1)
    assert stored(interview) == text


def test_text_whose_save_failed_comes_back_after_a_reload(alice, carol, page_for):
    interview = make_interview(alice, carol, start=True)
    page = page_for(carol)
    page.goto(f"/interviews/{interview.pk}/take/")
    held = []

    def hold_first_fail_rest(route):
        held.append(route)
        if len(held) > 1:
            route.abort()

    page.route("**/take/answer/", hold_first_fail_rest)
    page.locator("#answer-text").press_sequentially("first", delay=5)
    page.wait_for_timeout(1200)  # the first save is on its way (held)
    page.locator("#answer-text").press_sequentially(" second", delay=5)
    held[0].continue_()  # the first lands; the second fails
    expect(page.locator("[data-save-status]")).to_contain_text("Not saved", timeout=5000)
    assert stored(interview) == "first"
    page.unroute("**/take/answer/")
    page.reload()
    expect(page.locator("#answer-text")).to_have_value("first second")
    eventually_stored(interview, "first second")


def behind(alice, carol, page_for, *, a: str, b: str, revision: int = 0):
    """Two tabs of one candidate: A saves ``a``; B, opened before, types ``b`` and is told.
    ``revision``: how many saves the answer had before either tab opened."""
    interview = make_interview(alice, carol, start=True)
    if revision:
        item = interview.questions.get(position=0)
        Answer.objects.update_or_create(interview_question=item, defaults={"revision": revision})
    url = f"/interviews/{interview.pk}/take/"
    tab_a, tab_b = page_for(carol), page_for(carol)
    tab_a.goto(url)
    tab_b.goto(url)
    tab_a.locator("#answer-text").press_sequentially(a, delay=5)
    expect(tab_a.locator("[data-save-status]")).to_contain_text("Saved", timeout=5000)
    tab_b.locator("#answer-text").press_sequentially(b, delay=5)
    conflict = tab_b.locator("[data-conflict]")
    expect(conflict).to_be_visible(timeout=5000)
    expect(conflict).to_contain_text(a)
    # ... and its save status says why (not "Saving…" forever)
    status = tab_b.locator("[data-save-status]")
    expect(status).to_have_text("Another tab or window saved a newer answer.")
    return interview, tab_b, conflict


def test_a_tab_behind_another_is_asked_and_its_typing_overwrites_nothing(alice, carol, page_for):
    interview, tab_b, conflict = behind(alice, carol, page_for, a="written in A", b="B")
    tab_b.locator("#answer-text").press_sequentially("x", delay=5)  # typing on, undecided
    tab_b.wait_for_timeout(1500)
    assert stored(interview) == "written in A"

    tab_b.locator("[data-use-theirs]").click()
    expect(tab_b.locator("#answer-text")).to_have_value("written in A")
    tab_b.locator("#answer-text").press_sequentially(", and B", delay=5)
    eventually_stored(interview, "written in A, and B")
    expect(conflict).to_be_hidden()


def test_a_tab_behind_another_is_asked_however_many_saves_came_before(alice, carol, page_for):
    # Revisions past 9 are read as the decimal numbers they are: 12 then 13, never skipped.
    interview, _, _ = behind(alice, carol, page_for, a="A after twelve", b="B", revision=12)
    assert stored(interview) == "A after twelve"
    answer = Answer.objects.get(
        interview_question__interview=interview, interview_question__position=0
    )
    assert answer.revision == 13


def test_keeping_my_text_overwrites_on_purpose(alice, carol, page_for):
    interview, tab_b, _ = behind(alice, carol, page_for, a="from A", b="mine from B")
    tab_b.locator("[data-keep-mine]").click()
    expect(tab_b.locator("[data-conflict]")).to_be_hidden()  # chosen: the question goes away
    eventually_stored(interview, "mine from B")
    expect(tab_b.locator("[data-save-status]")).to_contain_text("Saved")


def test_an_answer_over_the_limit_is_refused_shown_and_kept(alice, carol, page_for):
    from interviews.answers import MAX_ANSWER_CHARS

    interview = make_interview(alice, carol, start=True)
    page = page_for(carol)
    page.goto(f"/interviews/{interview.pk}/take/")
    textarea = page.locator("#answer-text")
    textarea.press_sequentially("short", delay=5)
    expect(page.locator("[data-save-status]")).to_contain_text("Saved", timeout=5000)
    posts = []
    page.on("request", lambda r: posts.append(r) if r.url.endswith("/take/answer/") else None)
    too_long = "x" * (MAX_ANSWER_CHARS + 10)
    textarea.fill(too_long)
    textarea.dispatch_event("input")
    expect(page.locator("[data-char-count]")).to_be_visible()
    expect(page.locator("[data-char-count]")).to_have_class("muted small char-count error")
    expect(page.locator("[data-save-status]")).to_contain_text("Not saved: an answer holds at most")
    sent = len(posts)
    page.wait_for_timeout(5500)  # longer than the retry delay (4 s): nothing is sent again
    assert len(posts) == sent
    assert stored(interview) == "short"
    page.reload()  # the text typed is still in this browser
    expect(textarea).to_have_value(too_long)
    textarea.fill("x" * 100)
    textarea.dispatch_event("input")
    eventually_stored(interview, "x" * 100)
    expect(page.locator("[data-char-count]")).to_be_hidden()


@pytest.mark.parametrize(
    ("code", "said"),
    [
        (413, "Not saved: an answer holds at most"),
        (400, "Not saved: the server refused this text"),
    ],
)
def test_a_body_refused_by_the_server_in_html_is_said_and_not_retried(
    alice, carol, page_for, code, said
):
    """A limit in front of the view (the server's body limit, a proxy) answers in HTML, not
    JSON: the page says the text was refused, keeps it, and does not send it again and again."""
    interview = make_interview(alice, carol, start=True)
    page = page_for(carol)
    page.goto(f"/interviews/{interview.pk}/take/")
    posts = []

    def refuse(route):
        posts.append(route.request)
        route.fulfill(
            status=code, body="<h1>Request Entity Too Large</h1>", content_type="text/html"
        )

    page.route("**/take/answer/", refuse)
    textarea = page.locator("#answer-text")
    textarea.press_sequentially("kept", delay=5)
    expect(page.locator("[data-save-status]")).to_contain_text(said, timeout=5000)
    sent = len(posts)
    page.wait_for_timeout(5500)  # longer than the retry delay (4 s): nothing is sent again
    assert len(posts) == sent
    page.unroute("**/take/answer/")
    textarea.press_sequentially(" and saved", delay=5)  # the next keystroke tries again
    eventually_stored(interview, "kept and saved")


def test_a_failed_save_is_retried_by_itself_without_a_keystroke_or_reload(alice, carol, page_for):
    interview = make_interview(alice, carol, start=True)
    page = page_for(carol)
    page.goto(f"/interviews/{interview.pk}/take/")
    tries = []

    def fail_first(route):
        tries.append(route.request.post_data)
        if len(tries) == 1:
            route.abort()
        else:
            route.continue_()

    page.route("**/take/answer/", fail_first)
    page.locator("#answer-text").press_sequentially("typed once", delay=5)
    expect(page.locator("[data-save-status]")).to_contain_text("Not saved", timeout=5000)
    assert stored(interview) == ""
    # No more typing, no reload: the page sends it again on its own.
    # (Playwright's sync API runs the route handler only while we wait in Playwright.)
    expect(page.locator("[data-save-status]")).to_contain_text("Saved", timeout=10000)
    assert stored(interview) == "typed once" and len(tries) == 2


def test_text_typed_just_before_leaving_the_page_is_sent_as_it_goes(alice, carol, page_for):
    interview = make_interview(alice, carol, start=True)
    page = page_for(carol)
    page.goto(f"/interviews/{interview.pk}/take/")
    page.locator("#answer-text").fill("typed, then straight to another page")
    page.goto("/accounts/password_change/")  # within the save's delay: only pagehide sends it
    eventually_stored(interview, "typed, then straight to another page")


def test_a_save_on_its_way_says_saving_until_the_server_answers(alice, carol, page_for):
    interview = make_interview(alice, carol, start=True)
    page = page_for(carol)
    page.goto(f"/interviews/{interview.pk}/take/")
    held = []
    page.route("**/take/answer/", lambda route: held.append(route))
    page.locator("#answer-text").press_sequentially("on its way", delay=5)
    status = page.locator("[data-save-status]")
    expect(status).to_have_text("Saving…", timeout=5000)  # held: neither saved nor failed yet
    assert stored(interview) == ""
    held[0].continue_()
    expect(status).to_contain_text("Saved at", timeout=5000)
    assert stored(interview) == "on its way"


def test_a_reload_rendered_before_its_own_save_landed_shows_the_saved_text(alice, carol, page_for):
    interview = make_interview(alice, carol, start=True)
    page = page_for(carol)
    url = f"/interviews/{interview.pk}/take/"
    page.goto(url)
    stale = page.request.get(url).text()  # the page as rendered before anything was saved
    page.locator("#answer-text").press_sequentially("hello", delay=5)
    expect(page.locator("[data-save-status]")).to_contain_text("Saved at", timeout=5000)
    # The reload is answered with the page rendered before that save (a slow render racing it).
    page.route(f"**{url}", lambda route: route.fulfill(body=stale, content_type="text/html"))
    page.reload()
    expect(page.locator("#answer-text")).to_have_value("hello")
    page.unroute(f"**{url}")
    page.locator("#answer-text").press_sequentially(" world", delay=5)
    eventually_stored(interview, "hello world")  # typing on never overwrites the saved text


def test_a_reload_after_another_device_saved_newer_text_shows_that_text(alice, carol, page_for):
    interview = make_interview(alice, carol, start=True)
    page = page_for(carol)
    page.goto(f"/interviews/{interview.pk}/take/")
    page.locator("#answer-text").press_sequentially("typed here", delay=5)
    expect(page.locator("[data-save-status]")).to_contain_text("Saved at", timeout=5000)
    # Another device saves on top of it; this browser still holds its own saved draft.
    answer = Answer.objects.get(
        interview_question__interview=interview, interview_question__position=0
    )
    Answer.objects.filter(pk=answer.pk).update(text="from my phone", revision=answer.revision + 1)
    page.reload()
    expect(page.locator("#answer-text")).to_have_value("from my phone")
    page.wait_for_timeout(500)  # the draft check runs after the handshake
    expect(page.locator("#answer-text")).to_have_value("from my phone")


def test_a_draft_put_back_after_a_reload_says_so_until_it_is_saved(alice, carol, page_for):
    interview = make_interview(alice, carol, start=True)
    page = page_for(carol)
    page.goto(f"/interviews/{interview.pk}/take/")
    page.route("**/take/answer/", lambda route: route.abort())  # every save fails
    page.locator("#answer-text").press_sequentially("kept here", delay=5)
    status = page.locator("[data-save-status]")
    expect(status).to_contain_text("Not saved", timeout=5000)
    page.unroute("**/take/answer/")
    held = []
    page.route("**/take/answer/", lambda route: held.append(route))
    page.reload()
    expect(page.locator("#answer-text")).to_have_value("kept here")
    expect(status).to_have_text("Restored your unsaved text from this browser.", timeout=5000)
    page.wait_for_timeout(500)  # the replayed save is on its way: the message stays meanwhile
    expect(status).to_have_text("Restored your unsaved text from this browser.")
    held[0].continue_()
    expect(status).to_contain_text("Saved at", timeout=5000)
    eventually_stored(interview, "kept here")


def test_saved_drafts_older_than_a_day_are_pruned_unsaved_ones_never(alice, carol, page_for):
    interview = make_interview(alice, carol, start=True)
    page = page_for(carol)
    url = f"/interviews/{interview.pk}/take/"
    page.goto(url)
    day = 86_400_000
    page.evaluate(
        """day => {
          const put = (key, draft) => localStorage.setItem(key, JSON.stringify(draft));
          put("answer-draft:999:1", {text: "saved long ago", base: 3, saved: true, at: Date.now() - 2 * day});
          put("answer-draft:999:2", {text: "saved an hour ago", base: 3, saved: true, at: Date.now() - 3600000});
          put("answer-draft:999:3", {text: "never saved", base: 0, at: Date.now() - 30 * day});
          localStorage.setItem("another-page-setting", "null");
        }""",
        day,
    )
    page.reload()
    expect(page.locator("#answer-text")).to_be_editable()
    kept = page.evaluate("() => Object.keys(localStorage).sort()")
    assert kept == [
        "another-page-setting",
        "answer-draft:999:2",
        "answer-draft:999:3",
    ]
