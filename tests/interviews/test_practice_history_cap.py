"""The practice history lists a candidate's newest 50 mocks, newest first: a long history stays
one short page, and what drops off is the oldest (interviews/views/practice.py, history)."""

from __future__ import annotations

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from interviews.models import Interview
from tests.conftest import client_for


def _mocks(owner, count: int) -> None:
    """``count`` practice mocks titled "Mock 00", "Mock 01", ..., each a minute newer."""
    Interview.objects.bulk_create(
        Interview(
            owner=owner,
            candidate=owner,
            title=f"Mock {n:02d}",
            mode=Interview.Mode.PRACTICE,
            status=Interview.Status.COMPLETED,
            default_time_limit=300,
        )
        for n in range(count)
    )
    start = timezone.now() - timedelta(days=1)
    for n, pk in enumerate(
        Interview.objects.filter(owner=owner).order_by("title").values_list("pk", flat=True)
    ):
        Interview.objects.filter(pk=pk).update(created_at=start + timedelta(minutes=n))


def _listed(owner) -> list[str]:
    body = client_for(owner).get(reverse("practice:history")).content.decode()
    return re.findall(r">(Mock \d\d)</a>", body)


def test_the_history_shows_the_newest_fifty_mocks_newest_first(carol):
    _mocks(carol, 51)
    assert _listed(carol) == [f"Mock {n:02d}" for n in range(50, 0, -1)]


def test_fifty_mocks_are_all_shown(carol):
    _mocks(carol, 50)
    listed = _listed(carol)
    assert len(listed) == 50 and listed[-1] == "Mock 00"
