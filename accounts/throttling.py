"""The address sign-in attempts are counted against (django-axes' AXES_CLIENT_IP_CALLABLE)."""

from __future__ import annotations

import ipaddress

from django.conf import settings


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
