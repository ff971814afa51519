"""Periodic: learn the language offsets again when the listings changed enough."""

from celery import shared_task

from .offsets import language_offsets_learn, relearn_due


@shared_task
def language_offsets_learn_due() -> dict:
    if not relearn_due():
        return {}
    return language_offsets_learn()
