"""Hostile and pathological interview files, shared by the tests and bench/parse_adversarial.py.

Each case is (name, bytes, what a correct parse gives): the tests assert the result, the bench
times it. Sizes stay under the 256 KB cap.
"""

from __future__ import annotations

CAP = 250 * 1024


def _cap(text: str) -> bytes:
    data = text.encode()
    return data[:CAP]


def cases() -> list[tuple[str, bytes, dict]]:
    found: list[tuple[str, bytes, dict]] = []
    brackets = "[" * 100_000 + "](" * 50_000  # ~200 KB: 4 s with the old parser
    found.append(("brackets", _cap("# T\n\n## 问题\n\n1. 一？\n\n" + brackets),
                  {"ok": True, "questions": 1}))  # fmt: skip
    found.append(("link_openers", _cap("# T\n\n## 问题\n\n1. 一？\n\n" + "[a](" * 60_000),
                  {"ok": True, "questions": 1}))  # fmt: skip
    deep = "".join("  " * i + "- x\n" for i in range(200))
    found.append(("deep_list", _cap("# T\n\n## 问题\n\n1. 一？\n\n" + deep),
                  {"ok": False, "code": "too_deep"}))  # fmt: skip
    found.append(("deep_quote", _cap("# T\n\n" + ">" * 5000 + " x\n"),
                  {"ok": False, "code": "too_deep"}))  # fmt: skip
    headings = "".join(f"### {i}. 问题{i}是什么？\n\n答案{i}。\n\n" for i in range(1, 900))
    found.append(("900_headings", _cap("# T\n\n" + headings), {"ok": True, "questions": 899}))
    many = "".join(f"### {i}. 问题{i}？\n\n答{i}。\n\n" for i in range(1, 12_000))
    found.append(("12000_headings", _cap("# T\n\n" + many),
                  {"ok": False, "code": "too_many_questions"}))  # fmt: skip
    table = "| a | b |\n|---|---|\n" + "| x | y |\n" * 20_000
    found.append(("huge_table", _cap("# T\n\n## 面试题\n\n1. 表格是什么？\n\n" + table),
                  {"ok": True, "questions": 1}))  # fmt: skip
    details = "".join(
        f"<details><summary>Question {i}?</summary><br><b>Answer {i}.</b></details>\n\n"
        for i in range(1, 900)
    )
    found.append(("900_details", _cap("# T\n\n" + details), {"ok": True, "questions": 899}))
    unclosed = "<details><summary>Q?" + "<pre><a href='x'" * 15_000
    found.append(("unclosed_html", _cap("# T\n\n" + unclosed), {"ok": False}))
    zwsp = "".join(f"### \u200b{i}. 问\u200b题{i}？\n\n答\u200b。\n\n" for i in range(1, 900))
    found.append(("zero_width", _cap("# T\n\n" + zwsp), {"ok": True, "questions": 899}))
    found.append(("emphasis", _cap("# T\n\n" + "*a **b " * 30_000), {"ok": False}))
    found.append(("symbols_heading", _cap("# T\n\n## " + "!" * 200_000 + "a\n"), {"ok": False}))
    spaces = "1. " + " " * 200_000 + "x?\n"
    found.append(
        ("long_spaces", _cap("# T\n\n" + spaces + "2. y?\n"), {"ok": True, "questions": 2})
    )
    qa = "".join(f"问：问题{i}？\n答：答案{i}。\n\n" for i in range(1, 900))
    found.append(("900_qa", _cap("# T\n\n" + qa), {"ok": True, "questions": 899}))
    crlf = "\ufeff" + "# T\n\n## 问题\n\n1. 一？\n\n## 标准答案\n\n### 1. 一\n\n- 要点\n".replace(
        "\n", "\r\n"
    )
    found.append(("bom_crlf", crlf.encode("utf-8"), {"ok": True, "questions": 1}))
    # A doubt looks at the text under a heading among the questions, and at numbered paragraphs.
    pictures = "### 什么是A？\n\n答案A。\n\n### 数据结构\n\n" + "![x" * 60_000
    found.append(("image_openers", _cap("# T\n\n" + pictures + "\n\n### 什么是B？\n\n答B。\n"),
                  {"ok": False, "code": "question_left_out"}))  # fmt: skip
    listed = "".join(f"- 问题{n}是什么？\n" for n in range(30))
    found.append(("loose_number", _cap("# T\n\n" + listed + "\n7 . 解释" + "a" * 200_000 + "\n"),
                  {"ok": False, "code": "question_left_out"}))  # fmt: skip
    return found
