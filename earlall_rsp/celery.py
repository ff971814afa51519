"""The Celery app. Its settings are the CELERY_* names in earlall_rsp.settings."""

import gc
import os

from celery import Celery
from celery.signals import worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "earlall_rsp.settings")

app = Celery("earlall_rsp")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_process_init.connect
def _freeze_what_is_loaded(**kwargs):
    # As earlall_rsp.wsgi: the objects loaded at start are left out of the
    # collector's full passes (the stored rankings are computed here).
    gc.freeze()
    # The matcher's columns, which those rankings read, in the background (core.warmup).
    from core.warmup import warm_up_in_background

    warm_up_in_background()
