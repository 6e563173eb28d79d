"""A Redis cache that the site survives losing.

The cache is an optimisation (sessions are ``cached_db``, so the database holds them too): when
Redis cannot be reached, reads miss, writes are dropped, and for a few seconds no connection is
tried at all, so a page costs its database queries and no timeouts. Once Redis answers again the
whole cache is cleared first, since deletions made meanwhile (a sign-out, a changed glossary)
never reached it.
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

log = logging.getLogger(__name__)

RETRY_SECONDS = 5.0


class _Outage:
    """Whether Redis was unreachable lately. Django makes a cache object per thread, so this
    is kept once per process (``OUTAGE``): every thread skips Redis, and the first contact
    after an outage clears the cache once. Other processes clear it at their own first
    contact; until they do, one may read an entry deleted during the outage (a sign-out) from
    a process that never noticed it."""

    def __init__(self) -> None:
        self.until = 0.0  # no connection is tried before this (time.monotonic())
        self.down = False
        self.lock = threading.Lock()

    def failed(self, exc: Exception) -> None:
        with self.lock:
            if not self.down:
                log.warning("cache unreachable, serving without it: %s", exc)
            self.down = True
            self.until = time.monotonic() + RETRY_SECONDS

    def skip(self) -> bool:
        return self.down and time.monotonic() < self.until


OUTAGE = _Outage()


class ResilientRedisCacheClient(RedisCacheClient):
    _outage = OUTAGE

    def __init__(self, servers, **options):
        super().__init__(servers, **options)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        """One client per connection pool: Django builds a new ``redis.Redis`` for every call,
        which costs more than the GET a poll sends through it (the pool is what holds sockets,
        and a client over it is safe to share)."""
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def _call(self, name: str, fallback, *args, **kwargs):
        outage = self._outage
        if outage.skip():
            return fallback
        try:
            if outage.down:  # first contact after an outage: forget what may be stale
                super().clear()
                with outage.lock:
                    outage.down = False
                log.warning("cache reachable again; cleared it")
            return getattr(super(), name)(*args, **kwargs)
        except self._lib.exceptions.RedisError as exc:
            outage.failed(exc)
            return fallback

    def get(self, key, default):
        return self._call("get", default, key, default)

    def get_many(self, keys):
        return self._call("get_many", {}, keys)

    def has_key(self, key):
        return self._call("has_key", False, key)

    def add(self, key, value, timeout):
        return self._call("add", False, key, value, timeout)

    def set(self, key, value, timeout):
        self._call("set", None, key, value, timeout)

    def set_many(self, data, timeout):
        self._call("set_many", None, data, timeout)

    def touch(self, key, timeout):
        return self._call("touch", False, key, timeout)

    def delete(self, key):
        return self._call("delete", False, key)

    def delete_many(self, keys):
        self._call("delete_many", None, keys)

    def incr(self, key, delta):
        missing = object()
        value = self._call("incr", missing, key, delta)
        if value is missing:  # as for a key that is not there
            raise ValueError(f"Key '{key}' not found.")
        return value

    def clear(self):
        return self._call("clear", False)


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient
