"""The scorecard in a real browser: sharing with a live preview, the shared page, the print
view and a revoked link, in English and Chinese, at 1280 and 390 px (issue 12, items 1-6)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from interviews import assembly, live
from interviews.answers import save_answer
from questionbank.importing import Source, import_sources
from questionbank.models import Question
from tests.conftest import FIXTURES
from tests.e2e.axe import violations

ANSWER_1 = (
    "容器编排解决多主机上容器的生命周期管理：单机 Docker 时容器挂了没人拉起、服务发现和负载均衡困难、"
    "滚动更新和回滚复杂。Kubernetes 提供自动化部署和回滚、服务发现、自我修复和自动扩缩容。"
)
LATE_1 = ANSWER_1 + "（评分后补充：还有存储编排。）"
ANSWER_2 = (
    "控制平面有 API Server、etcd、Scheduler、Controller Manager；节点上有 kubelet 和 kube-proxy。"
)
NOTE = "Private note: strong on basics"
SUMMARY = "Solid basics; weak on networking"

TEXT = {
    "en": {
        "preview": "What the candidate will see",
        "yours": "Your answer",
        "late": "Late",
        "revoked": "This link was revoked",
        "nothing": "has not shared any details",
    },
    "zh-hans": {
        "preview": "候选人将看到的内容",
        "yours": "你的回答",
        "late": "迟交",
        "revoked": "此链接已被撤销",
        "nothing": "面试官未分享这份评分表的任何细节",
    },
}


@pytest.fixture
def finished(db, alice, carol):
    assert import_sources([Source("kubernetes.md", (FIXTURES / "kubernetes.md").read_bytes())]).ok
    interview = assembly.create_interview(
        owner=alice, title="Kubernetes P7 loop", candidate=carol, default_time_limit=600
    )
    for question in Question.objects.filter(topic__slug="kubernetes").order_by("number")[:3]:
        assembly.add_question(interview, question)
    live.start(interview)
    items = list(interview.questions.order_by("position"))
    for item in items:
        item.interview = interview
    save_answer(items[0], text=ANSWER_1, base=0, client="t", seq=1)
    live.set_score(items[0], Decimal("4"), revision=0, user=alice)
    live.tick(items[0], 0, on=True)
    live.tick(items[0], 1, on=True)
    live.save_notes(items[0], NOTE, revision=0)
    save_answer(items[0], text=LATE_1, base=1, client="t", seq=2)
    live.goto(interview, 1)
    save_answer(items[1], text=ANSWER_2, base=0, client="t", seq=3)
    live.set_score(items[1], Decimal("3.5"), revision=0, user=alice)
    live.set_not_asked(items[2], True)
    live.finish(interview, recommendation="yes", summary=SUMMARY)
    interview.refresh_from_db()
    return interview


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("width", ["laptop", "phone"])
def test_share_with_preview_then_the_shared_page_print_view_and_revoking(
    finished, alice, page_for, screenshot, width, language
):
    text = TEXT[language]
    tag = f"{language[:2]}-{width}"
    page = page_for(alice, width=width, language=language)
    page.goto(f"/interviews/{finished.pk}/report/")
    page.wait_for_load_state("load")
    # The answers as typed, the late edit, ticked beside found.
    expect(page.locator(".typed-answer").first).to_contain_text("容器编排解决多主机上容器")
    expect(page.locator(".late-edit").first).to_contain_text("评分后补充")
    expect(page.locator(".late-edit .tag.warn").first).to_have_text(text["late"])
    expect(page.locator(".kp-marks").first.locator(".kp-mark.ticked:not(.off)")).to_have_count(2)
    screenshot(page, f"scorecard-{tag}")

    # Every part starts off: the preview shows only the questions.
    preview = page.locator("#share-preview")
    expect(page.locator(".share-preview-frame h3")).to_have_text(text["preview"])
    expect(preview).to_contain_text(text["nothing"])
    expect(page.locator(".share-form input[type=checkbox]:checked")).to_have_count(0)

    # Ticking parts updates the preview to exactly what the candidate will see.
    asked = []
    page.on("request", lambda r: asked.append(r.url) if "/share/preview/" in r.url else None)
    page.check(".share-form input[value=answers]")
    expect(preview.locator(".typed-answer").first).to_contain_text(text["yours"])
    expect(preview).to_contain_text("评分后补充")
    page.check(".share-form input[value=scores]")
    expect(preview.locator(".score-value").first).to_have_text("4")
    expect(preview).not_to_contain_text(SUMMARY)
    expect(preview).not_to_contain_text(NOTE)
    expect(preview.locator(".kp-marks")).to_have_count(0)
    page.check(".share-form input[value=summary]")
    expect(preview).to_contain_text(SUMMARY)
    page.uncheck(".share-form input[value=summary]")
    expect(preview).not_to_contain_text(SUMMARY)
    assert asked and all("parts=answers" in url for url in asked)
    assert not any("csrf" in url for url in asked)  # the token stays out of URLs and logs
    page.locator("#share-preview").scroll_into_view_if_needed()
    screenshot(page, f"share-preview-{tag}")

    page.click(".share-form button[type=submit]")
    link = page.locator("input[data-select-on-focus]")
    expect(link).to_be_visible()
    url = link.input_value()
    expect(page.locator(".share-form input[value=answers]")).to_be_checked()

    # The candidate (no account needed) sees the chosen parts and nothing else.
    visitor = page_for(None, width=width, language=language)
    visitor.goto(url)
    expect(visitor.locator(".typed-answer").first).to_contain_text(text["yours"])
    expect(visitor.locator(".typed-answer").first).to_contain_text("容器编排解决多主机上容器")
    expect(visitor.locator(".score-value").first).to_have_text("4")
    body = visitor.locator("main")
    for hidden in (SUMMARY, NOTE):
        expect(body).not_to_contain_text(hidden)
    expect(visitor.locator(".kp-marks")).to_have_count(0)
    expect(visitor.locator("details.answer")).to_have_count(0)
    expect(visitor.locator(".share-form")).to_have_count(0)
    screenshot(visitor, f"shared-{tag}")
    visitor.emulate_media(media="print")  # the candidate prints what was shared with them
    expect(visitor.locator(".typed-answer").first).to_be_visible()
    visitor.emulate_media(media="screen")

    # The print view: standard answers left out, then printed open; notes only when chosen.
    page.goto(f"/interviews/{finished.pk}/report/?print=1")
    expect(page.locator("article.print-view")).to_be_visible()
    expect(page.locator(".open-answer")).to_have_count(0)
    expect(page.locator("article")).not_to_contain_text(NOTE)
    page.check(".print-options input[value=open]")
    page.check(".print-options input[name=notes]")
    page.click(".print-options button[type=submit]")
    expect(page.locator(".open-answer").first).to_be_visible()
    expect(page.locator("article")).to_contain_text(NOTE)
    screenshot(page, f"print-view-{tag}")
    page.emulate_media(media="print")
    expect(page.locator(".print-options")).to_be_hidden()
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".open-answer").first).to_be_visible()
    screenshot(page, f"print-{tag}")  # as it prints
    page.emulate_media(media="screen")

    # Revoked: the link says so, and nothing else.
    page.goto(f"/interviews/{finished.pk}/report/")
    page.click("form[action$='/unshare/'] button")
    expect(page.locator("input[data-select-on-focus]")).to_have_count(0)
    response = visitor.goto(url)
    assert response.status == 410
    expect(visitor.locator("h1")).to_have_text(text["revoked"])
    expect(visitor.locator("main")).not_to_contain_text("Kubernetes P7 loop")
    expect(visitor.locator("main")).not_to_contain_text("容器编排解决")


def test_printing_the_scorecard_itself_leaves_out_standard_answers_and_notes(
    finished, alice, page_for
):
    page = page_for(alice)
    page.goto(f"/interviews/{finished.pk}/report/")
    page.locator("details.answer").first.evaluate("d => d.open = true")
    expect(page.locator("details.answer").first).to_be_visible()
    expect(page.locator(".note").first).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator("details.answer").first).to_be_hidden()
    expect(page.locator(".note").first).to_be_hidden()
    expect(page.locator(".typed-answer").first).to_be_visible()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_axe_finds_nothing_serious_on_the_scorecard_preview_and_shared_page(
    finished, alice, page_for, language
):
    page = page_for(alice, width="laptop", language=language)
    page.goto(f"/interviews/{finished.pk}/report/")
    page.check(".share-form input[value=answers]")
    page.check(".share-form input[value=scores]")
    expect(page.locator("#share-preview .typed-answer").first).to_be_visible()
    assert violations(page) == []
    page.click(".share-form button[type=submit]")
    url = page.locator("input[data-select-on-focus]").input_value()
    assert violations(page) == []  # the report with its link
    visitor = page_for(None, width="phone", language=language)
    visitor.goto(url)
    expect(visitor.locator(".typed-answer").first).to_be_visible()
    assert violations(visitor) == []
    page.goto(f"/interviews/{finished.pk}/report/?print=1")
    assert violations(page) == []
