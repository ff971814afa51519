"""What /healthz checks: the database always, the broker when one is configured."""

from django.conf import settings
from django.db import connection


def database_problem() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "not reachable"
        return f"database: {exc.__class__.__name__}: {exc}".strip()
    return None


def broker_problem() -> str | None:
    if not settings.CELERY_BROKER_URL:
        return None
    from kombu import Connection

    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:  # kombu wraps socket and auth errors alike
        return f"broker: {exc.__class__.__name__}: {exc}".strip()
    return None


def problems() -> list[str]:
    return [p for p in (database_problem(), broker_problem()) if p]
