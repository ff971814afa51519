"""Settings from the environment (12-factor).

Every variable has an embedded default that makes `make run` work on a laptop:
SQLite under var/, tasks run eagerly in-process, emails written to var/mail/.
The README lists the variables; a malformed value stops start-up and names it.
"""

from pathlib import Path

from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from .env import (
    check_secret_key,
    ensure_dir,
    env_bool,
    env_cache,
    env_database,
    env_email,
    env_int,
    env_list,
    env_str,
    env_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = ensure_dir(Path(env_str("VAR_DIR", str(BASE_DIR / "var"))))

DEVELOPMENT_SECRET_KEY = "development-only-not-for-production"  # noqa: S105
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
check_secret_key(secret_key=SECRET_KEY, debug=DEBUG, development_key=DEVELOPMENT_SECRET_KEY)
# Previous keys, still accepted for signatures while a rotation runs (docs/security.md).
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", [])

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
SITE_URL = env_url("SITE_URL", "http://127.0.0.1:8000", ("http", "https")).rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [SITE_URL])

INSTALLED_APPS = [
    # Before the admin: it adds the names per language to the taxonomy's admin forms.
    "modeltranslation",
    "core.admin_site.SecretariatAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.syndication",
    "django_filters",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_countries",
    "simple_history",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_ratelimit",
    # Its {% test_rule %} tag: templates ask the same rules as views (members.permissions).
    "rules",
    "core",
    "taxonomy",
    "members",
    "embeddings",
    "listings",
    "exchanges",
    "matchmaking",
    "casestudies",
    "notifications",
    "monitoring",
    "desk",
    "myarea",
    "events",
    "demo",
    "benchmarks",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.middleware.IdleTimeoutMiddleware",
    "core.middleware.MemberLanguageMiddleware",
    "core.middleware.StaffTwoFactorMiddleware",
    "core.middleware.PrivatePagesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # django-csp's, with inline styles allowed under /admin/ only.
    "core.middleware.ContentSecurityPolicyMiddleware",
    # Turns a refused request (core.throttles) into the "too many" page.
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Axes last: it answers locked-out sign-ins before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "earlall_rsp.urls"
WSGI_APPLICATION = "earlall_rsp.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
# Persistent connections more than double PostgreSQL throughput (FIELD-NOTES).
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # An unreachable server fails a request (and /healthz) in seconds, not minutes.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds the rate-limit counters and cached figures. Every web process
# must share it in production (CACHE_URL=redis://host:6379/1), or each process
# counts on its own; the local-memory default is for `make run` and the tests.
CACHES = {"default": env_cache("CACHE_URL", "locmemcache://")}
RATELIMIT_USE_CACHE = "default"
RATELIMIT_IP_META_KEY = "core.client_ip.client_ip"
RATELIMIT_VIEW = "core.views.rate_limited"
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
SILENCED_SYSTEM_CHECKS = [
    # Django's own RedisCache increments atomically; django-ratelimit only lists
    # django-redis by name.
    "django_ratelimit.W001",
    # HSTS preload binds the domain and every subdomain to HTTPS in browsers for
    # months and is hard to undo: the domain's owner decides it
    # (SECURE_HSTS_PRELOAD=true), not a default.
    "security.W021",
]
if DEBUG:
    # One process under `make run`: the local-memory cache counts correctly.
    SILENCED_SYSTEM_CHECKS.append("django_ratelimit.E003")

AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# A session ends after SESSION_IDLE_MINUTES without a request (core.middleware)
# and at the latest SESSION_COOKIE_AGE after sign-in.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 60)
SESSION_COOKIE_AGE = 60 * 60 * 12
# Members land in their area, the secretariat on its desk (core.views.signed_in).
LOGIN_REDIRECT_URL = "core:signed-in"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3

# Reverse proxies in front of the application (a TLS terminator, a load balancer)
# that append the address they saw to X-Forwarded-For. With 0 the header is
# ignored, since anyone can send it; docs/security.md explains the choice.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Axes: five wrong passwords for one account from one address lock it for an hour.
# The account is the e-mail as sign-in reads it (lower case, no spaces), the
# address the client's own, not the proxy's (core.client_ip).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "core.client_ip.sign_in_username"
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

LANGUAGE_CODE = "en"
# The languages of the partnership's active regions. Adding one: docs/languages.md.
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ca", _("Catalan")),
    ("de", _("German")),
    ("it", _("Italian")),
    ("sv", _("Swedish")),
    ("pt", _("Portuguese")),
    ("nl", _("Dutch")),
    ("pl", _("Polish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The vocabularies' names per language (taxonomy/translation.py); a name the
# secretariat has not translated yet reads in English.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# Unambiguous dates in every language: "1 Dec 2026, 00:33" (formats/__init__.py).
FORMAT_MODULE_PATH = ["earlall_rsp.formats"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Brussels")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = ensure_dir(Path(env_str("STATIC_ROOT", str(VAR_DIR / "staticfiles"))))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Email: EMAIL_URL=smtp://host:port, consolemail://, or the default, a file per
# message under var/mail/ so that `make run` shows what would have been sent.
_email = env_email("EMAIL_URL", "filemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
if EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend":
    # The same, with fewer round trips per message when the server allows it.
    EMAIL_BACKEND = "notifications.smtp.EmailBackend"
if EMAIL_BACKEND.endswith("filebased.EmailBackend"):
    EMAIL_FILE_PATH = str(ensure_dir(VAR_DIR / "mail"))
else:
    EMAIL_HOST = _email.get("EMAIL_HOST", "")
    EMAIL_PORT = _email.get("EMAIL_PORT") or 25
    EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
    EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "RSP Mobility Matchmaking <noreply@earlall.eu>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SECRETARIAT_EMAIL = env_str("SECRETARIAT_EMAIL", "secretariat@earlall.eu")

# Celery: with no broker, tasks run eagerly in-process (the embedded default).
# docs/notifications.md explains how the outbox uses these.
CELERY_BROKER_URL = env_url("CELERY_BROKER_URL", "", ("redis", "rediss", "memory"))
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# A task may run twice (acks_late): every task is idempotent.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 120
CELERY_TASK_SOFT_TIME_LIMIT = 90
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Unacknowledged tasks come back after an hour; every countdown stays far below it.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
# A web request publishing to a dead broker gives up within a second: the
# notification row is saved and the re-queue sends it later.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_TIMEZONE = TIME_ZONE
# The stored rankings' refreshes have a queue of their own: a thousand
# confirmations queue two thousand of them, and on one queue every e-mail waited
# behind them. A worker consuming several queues takes from each in turn, so mail
# waits for at most one refresh. Workers must consume every queue
# (core.queueing.queues(): `-Q celery,rankings` in docker-compose.yml), or
# run one worker per queue.
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_ROUTES = {"matchmaking.tasks.rankings_refresh*": {"queue": "rankings"}}
CELERY_BEAT_SCHEDULE: dict = {
    "notifications-requeue": {
        "task": "notifications.tasks.requeue_notifications",
        "schedule": 30.0,
    },
    "matchmaking-match-reminders": {
        "task": "matchmaking.tasks.record_match_reminders",
        "schedule": crontab(minute=7),
    },
    "exchanges-report-requests": {
        "task": "exchanges.tasks.record_exchange_report_requests",
        "schedule": crontab(hour=8, minute=17),
    },
    # Retention periods of personal data (members.retention, docs/security.md).
    "core-purge-expired-data": {
        "task": "members.tasks.purge_expired_data",
        "schedule": crontab(hour=3, minute=41),
    },
    "listings-weekly-digest": {
        "task": "listings.tasks.record_weekly_digests",
        "schedule": crontab(day_of_week="mon", hour=7, minute=23),
    },
}
# The outbox (docs/notifications.md). A failed send is retried after 30 s, then
# twice as long each time up to an hour, for two days before it counts as failed
# (mail servers themselves retry for days).
NOTIFICATIONS_RETRY_DELAY = 30
NOTIFICATIONS_RETRY_MAX_DELAY = 3600
NOTIFICATIONS_GIVE_UP_AFTER = env_int("NOTIFICATIONS_GIVE_UP_AFTER", 48 * 3600)
# Messages sent over one connection to the mail server, per task: at 10-30 ms a
# message, a batch takes a few seconds, far within its lease (the worker releases
# what it cannot start in time).
NOTIFICATIONS_BATCH_SIZE = 100
# A row left in "sending" this long is taken back by the re-queue (its worker
# died, or lost the database); a worker stops starting messages in time for its
# last one to be marked within it.
NOTIFICATIONS_SENDING_LEASE = 60
NOTIFICATIONS_REQUEUE_AFTER = 120

# The secretariat's desk lists open requests nobody matched after this many days.
SECRETARIAT_UNMATCHED_AFTER_DAYS = env_int("SECRETARIAT_UNMATCHED_AFTER_DAYS", 30)

# A listing in another language than the reader's links to a public translation
# service when this is set, e.g. "https://translate.example/?sl={source}&tl={target}&text={text}"
# ({source} and {target} are language codes, {text} the listing's text, cut to the
# length below). Off by default: the listing's text leaves the site when followed.
LISTING_TRANSLATE_URL = env_str("LISTING_TRANSLATE_URL", "")
LISTING_TRANSLATE_MAX_CHARACTERS = 1500

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
# The European countries the partnership works with come first in every country
# choice (the EU, the EEA, the Erasmus+ associated and candidate countries,
# Switzerland and the United Kingdom); the rest of the world follows a break.
COUNTRIES_FIRST = [
    *("AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split()),
    *("IS LI NO".split()),
    *("AL BA CH GB GE MD ME MK RS TR UA".split()),
]
COUNTRIES_FIRST_SORT = True
COUNTRIES_FIRST_BREAK = "──────────"

# Security: the production values apply whenever DEBUG is off.
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# The language cookie too (Django's set_language and core.cookies read these).
# No script reads it.
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True
# HTTPS everywhere unless told otherwise: a plain-http deployment (the local
# compose stack) turns these off explicitly. /healthz stays on http for the
# container's own health check.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# The scheme header is believed only when a proxy that sets it is declared.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXY_COUNT else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp): scripts and styles only from static/, no
# inline script (no onclick=, no <script> without src) and no inline style (no
# style="…", no <style>) on the public and member pages. The admin alone adds
# 'unsafe-inline' to style-src (core.middleware.ContentSecurityPolicyMiddleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# Requests and offers: expire the overdue, ask "still current?" fourteen days ahead.
CELERY_BEAT_SCHEDULE["listings-lifecycle"] = {
    "task": "listings.tasks.listings_lifecycle",
    "schedule": 60 * 60 * 6,
}

# The sentence encoder that reads listings' descriptions (docs/matching.md): a
# dotted path to a class of embeddings.encoders, or your own with the same
# interface. Its weights install with its package. Threads per encoding call.
EMBEDDINGS_ENCODER = env_str("EMBEDDINGS_ENCODER", "embeddings.encoders.MultilingualE5Small")
EMBEDDINGS_THREADS = env_int("EMBEDDINGS_THREADS", 1)
# Where the language offsets learnt from the listings are kept (embeddings.offsets):
# the worker writes them, every web process reads them, so they share this folder.
EMBEDDINGS_OFFSETS_DIR = ensure_dir(Path(env_str("EMBEDDINGS_OFFSETS_DIR", str(VAR_DIR))))
CELERY_BEAT_SCHEDULE["listings-embed-missing"] = {
    "task": "listings.tasks.listings_embed_missing",
    "schedule": 60 * 15,
}
# The languages' offsets learnt from the listings, when they changed enough (embeddings.offsets).
CELERY_BEAT_SCHEDULE["embeddings-language-offsets"] = {
    "task": "embeddings.tasks.language_offsets_learn_due",
    "schedule": 60 * 60,
}
# Stored rankings that a change left stale, computed again a batch at a time.
CELERY_BEAT_SCHEDULE["matchmaking-rankings"] = {
    "task": "matchmaking.tasks.rankings_refresh_stale",
    "schedule": 60.0,
}
# The dashboard's stored figures, computed again whatever changed (also changes
# made with QuerySet.update(), which send no signal): monitoring/figures.py.
CELERY_BEAT_SCHEDULE["monitoring-stored-figures"] = {
    "task": "monitoring.tasks.refresh_all_stored_figures",
    "schedule": 60 * 15,
}
# Matchmaking events: the reminder the day before (once per person, whatever the runs).
CELERY_BEAT_SCHEDULE["events-reminders"] = {
    "task": "events.tasks.record_event_reminders",
    "schedule": crontab(minute=37),
}

# `seed_demo` creates accounts whose password the README publishes: it refuses
# unless this is on (by default only in development).
DEMO_DATA = env_bool("DEMO_DATA", DEBUG)
# A bare view at /benchmark/bare/ for `benchmark_pages` (docs/performance.md),
# which turns it on for the server it starts; never needed in production.
BENCHMARK_BARE_VIEW = env_bool("BENCHMARK_BARE_VIEW", False)
# Web and worker processes read what they keep in memory (the matcher's open
# listings and vectors, the dashboard's columns) in the background as they start,
# not at someone's first request (core.warmup).
WARM_UP_AT_START = env_bool("WARM_UP_AT_START", not DEBUG)
# How long each process serves a visitor's page it keeps before asking the shared
# cache whether anything changed (core.pagecache); 0: always ask.
PAGE_CACHE_LOCAL_MS = env_int("PAGE_CACHE_LOCAL_MS", 1000)
