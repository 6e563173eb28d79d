"""Sign-in throttling in front of the password check."""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend


class ThrottledSignIn(AxesStandaloneBackend):
    """django-axes' lockout check for sign-ins that arrive as requests (the site's and the
    admin's forms). Code that checks a password itself (a management command, a shell) has no
    address to count and is not a guessing channel, so it passes straight to the password check
    instead of raising."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
