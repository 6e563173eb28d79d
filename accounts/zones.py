"""Each user's time zone: taken from the browser at sign-in unless they chose one, kept in the
session so that activating it costs no query per request (accounts.middleware)."""

from __future__ import annotations

import zoneinfo
from functools import cache

from django.conf import settings

from accounts.models import Profile

SESSION_KEY = "time_zone"
BROWSER_FIELD = "browser_time_zone"  # the hidden field static/js/timezone.js fills


@cache
def zone_names() -> tuple[str, ...]:
    """The zones a user may choose, sorted; the legacy aliases (``posixrules``, ``Factory``) out."""
    return tuple(
        sorted(
            name
            for name in zoneinfo.available_timezones()
            if "/" in name or name == "UTC"
            if not name.startswith(("posix/", "right/", "Etc/", "SystemV/"))
        )
    )


@cache
def _known() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def is_zone(name: str | None) -> bool:
    """A zone this machine knows (browsers also send ``Etc/UTC`` and the like)."""
    return bool(name) and name in _known()


def zone_at_sign_in(user, browser_zone: str | None) -> str:
    """The zone to use from this sign-in on: the one the user chose, else the browser's (kept
    for next time, so a sign-in without JavaScript still has it), else the site's."""
    profile = Profile.objects.filter(user=user).first()
    if profile is not None and profile.time_zone_chosen and is_zone(profile.time_zone):
        return profile.time_zone
    if is_zone(browser_zone):
        if profile is None or profile.time_zone != browser_zone:
            Profile.objects.update_or_create(
                user=user, defaults={"time_zone": browser_zone, "time_zone_chosen": False}
            )
        return browser_zone
    if profile is not None and is_zone(profile.time_zone):
        return profile.time_zone
    return settings.TIME_ZONE


def choose(user, name: str) -> None:
    """The settings page: a zone the user chose (``""``: follow the browser again)."""
    Profile.objects.update_or_create(
        user=user, defaults={"time_zone": name, "time_zone_chosen": bool(name)}
    )


def remember_at_sign_in(sender, request=None, user=None, **kwargs) -> None:
    """user_logged_in: put the zone in the new session (one read here, none per request)."""
    if request is None or not hasattr(request, "session"):
        return
    browser = request.POST.get(BROWSER_FIELD) if request.method == "POST" else None
    request.session[SESSION_KEY] = zone_at_sign_in(user, browser)
