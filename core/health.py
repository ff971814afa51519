"""What /healthz checks: the database always, the broker when one is configured.

The database decides the answer (without it no page works); a broker that is
down only delays e-mails (notification rows wait and are re-queued), so the
site is still up. Each check gives up after a few seconds instead of hanging
the health check with the service it probes.
"""

import logging
import threading

from django.conf import settings
from django.db import connection, transaction

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 3
CHECK_QUERY = "SELECT 1"


def database_problem() -> str | None:
    """The database's answer to one query, bounded in wall-clock time too: a
    server that stopped answering on an open connection (a network partition,
    a frozen host) never reaches its statement timeout, and the health check
    must not hang with it. So the query runs in a thread of its own, on that
    thread's own connection, and no answer in time means "down"."""
    found = {}

    def check():
        try:
            found["problem"] = _query_problem()
        finally:
            _close_quietly()

    thread = threading.Thread(target=check, name="healthz-database", daemon=True)
    thread.start()
    thread.join(TIMEOUT_SECONDS + 1)
    if thread.is_alive():
        return f"database: no answer within {TIMEOUT_SECONDS + 1} s"
    return found.get("problem")


def _close_quietly() -> None:
    try:
        connection.close()
    except Exception:  # noqa: S110 - a connection that cannot even close is gone
        pass


def _query_problem() -> str | None:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # Ends a query stuck behind a lock or a saturated server.
                cursor.execute(f"SET LOCAL statement_timeout = {TIMEOUT_SECONDS * 1000}")
            cursor.execute(CHECK_QUERY)
            cursor.fetchone()
    except Exception as exc:  # any driver error means "not reachable"
        return f"database: {exc.__class__.__name__}: {exc}".strip()
    return None


def broker_problem() -> str | None:
    if not settings.CELERY_BROKER_URL:
        return None
    from kombu import Connection

    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=TIMEOUT_SECONDS) as conn:
            conn.ensure_connection(max_retries=1, timeout=TIMEOUT_SECONDS)
    except Exception as exc:  # kombu wraps socket and auth errors alike
        return f"broker: {exc.__class__.__name__}: {exc}".strip()
    return None


def report() -> dict:
    """{"status": "ok" | "degraded" | "down", "problems": [...]}; problems are
    logged here, since only staff see them in the answer."""
    database, broker = database_problem(), broker_problem()
    problems = [p for p in (database, broker) if p]
    for problem in problems:
        logger.error("Health check: %s", problem)
    status = "down" if database else "degraded" if broker else "ok"
    return {"status": status, "problems": problems}
