from django.db import models
from django.utils.translation import gettext_lazy as _


class ResetRequest(models.Model):
    """A password-reset request, counted against one key: the address it came from, or the
    email it asked for (accounts.throttling). In the database, not the cache, so the limit
    holds while Redis is down; keys are hashed, so no email is kept in the clear."""

    key = models.CharField(max_length=64)
    at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["key", "at"], name="reset_request_key_at")]

    def __str__(self) -> str:
        return f"reset request {self.key[:8]} at {self.at:%Y-%m-%d %H:%M}"


class Profile(models.Model):
    """What a user chose for themselves; created the first time there is something to keep
    (accounts.zones), so most users never need a row."""

    user = models.OneToOneField(
        "auth.User", on_delete=models.CASCADE, related_name="profile", primary_key=True
    )
    # An IANA name (zoneinfo); blank: the site's TIME_ZONE.
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True)
    # Chosen on the settings page: signing in from a browser elsewhere no longer changes it.
    time_zone_chosen = models.BooleanField(default=False)
    # A code of settings.LANGUAGES: the language of this user's pages and mails (the UI's, as of
    # their last sign-in or switch, or as chosen on the settings page); blank: the site's.
    language = models.CharField(_("language"), max_length=10, blank=True)
    # Chosen on the settings page: each sign-in shows pages in it, whatever the browser asks for.
    language_chosen = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"profile of {self.user_id}"
