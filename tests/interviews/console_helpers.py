"""What the live console's tests share: the htmx header, the poll state a page holds, a poll,
and the candidate typing (tests/interviews/test_live_console.py, test_hot_paths.py,
test_panel_console.py)."""

from __future__ import annotations

import re

from django.urls import reverse

from interviews.answers import save_answer

HTMX = {"HX-Request": "true"}


def poll_of(html: str) -> dict[str, str]:
    """The poll state a page or reply holds, as the browser would send it."""
    block = re.search(r'<div id="poll-state".*?</div>', html, re.S).group()
    return dict(re.findall(r'name="(\w+)" value="([^"]*)"', block))


def console_poll(client, interview) -> dict[str, str]:
    """The poll state of the console page as ``client`` opens it."""
    page = client.get(reverse("interviews:live", args=[interview.pk])).content.decode()
    return poll_of(page)


def state(client, interview, shown):
    """The console's poll, sending the poll state ``shown``."""
    return client.get(reverse("interviews:state", args=[interview.pk]), shown, headers=HTMX)


def type_answer(interview, text: str, seq: int = 1):
    """The candidate's autosave of ``text`` on the current question."""
    item = interview.questions.get(position=interview.position)
    item.interview = interview
    return save_answer(item, text=text, base=0, client="t", seq=seq, force=True)
