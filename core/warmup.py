"""What each process keeps in memory, read as it starts rather than at someone's
first request.

The matcher's open listings and vectors (matchmaking.snapshot, embeddings.index)
and the dashboard's columns (monitoring.columns) are read whole once per process:
one to three seconds at the partnership's full size, paid by whoever asks first
(a member waiting for suggested partners, the secretariat opening the
dashboard), again after every deployment or worker restart. Each app names what
it keeps (`keeps()` in its ready()); web and Celery worker processes read it in a
background thread as they start (`WARM_UP_AT_START`, on unless DEBUG), while
they already answer: a request that comes first reads it itself, as before.
"""

import gc
import logging
import threading
import time

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)

_readers: list[tuple[str, object]] = []


def keeps(name: str, reader) -> None:
    """`reader()` reads what this app keeps in each process (in its ready())."""
    if name not in dict(_readers):
        _readers.append((name, reader))


def warm_up() -> dict[str, float]:
    """Read everything the apps keep; {name: seconds}. A reader that fails is
    logged and skipped: the first request that needs it reads it then."""
    took = {}
    for name, reader in _readers:
        started = time.perf_counter()
        try:
            reader()
        except Exception:
            logger.warning("Warm-up: %s could not be read", name, exc_info=True)
            continue
        took[name] = time.perf_counter() - started
        logger.info("Warm-up: %s read in %.1f s", name, took[name])
    return took


def _warm_up_thread() -> None:
    try:
        warm_up()
    finally:
        # This thread's own database connections, which no request closes.
        connections.close_all()
    # What was read lives as long as the process (as earlall_rsp.wsgi does at start).
    gc.freeze()


def warm_up_in_background() -> threading.Thread | None:
    """Start `warm_up` in a daemon thread of this process, when the settings ask for it."""
    if not getattr(settings, "WARM_UP_AT_START", False):
        return None
    thread = threading.Thread(target=_warm_up_thread, name="warm-up", daemon=True)
    thread.start()
    return thread
