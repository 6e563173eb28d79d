"""The curator's import preview and a topic with groups, in a real browser at both widths."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import fixture_bytes, import_markdown
from tests.questionbank.conftest import GROUPED, list_shape  # noqa: F401 (a fixture)
from tests.questionbank.shapes import SHAPES

CHANGED = (
    GROUPED.replace("如何在构建时给 Docker 镜像瘦身？", "如何在构建时给 Docker 镜象瘦身？")
    .replace("- 写时复制", "- 写时复制\n- 联合文件系统")
    .replace("3. 【Kubernetes】Pod 是什么？", "3. 【Kubernetes】Service 有哪几种类型？")
)


@pytest.mark.usefixtures("list_shape")
@pytest.mark.parametrize("width", ["laptop", "phone"])
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_import_preview_and_grouped_topic(
    cora,
    page_for,
    screenshot,
    tmp_path,
    width,
    language,
):
    assert import_markdown(GROUPED, "grouped.md").ok
    page = page_for(cora, width=width, language=language)
    page.goto("/admin/questionbank/topic/import/")
    path = tmp_path / "grouped.md"
    path.write_text(CHANGED, encoding="utf-8")
    page.set_input_files("input[type=file]", str(path))
    page.locator(".submit-row input[type=submit]").click()
    expect(page.locator(".import-questions-table tr.status-new")).to_have_count(1)
    expect(page.locator(".import-questions-table tr.status-archived")).to_have_count(1)
    expect(page.locator(".import-questions-table .question-warnings")).to_have_count(1)
    page.wait_for_load_state("load")  # the stylesheets too, before measuring the width
    screenshot(page, f"import-preview-{language}-{width}")

    page.goto("/bank/grouped/")
    expect(page.locator("h2.question-group")).to_have_count(2)
    screenshot(page, f"topic-groups-{language}-{width}")


@pytest.mark.parametrize("width", ["laptop", "phone"])
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_refused_file_is_named_and_nothing_can_be_confirmed(
    cora, page_for, screenshot, tmp_path, width, language
):
    good, bad = tmp_path / "rpc.md", tmp_path / "notes.md"
    good.write_bytes(fixture_bytes("rpc.md"))
    bad.write_text("# 只有正文\n\n一些文字。\n", encoding="utf-8")
    page = page_for(cora, width=width, language=language)
    page.goto("/admin/questionbank/topic/import/")
    page.set_input_files("input[type=file]", [str(good), str(bad)])
    page.locator(".submit-row input[type=submit]").click()
    expect(page.locator(".import-error")).to_have_count(1)
    expect(page.locator("input[name=confirm]")).to_have_count(0)
    page.wait_for_load_state("load")
    screenshot(page, f"import-refused-{language}-{width}")


CHOSEN = {"en": ("chosen by you", "chosen by cora on"), "zh-hans": ("由你选择", "由 cora 于")}


@pytest.mark.parametrize("width", ["laptop", "phone"])
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_curator_picks_a_reading_for_a_file_the_importer_was_unsure_of(
    cora, page_for, screenshot, tmp_path, width, language
):
    path = tmp_path / "os.md"
    path.write_bytes((SHAPES / "unsure_two_readings.md").read_bytes())
    page = page_for(cora, width=width, language=language)
    page.goto("/admin/questionbank/topic/import/")
    page.set_input_files("input[type=file]", str(path))
    page.locator(".submit-row input[type=submit]").click()
    readings = page.locator(".import-readings > li")
    expect(readings).to_have_count(2)
    expect(readings.nth(1).locator("ol.first-questions li").first).to_have_text("What is a thread?")
    expect(page.locator("input[name=confirm]")).to_have_count(0)
    page.wait_for_load_state("load")
    screenshot(page, f"import-readings-{language}-{width}")

    readings.nth(1).locator("button[name=choose]").click()  # the list reading
    by_you, by_cora = CHOSEN[language]
    expect(page.locator(".import-chosen .chosen-label")).to_contain_text(by_you)
    rows = page.locator(".import-questions-table tr.status-new")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text("What is a thread?")
    page.wait_for_load_state("load")
    screenshot(page, f"import-chosen-{language}-{width}")

    page.locator("input[name=confirm]").click()
    expect(page.locator(".messagelist .success")).to_have_count(1)

    page.goto("/admin/questionbank/topic/import/")  # the same file again: the choice holds
    page.set_input_files("input[type=file]", str(path))
    page.locator(".submit-row input[type=submit]").click()
    expect(page.locator(".import-chosen .chosen-label")).to_contain_text(by_cora)
    expect(page.locator(".import-questions-table tr.status-unchanged")).to_have_count(3)
    page.wait_for_load_state("load")
    screenshot(page, f"import-remembered-{language}-{width}")

    page.locator("button[name=clear]").click()  # forget it: the readings are offered again
    expect(page.locator(".import-readings > li")).to_have_count(2)
