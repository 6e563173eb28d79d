import zoneinfo

from django.conf import settings
from django.contrib.auth import SESSION_KEY as SESSION_USER_KEY
from django.utils import timezone

from accounts.zones import SESSION_KEY, is_zone, zone_at_sign_in


class TimeZoneMiddleware:
    """Activates the signed-in user's zone: forms read and pages show times in it. The zone is
    in the session (set at sign-in); a session from before that reads it once."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = None
        # Only with a session cookie: /healthz and the sign-in page stay without a session.
        # The session only, not request.user: a poll must not load the user for this.
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            name = request.session.get(SESSION_KEY)
            if not is_zone(name):
                name = None
                if SESSION_USER_KEY in request.session and request.user.is_authenticated:
                    name = zone_at_sign_in(request.user, None)  # a session from before
                    request.session[SESSION_KEY] = name
        if name:
            timezone.activate(zoneinfo.ZoneInfo(name))
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
