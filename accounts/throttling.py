"""The address sign-in attempts are counted against (django-axes' AXES_CLIENT_IP_CALLABLE),
and the limit on password-reset requests per address and per email."""

from __future__ import annotations

import hashlib
import ipaddress
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone


def client_ip(request) -> str:
    """REMOTE_ADDR; behind our own proxy (BEHIND_PROXY) the address the proxy appended last to
    X-Forwarded-For, since every earlier entry is whatever the client chose to send."""
    if settings.SECURE_PROXY_SSL_HEADER:  # set exactly when BEHIND_PROXY is on
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        try:
            return str(ipaddress.ip_address(last))
        except ValueError:  # "unknown", "ip:port", or nothing: the proxy's own address
            pass
    return request.META.get("REMOTE_ADDR", "")


def _key(kind: str, value: str) -> str:
    return hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()


@transaction.atomic
def reset_allowed(address: str, email: str) -> bool:
    """Whether a password-reset request from ``address`` for ``email`` may send a mail; if so it
    is counted. Counted whether or not an account has that email, so the answer tells nothing
    about which exist; refused requests are not counted, so hammering does not extend the wait.

    Per address, so one client cannot mail many people; per email, so many clients cannot
    flood one inbox (PASSWORD_RESET_LIMIT_PER_ADDRESS / _PER_EMAIL an hour). Requests for one
    key are counted one after another (``_serialise``), so requests sent at once cannot all
    find room under the limit."""
    from accounts.models import ResetRequest

    now = timezone.now()
    since = now - timedelta(minutes=settings.PASSWORD_RESET_WINDOW_MINUTES)
    limits = {
        _key("address", address): settings.PASSWORD_RESET_LIMIT_PER_ADDRESS,
        _key("email", email.strip().casefold()): settings.PASSWORD_RESET_LIMIT_PER_EMAIL,
    }
    _serialise(limits)
    ResetRequest.objects.filter(at__lte=since).delete()  # the window's rows only: a small table
    if _over_limit(limits, since):
        return False
    ResetRequest.objects.bulk_create([ResetRequest(key=key, at=now) for key in limits])
    return True


def _serialise(keys) -> None:
    """Hold these keys until the transaction ends: on PostgreSQL an advisory lock per key (in
    one order, so two requests never wait on each other crosswise); SQLite needs none, its
    transactions take the write lock at BEGIN (transaction_mode IMMEDIATE, config.env)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for key in sorted(keys):
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int(key[:15], 16)])


def _over_limit(limits: dict[str, int], since) -> bool:
    from accounts.models import ResetRequest

    return any(
        ResetRequest.objects.filter(key=key, at__gt=since).count() >= limit
        for key, limit in limits.items()
    )
