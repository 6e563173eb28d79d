"""Images from other sites: never loaded on our pages (a tracking pixel would tell that site who
reads the page), shown as links instead, and refused by the Content-Security-Policy."""

from __future__ import annotations

import pytest
from django.urls import reverse

from questionbank.rendering import render_markdown, sanitize
from tests.conftest import client_for, import_markdown

PIXEL = "https://tracker.example/p.gif?who=1&x=2"


@pytest.mark.parametrize(
    "source",
    [
        f"![架构图]({PIXEL})",
        f'<img src="{PIXEL}" alt="架构图">',
        '<img src="//tracker.example/p.gif" alt="架构图">',
        '<img src="HTTP://tracker.example/p.gif" alt="架构图">',
    ],
)
def test_an_image_from_another_site_becomes_a_link_to_it(source):
    html = render_markdown(source) if source.startswith("!") else sanitize(source)
    assert "<img" not in html
    assert ">架构图</a>" in html and "tracker.example/p.gif" in html
    assert 'rel="noopener noreferrer nofollow"' in html


def test_the_link_text_is_the_alt_text_escaped_or_else_the_address():
    html = render_markdown(f"![<b>x</b> & y]({PIXEL}) ![]({PIXEL})")
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y</a>" in html and "<b>" not in html
    assert ">https://tracker.example/p.gif?who=1&amp;x=2</a>" in html


def test_images_of_this_site_stay_images():
    html = render_markdown("![本站](/static/arch.png) ![相对](img/arch.png)")
    assert '<img src="/static/arch.png" alt="本站">' in html
    assert '<img src="img/arch.png" alt="相对">' in html


@pytest.mark.django_db
def test_pages_forbid_images_from_other_sites_and_show_the_link(alice):
    text = (
        "# 图\n\n## 问题\n\n1. 看图？\n\n## 标准答案\n\n### 1. 答\n\n"
        f"见下图：![架构图]({PIXEL})\n\n- 要点一\n"
    )
    assert import_markdown(text, "pics.md").ok
    response = client_for(alice).get(reverse("questionbank:question", args=["pics", 1]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "tracker.example" in body and ">架构图</a>" in body and "<img" not in body
    policy = response["Content-Security-Policy"]
    img_src = next(d for d in policy.split(";") if d.strip().startswith("img-src")).split()
    assert img_src == ["img-src", "'self'", "data:"]


@pytest.mark.django_db
def test_html_stored_before_renderer_2_has_its_images_turned_into_links_by_migration(alice):
    import importlib

    from django.apps import apps

    from interviews.models import InterviewQuestion
    from questionbank.models import Question
    from tests.conftest import make_interview

    interview = make_interview(alice)
    old = f'<p>见图：<img src="{PIXEL.replace("&", "&amp;")}" alt="架构图"></p>'
    Question.objects.filter(number=1).update(answer_html=old)
    InterviewQuestion.objects.update(answer_html=old)
    for name in (
        "questionbank.migrations.0011_external_images_as_links",
        "interviews.migrations.0005_external_images_as_links",
    ):
        importlib.import_module(name).images_as_links(apps, None)
    for html in [Question.objects.get(number=1).answer_html] + [
        item.answer_html for item in interview.questions.all()
    ]:
        assert "<img" not in html and ">架构图</a>" in html
    assert Question.objects.get(number=2).answer_html.startswith("<p>")  # others untouched
