"""The worker of the broker tests: the test settings, the test database."""

import os
from urllib.parse import urlsplit, urlunsplit

from django.db import connection

from benchmarks.workerprocess import WorkerProcess, wait_for

__all__ = ["Worker", "wait_for"]


def database_url_for_tests() -> str:
    """DATABASE_URL, pointed at the database pytest-django created for this run."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


def Worker(*, email_url: str) -> WorkerProcess:  # noqa: N802 - reads as a class at call sites
    return WorkerProcess(
        env={
            "DJANGO_SETTINGS_MODULE": "earlall_rsp.test_settings",
            "CELERY_EAGER": "0",
            "DATABASE_URL": database_url_for_tests(),
            "EMAIL_URL": email_url,
        }
    )
