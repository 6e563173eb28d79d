"""What the practice pages list, in the order a candidate reads it: the progress charts by topic
title (not by when or under which slug a topic was imported), and the start page's five newest
mocks (interviews/practice.py, progress; interviews/views/practice.py, index)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.conftest import client_for, make_topic
from tests.interviews.test_practice_history_cap import _mocks

pytestmark = pytest.mark.django_db


def test_the_progress_charts_follow_the_topics_titles(carol):
    # Imported in an order, and under slugs, that both sort differently from the titles.
    make_topic(slug="a-first", title="Zebra topic", questions=1)
    make_topic(slug="b-second", title="Apple topic", questions=1)
    make_topic(slug="c-third", title="Mango topic", questions=1)
    body = client_for(carol).get(reverse("practice:history")).content.decode()
    shown = re.findall(r"<figcaption><strong>(.*?)</strong>", body)
    assert shown == ["Apple topic", "Mango topic", "Zebra topic"]


def _recent(owner) -> list[str]:
    body = client_for(owner).get(reverse("practice:index")).content.decode()
    return re.findall(r">(Mock \d\d)</a>", body)


def test_the_start_page_lists_the_five_newest_mocks_newest_first(carol):
    _mocks(carol, 7)
    assert _recent(carol) == ["Mock 06", "Mock 05", "Mock 04", "Mock 03", "Mock 02"]


def test_fewer_than_five_mocks_are_all_listed(carol):
    _mocks(carol, 3)
    assert _recent(carol) == ["Mock 02", "Mock 01", "Mock 00"]
