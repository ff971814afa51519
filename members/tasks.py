from celery import shared_task

from .retention import data_purge_expired


@shared_task
def purge_expired_data():
    # Idempotent: a second run finds nothing more to purge.
    return data_purge_expired()
