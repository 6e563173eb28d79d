"""Rendering at its edges: the bracket cap that turns links off, blank input."""

from __future__ import annotations

from questionbank.rendering import MAX_LINK_BRACKETS, render_markdown


def test_links_are_read_up_to_the_bracket_cap_and_shown_as_written_past_it():
    link = "[docs](https://example.com/a)"
    at_cap = "[" * (MAX_LINK_BRACKETS - 1) + " " + link
    assert '<a href="https://example.com/a"' in render_markdown(at_cap)
    over = "[" + at_cap
    html = render_markdown(over)
    assert "<a " not in html and "[docs](https://example.com/a)" in html


def test_blank_markdown_renders_nothing():
    assert render_markdown("") == render_markdown(" \n\t\n") == ""


def test_only_a_soft_line_break_between_chinese_characters_is_dropped():
    # Inline code or a hard break between Chinese characters stays: only the soft break a
    # wrapped line leaves ("第一\n第二": no space in Chinese) is taken out.
    assert render_markdown("先用`kubectl get pods`查看") == (
        "<p>先用<code>kubectl get pods</code>查看</p>\n"
    )
    assert render_markdown("第一行  \n第二行") == "<p>第一行<br>\n第二行</p>\n"
    assert render_markdown("第一行\n第二行") == "<p>第一行第二行</p>\n"
