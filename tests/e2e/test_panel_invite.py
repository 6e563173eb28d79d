"""A panel assembled in a real browser: the lead invites by email, the co-interviewer joins."""

from __future__ import annotations

import pytest
from django.core import mail
from playwright.sync_api import expect

from interviews import panel
from interviews.models import PanelMember
from tests.conftest import make_interview


@pytest.mark.parametrize("width", ["laptop", "phone"])
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_lead_invites_and_co_interviewer_joins(alice, carol, dan, page_for, screenshot, width,
                                               language):  # fmt: skip
    zh = language == "zh-hans"
    interview = make_interview(alice, carol, title="Kubernetes loop")
    lead = page_for(alice, width=width, language=language)
    lead.goto(f"/interviews/{interview.pk}/edit/#panel")
    expect(lead.locator("#panel .empty")).to_be_visible()  # solo until someone is invited
    lead.fill("#id_member_email", "dan@example.com")
    lead.locator("#panel button[type=submit]").click()
    expect(lead.locator("#panel .panel-list li")).to_have_count(2)
    expect(lead.locator("#panel")).to_contain_text("dan@example.com")
    expect(lead.locator("#panel .tag.hint")).to_have_text("已邀请" if zh else "invited")
    lead.locator("#panel").scroll_into_view_if_needed()
    screenshot(lead, f"edit-panel-{language}-{width}")

    seat = PanelMember.objects.get(interview=interview, email="dan@example.com")
    (message,) = mail.outbox
    assert seat.get_invitation_url() in message.body
    member = page_for(dan, width=width, language=language)
    member.goto(seat.get_invitation_url())
    screenshot(member, f"join-{language}-{width}")
    member.locator("form button[type=submit]", has_text="dan").click()
    expect(member.locator("h1")).to_have_text("Kubernetes loop")
    expect(member.locator(".panel-list .tag.ok")).to_have_text("已加入" if zh else "joined")
    screenshot(member, f"seat-detail-{language}-{width}")
    member.goto("/interviews/")
    expect(member.locator("h2", has_text="参与的面试小组" if zh else "On a panel")).to_be_visible()
    expect(member.locator(".session-list")).to_contain_text("Kubernetes loop")
    screenshot(member, f"index-on-a-panel-{language}-{width}")

    late = page_for(carol, width=width, language=language)
    late.goto(seat.get_invitation_url())  # the seat is taken
    expect(late.locator("h1")).to_have_text("此链接已失效" if zh else "This link no longer works")
    screenshot(late, f"join-used-{language}-{width}")
    other = panel.add_member(interview, email="erin@example.com", by=alice)
    late.goto(other.get_invitation_url())  # carol is no interviewer
    expect(late.locator(".notice")).to_contain_text("面试官账号" if zh else "interviewer account")
    screenshot(late, f"join-refused-{language}-{width}")

    lead.reload()
    expect(lead.locator("#panel .tag.ok")).to_have_text("已加入" if zh else "joined")
    lead.locator("#panel li", has_text="Dan").locator("a.danger").click()  # asks first
    expect(lead.locator("h1")).to_contain_text("Dan")
    screenshot(lead, f"remove-confirm-{language}-{width}")
    lead.locator("button.danger").click()
    expect(lead.locator("#panel .panel-list li")).to_have_count(2)  # alice, erin (invited)
    expect(lead.locator("#panel")).not_to_contain_text("Dan")
