"""Periodic: ask for the figures of exchanges that have ended (idempotent, by the
outbox's key)."""

from celery import shared_task

from . import reminders


@shared_task
def record_exchange_report_requests() -> int:
    return reminders.exchange_report_requests_record()
