"""Periodic: the reminder the day before an event. Idempotent (one per person
and registration, by the outbox's key), so beat may run it as often as it likes."""

from celery import shared_task

from . import notices


@shared_task
def record_event_reminders() -> int:
    return notices.event_reminders_record()
