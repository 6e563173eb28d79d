"""Browser tests: Playwright driving the system Chromium against pytest-django's live server.

No browser download: Chromium comes from the OS (Debian package ``chromium``). Without it the
tests skip, except under CI (CI=true), where a missing browser is a failure.
Set SCREENSHOTS=DIR to keep screenshots of each screen at 1280 px and 390 px.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WIDTHS = {"laptop": 1280, "phone": 390}


def chromium_path() -> str | None:
    configured = os.environ.get("CHROMIUM")
    if configured:
        return configured
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "e2e" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if executable is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true but no Chromium was found: install the Debian package 'chromium'")
        pytest.skip("no Chromium on this machine (apt-get install chromium)")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page_for(browser, live_server):
    """``page_for(user, width="laptop", language="en")``: a signed-in page on the live server."""
    contexts = []

    def make(user=None, *, width: str = "laptop", language: str = "en"):
        context = browser.new_context(
            viewport={"width": WIDTHS[width], "height": 900}, base_url=live_server.url
        )
        cookies = [
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}
        ]
        if user is not None:
            client = Client()
            client.force_login(user)
            session = client.cookies[settings.SESSION_COOKIE_NAME].value
            cookies.append(
                {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}
            )
        context.add_cookies(cookies)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: pytest.fail(f"JavaScript error: {error}"))
        return page

    yield make
    for context in contexts:
        context.close()
    _wait_for_requests_to_finish()


def _wait_for_requests_to_finish(quiet: float = 0.25, limit: float = 5.0) -> None:
    """A closing page still sends what it owes (answer.js saves on pagehide), and the live server
    answers each request on a thread of its own: the database is flushed after the test, so wait
    until no request has been in flight for ``quiet`` seconds (a save landing mid-flush broke the
    flush and the next test's setup)."""
    deadline = time.monotonic() + limit
    idle_since = time.monotonic()
    while time.monotonic() < deadline:
        if any("process_request_thread" in thread.name for thread in threading.enumerate()):
            idle_since = time.monotonic()
        elif time.monotonic() - idle_since >= quiet:
            return
        time.sleep(0.02)


@pytest.fixture
def screenshot():
    """``screenshot(page, name)``: every screen a test looks at must fit its width (no sideways
    scrolling on a phone); it is saved under $SCREENSHOTS when that is set."""
    directory = os.environ.get("SCREENSHOTS")

    def take(page, name: str) -> None:
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name}: the page is {overflow}px wider than the window"
        if directory:
            Path(directory).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(directory) / f"{name}.png"), full_page=True)

    return take
