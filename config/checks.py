"""Deployment checks of this project's own settings (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    if settings.REDIS_URL:
        return []
    return [
        Warning(
            "REDIS_URL is not set: each server process keeps its own cache.",
            hint=(
                "Sessions are then read from the database on every poll, and a change of roles "
                "or glossary reaches the other processes only after their minute of caching. "
                "Set REDIS_URL=redis://host:6379/0."
            ),
            id="mockinterview.W001",
        )
    ]
