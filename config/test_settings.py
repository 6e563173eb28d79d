"""Test settings: the real settings plus a fast password hasher."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key")
os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
LANGUAGE_CODE = "en"
# Serve static files from the app directories (no collectstatic in tests, including browser tests).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# One process: the in-memory cache is shared by all requests, so sessions can live in it (as
# with REDIS_URL in production); the one-query poll is measured this way.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Tasks run as they are enqueued, inside the request that enqueues them: the tests see a task's
# whole effect at once. tests/questionbank/test_import_tasks.py runs the database queue and its
# worker for the steps in between (queued, then done).
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
