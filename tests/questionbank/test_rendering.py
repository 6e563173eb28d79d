"""Rendering: GitHub-like output for the authors' Markdown, and nothing dangerous ever reaching a page."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from questionbank.parsing import parse_topic
from questionbank.rendering import render_markdown

ALLOWED_SCHEMES = ("http://", "https://", "mailto:")
FORBIDDEN_TAGS = {"script", "iframe", "form", "style", "svg", "math", "object", "embed", "meta",
                  "input", "link", "base", "textarea", "button", "select", "frame", "frameset"}  # fmt: skip


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def assert_safe(html: str) -> None:
    """No dangerous tag, attribute or URL scheme in ``html``."""
    collector = _Collect()
    collector.feed(html)
    for tag, attrs in collector.tags:
        assert tag not in FORBIDDEN_TAGS, html
        for name, value in attrs.items():
            assert not name.startswith("on"), html
            assert not name.startswith(("hx-", "data-")), html
            if name == "style":
                assert re.fullmatch(r"text-align:\s*(left|right|center);?", value or ""), html
            if name in ("href", "src") and value:
                first_segment = re.split(r"[/?#]", value, maxsplit=1)[0]
                assert value.startswith(ALLOWED_SCHEMES) or ":" not in first_segment, html
                assert "script:" not in value.lower(), html
            if name == "class":
                assert tag in ("code", "span"), html


# Twelve attack inputs (research, section 2.3) plus a few of our own.
HOSTILE = [
    "<script>alert(1)</script>",
    "文本 <img src=x onerror=alert(1)> 文本",
    "[点我](javascript:alert(1))",
    "[a](JaVaScRiPt:alert(1)) [b](&#106;avascript:alert(1)) [c](java&#x09;script:alert(1))",
    "[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) "
    "![i](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "[ref][1] <javascript:alert(1)>\n\n[1]: javascript:alert(1)",
    '<a href="javascript:alert(1)">x</a> [v](vbscript:msgbox(1))',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table>"
    "</mtext></math> <svg><style><img src=x onerror=alert(1)></style></svg>",
    '```js" onmouseover="alert(1)\ncode\n```\n\n[t](https://ok.example "x\\" onmouseover=\\"alert(1)")',
    '<div hx-get="/admin/delete-all" hx-trigger="load" hx-on:htmx:load="alert(1)" '
    'data-hx-post="/x">hi</div>',
    '<iframe src="https://evil.example"></iframe><form action="https://evil.example">'
    '<input autofocus onfocus=alert(1)></form><meta http-equiv="refresh" content="0;url=https://x">'
    "<style>body{display:none}</style><object data=x.swf>",
    "[z](java\u200bscript:alert(1)) [z2](\u0000javascript:alert(1))",
    '![x](https://ok.example/a.png"onerror="alert(1))',
    "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
    "- [x] <input type=checkbox onclick=alert(1)>",
    "**<script>**注意**</script>**",
    "`<script>alert(1)</script>`",
]


@pytest.mark.parametrize("markdown", HOSTILE)
def test_hostile_markdown_renders_harmless(markdown):
    html = render_markdown(markdown)
    assert_safe(html)
    assert "<script" not in html.lower()


@pytest.mark.parametrize("markdown", [m for m in HOSTILE if "\x00" not in m])
def test_hostile_markdown_inside_an_imported_file_is_sanitized_everywhere(markdown):
    line = markdown.splitlines()[0]
    text = (
        f"# 标题 {line}\n\n## 问题\n\n**背景**：\n\n{markdown}\n\n**问题**：\n\n1. 问题 {line}\n\n"
        f"## 标准答案\n\n### 1. 答\n\n{markdown}\n\n### 2. 实际项目经验\n\n#### 场景\n\n{markdown}\n\n"
        f"## 其他\n\n{markdown}\n"
    )
    result = parse_topic(text.encode(), filename="hostile.md")
    assert result.ok, result.errors
    topic = result.topic
    htmls = [
        topic.background_html,
        topic.questions[0].text_html,
        topic.questions[0].answer_html,
        *(e.body_html for e in topic.experiences),
        *(n.body_html for n in topic.notes),
    ]
    assert len(htmls) == 5
    for html in htmls:
        assert_safe(html)


def test_a_file_with_nul_bytes_is_rejected_not_rendered():
    result = parse_topic(
        "# T\n## 问题\n1. [z](\x00javascript:alert(1))\n".encode(), filename="x.md"
    )
    assert not result.ok and result.topic is None


def test_slow_parse_inputs_finish_and_stay_safe():
    brackets = "[" * 20000
    nested = "- " * 1000 + "deep"  # a 1,000-level nested list on one line
    nested_lines = "".join("  " * depth + "- level\n" for depth in range(1000))
    emphasis = "*a **a " * 20000
    for markdown in (brackets, nested, nested_lines, emphasis):
        assert_safe(render_markdown(markdown))
    result = parse_topic(
        f"# T\n## 问题\n1. 一？\n2. 二？\n## 标准答案\n### 1. 一\n{brackets}\n\n{emphasis}\n\n"
        "### 2. 二\n\n- 第二个答案还在\n".encode(),
        filename="slow.md",
    )
    assert result.ok, result.errors
    first, second = result.topic.questions
    assert first.answer_md.startswith("[[[[") and first.answer_md.rstrip().endswith("*a **a")
    assert [kp.text for kp in second.key_points] == ["第二个答案还在"]  # nothing after was lost


def test_deep_but_reasonable_nesting_loses_nothing():
    nested = "\n".join("  " * depth + f"- level {depth}" for depth in range(30))
    result = parse_topic(
        f"# T\n## 问题\n1. 一？\n2. 二？\n## 标准答案\n### 1. 一\n{nested}\n### 2. 二\n- 还在\n".encode(),
        filename="nested.md",
    )
    assert result.ok, result.errors
    assert "level 29" in result.topic.questions[0].answer_html
    assert result.topic.questions[1].has_answer


def test_nesting_too_deep_to_read_is_refused_naming_the_line():
    nested = "- " * 1000 + "deep"
    result = parse_topic(
        f"# T\n## 问题\n1. 一？\n## 标准答案\n### 1. 一\n\n{nested}\n\n### 2. 二\n".encode(),
        filename="deep.md",
    )
    assert not result.ok
    assert result.errors == [
        "line 7: lists or quotes are nested too deeply here (more than 48 levels): "
        "the rest of the file cannot be read"
    ]


def test_a_file_over_the_size_cap_gets_a_clear_error():
    nested_lines = "".join("  " * depth + "- level\n" for depth in range(1000))  # about 1 MB
    result = parse_topic(f"# T\n## 问题\n1. 一？\n{nested_lines}".encode(), filename="big.md")
    assert result.errors == [
        "the file is 983 KB; the limit is 256 KB per topic file: split it into several topics"
    ]


def test_code_is_highlighted_with_language_class_kept():
    html = render_markdown("```yaml\nreplicas: 3 # comment\n```")
    assert '<code class="language-yaml">' in html
    assert '<span class="c1"># comment</span>' in html


def test_unknown_language_is_escaped_not_highlighted():
    html = render_markdown("```mermaid\ngraph TD; A-->B<script>\n```")
    assert "&lt;script&gt;" in html and '<code class="language-mermaid">' in html


def test_tags_written_in_the_text_show_as_written_not_as_markup():
    # Answers about HTML name tags outside code spans ("the <span> element"): the reader must
    # see them, so raw HTML in Markdown is text, never markup that the sanitizer then drops.
    html = render_markdown("The <span> element is inline, <div> is a block, <kbd>Ctrl</kbd> a key.")
    assert html == (
        "<p>The &lt;span&gt; element is inline, &lt;div&gt; is a block, "
        "&lt;kbd&gt;Ctrl&lt;/kbd&gt; a key.</p>\n"
    )


def test_tables_keep_alignment_and_nothing_else():
    html = render_markdown("| a | b |\n|:--|--:|\n| 1 | 2 |")
    assert '<th style="text-align:left">a</th>' in html
    assert '<td style="text-align:right">2</td>' in html


def test_nested_lists_like_the_authors_git_host():
    html = render_markdown("标准答案：\n1. 步骤\n   - 子项\n   - 子项二\n2. 第二步")
    assert html.count("<ol>") == 1 and html.count("<ul>") == 1
    assert "<li>子项</li>" in html


def test_cjk_emphasis_closes_after_full_width_punctuation():
    assert render_markdown("**注意：**这里") == "<p><strong>注意：</strong>这里</p>\n"
    assert render_markdown("这是**“引用”**测试") == "<p>这是<strong>“引用”</strong>测试</p>\n"
    assert render_markdown("**bold** text") == "<p><strong>bold</strong> text</p>\n"


def test_soft_break_between_chinese_lines_adds_no_space():
    assert render_markdown("第一行\n第二行") == "<p>第一行第二行</p>\n"
    assert render_markdown("first\nsecond") == "<p>first\nsecond</p>\n"


def test_links_get_rel_and_keep_safe_schemes():
    html = render_markdown("[doc](https://kubernetes.io) [mail](mailto:a@b.c) [rel](./x.md)")
    assert 'href="https://kubernetes.io" rel="noopener noreferrer nofollow"' in html
    assert 'href="mailto:a@b.c"' in html and 'href="./x.md"' in html


@pytest.mark.parametrize("tag", sorted(FORBIDDEN_TAGS))
def test_sanitize_itself_refuses_dangerous_tags(tag):
    """Not only the Markdown renderer's ``html`` off: the sanitizer alone removes them."""
    from questionbank.rendering import sanitize

    html = sanitize(
        f'<p>前</p><{tag} src="https://evil.example/x" onload="alert(1)">内</{tag}><p>后</p>'
    )
    assert f"<{tag}" not in html.lower() and "evil.example" not in html
    assert "onload" not in html and "<p>前</p>" in html and "<p>后</p>" in html


