"""Settings for the test suite: the same as production, with a fast hasher.

The environment still decides the database and the broker, so `make test` runs on
SQLite by default and on PostgreSQL and Redis when DATABASE_URL and
CELERY_BROKER_URL point at them.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")  # noqa: S105
os.environ.setdefault("EMAIL_URL", "memorymail://")

from .settings import *  # noqa: E402,F403
from .settings import DATABASES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
# Tasks run eagerly in unit tests; the worker that broker tests start sets
# CELERY_EAGER=0 so that it consumes the real queue.
CELERY_TASK_ALWAYS_EAGER = os.environ.get("CELERY_EAGER", "1") != "0"
# Retries within seconds, so that tests against a real worker stay short.
NOTIFICATIONS_RETRY_DELAY = 1
NOTIFICATIONS_RETRY_MAX_DELAY = 2
