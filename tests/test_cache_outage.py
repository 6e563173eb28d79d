"""The cache is an optimisation: with Redis unreachable every page works (from the database),
and when Redis comes back the cache is used again, emptied first of what may have gone stale."""

from __future__ import annotations

import os
import socket
import time

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from config import cache as resilient
from interviews import live
from interviews.models import Interview
from tests.conftest import make_interview, make_user

pytestmark = pytest.mark.django_db

CLOSED = "redis://127.0.0.1:9/0"  # the discard port: nothing listens there
LIVE_REDIS = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
DOWN = {"default": {"BACKEND": "config.cache.ResilientRedisCache", "LOCATION": CLOSED}}


def redis_reachable() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@override_settings(CACHES=DOWN, SESSION_ENGINE="django.contrib.sessions.backends.cached_db")
def test_every_page_works_while_redis_is_down(alice, carol):
    from accounts.roles import CANDIDATES

    interview = make_interview(alice, carol, start=True)
    interview.share_token = "shared-token-for-the-test"
    interview.save(update_fields=["share_token"])

    candidate = Client()
    response = candidate.post(reverse("login"), {"username": "carol", "password": "pw"})
    assert response.status_code == 302  # signed in, the session in the database alone
    assert candidate.get(reverse("home")).status_code == 200
    take = candidate.get(reverse("interviews:take", args=[interview.pk]))
    assert take.status_code == 200 and interview.questions.first().text in take.content.decode()
    poll = candidate.get(reverse("interviews:state", args=[interview.pk]), {"cv": 0})
    assert poll.status_code == 200

    interviewer = Client()
    interviewer.post(reverse("login"), {"username": "alice", "password": "pw"})
    assert interviewer.get(reverse("interviews:live", args=[interview.pk])).status_code == 200
    item = interview.questions.get(position=0)
    score = interviewer.post(
        reverse("interviews:score", args=[interview.pk, item.pk]), {"score": "4", "revision": 0}
    )
    assert score.status_code == 302
    live.finish(interview, recommendation=Interview.Recommendation.YES, summary="")
    shared = Client().get(reverse("interviews:shared", args=[interview.share_token]))
    assert shared.status_code == 200 and "4" in shared.content.decode()
    assert make_user("dora", CANDIDATES).groups.count() == 1  # roles' cache signals survive
    candidate.post(reverse("logout"))
    assert candidate.get(reverse("home")).status_code == 302  # signed out for good


def test_the_cache_recovers_by_itself_and_forgets_what_went_stale(monkeypatch):
    if not redis_reachable():
        if os.environ.get("CI") == "true":
            pytest.fail("CI needs Redis on 127.0.0.1:6379 for this test")
        pytest.skip("no Redis on 127.0.0.1:6379")
    monkeypatch.setattr(resilient.OUTAGE, "down", False)  # whatever an earlier test left
    cache = resilient.ResilientRedisCache(LIVE_REDIS, {})
    cache.clear()
    cache.set("session", "alive")
    client = cache._cache

    # Redis goes away: reads miss, writes are dropped, nothing raises.
    monkeypatch.setattr(client, "_servers", [CLOSED])
    monkeypatch.setattr(client, "_pools", {})
    assert cache.get("session", "missed") == "missed"
    cache.set("written-meanwhile", 1)
    cache.delete("session")  # a sign-out that never reached the cache
    assert not cache.add("k", 1)

    # It comes back; for a few seconds nothing is tried, then the first call clears the cache.
    monkeypatch.setattr(client, "_servers", [LIVE_REDIS])
    monkeypatch.setattr(client, "_pools", {})
    assert cache.get("session", "skipped") == "skipped"
    later = time.monotonic() + resilient.RETRY_SECONDS + 1
    monkeypatch.setattr(resilient.time, "monotonic", lambda: later)
    assert cache.get("session") is None  # the stale session did not come back
    cache.set("fresh", 2)
    assert cache.get("fresh") == 2
    # Another thread's cache object shares the process's view of the outage.
    other = resilient.ResilientRedisCache(LIVE_REDIS, {})
    assert other._cache._outage is client._outage
    cache.clear()


def test_each_connection_pool_has_one_client_reused_by_every_call():
    cache = resilient.ResilientRedisCache(CLOSED, {})
    client = cache._cache
    assert client.get_client() is client.get_client(write=True)  # one server: one pool
    assert client.get_client().connection_pool is client._get_connection_pool(False)