def test_sanitize_keeps_only_language_classes_on_code():
    from questionbank.rendering import sanitize

    html = sanitize(
        '<pre><code class="hidden overlay">x</code></pre><code class="language-go">y</code>'
    )
    assert "hidden" not in html and "overlay" not in html
    assert '<code class="language-go">' in html


@pytest.mark.parametrize(
    "text",
    [
        "2 * 3* 4",  # a star with spaces both sides cannot open, even with a closer after it
        "5 *6 * 7",  # nor close, even with an opener before it
        "价格 * 数量* 折扣",
        "价格 *数量 * 折扣",
    ],
)
def test_a_star_between_spaces_is_a_star_not_emphasis(text):
    """The CJK-friendly delimiter scan keeps CommonMark's rule for spaced stars (multiplication
    in answers: 2 * 3 * 4)."""
    assert render_markdown(text) == f"<p>{text}</p>\n"


def test_a_line_break_between_two_bold_english_lines_stays():
    html = render_markdown("**Q1: What is a process?**\n**A:** A program being executed.")
    assert "What is a process?</strong>\n<strong>A:</strong>" in html


@pytest.mark.parametrize("source", ["x_y_", "a_b_c", "snake_case_name"])
def test_an_underscore_inside_a_word_opens_no_emphasis_even_after_its_first_letter(source):
    assert "<em>" not in render_markdown(source)


def test_highlighted_code_keeps_its_blank_lines_at_either_end():
    html = render_markdown("```python\n\nx = 1\n\n\n```")
    assert html.startswith('<pre><code class="language-python">\n<span class="n">x</span>')
    assert "1</span>\n\n\n</code></pre>" in html
