"""Settings for the test suite: the same as production, with a fast hasher.

The environment still decides the database and the broker, so `make test` runs on
SQLite by default and on PostgreSQL and Redis when DATABASE_URL and
CELERY_BROKER_URL point at them.
"""

import os
import secrets
import tempfile

# A fresh random key per run: the settings refuse short and published keys with
# DEBUG off, and subprocesses (the broker tests' worker) inherit this one.
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("EMAIL_URL", "memorymail://")
# Language offsets a developer learnt in var/ must not change what the tests see.
os.environ.setdefault("EMBEDDINGS_OFFSETS_DIR", tempfile.mkdtemp(prefix="rsp-offsets-"))

# Each test reads what it needs; a thread reading the columns at a worker's start
# would race the tests' own database.
os.environ.setdefault("WARM_UP_AT_START", "false")

from .settings import *  # noqa: E402,F403
from .settings import DATABASES  # noqa: E402

# Rate-limit counters in local memory, whatever CACHE_URL says: the suite clears
# the cache between tests and must never empty a shared Redis.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Each test empties the cache: no page may outlive it in a process's own memory.
PAGE_CACHE_LOCAL_MS = 0
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001", "django_ratelimit.E003"]
# The test client speaks plain http.
SECURE_SSL_REDIRECT = False

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The demo story's tests load the demo data (seed_demo refuses without it).
DEMO_DATA = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Look a static file up when it is asked for, as in development: otherwise every
# test client's new handler walks every static folder again (about 8 % of the CPU
# of the tests outside the browser journeys).
WHITENOISE_AUTOREFRESH = True
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
# Tasks run eagerly in unit tests; the worker that broker tests start sets
# CELERY_EAGER=0 so that it consumes the real queue.
CELERY_TASK_ALWAYS_EAGER = os.environ.get("CELERY_EAGER", "1") != "0"
# Retries within seconds, so that tests against a real worker stay short.
NOTIFICATIONS_RETRY_DELAY = 1
NOTIFICATIONS_RETRY_MAX_DELAY = 2
