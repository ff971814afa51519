"""The Celery app. Its settings are the CELERY_* names in earlall_rsp.settings."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "earlall_rsp.settings")

app = Celery("earlall_rsp")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def queues() -> list[str]:
    """Every queue a task can land in: what a worker must consume (-Q)."""
    routed = {route["queue"] for route in app.conf.task_routes.values()}
    return [app.conf.task_default_queue, *sorted(routed - {app.conf.task_default_queue})]
