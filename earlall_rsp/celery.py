"""The Celery app. Its settings are the CELERY_* names in earlall_rsp.settings."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "earlall_rsp.settings")

app = Celery("earlall_rsp")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
