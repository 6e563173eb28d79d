from django.db import models


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
