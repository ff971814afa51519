"""The periodic jobs that `run_notification_jobs` runs by hand, by name.

Notifications is plumbing only: the reminders and digests that time causes live
in their domain apps (matchmaking.reminders, exchanges.reminders,
listings.reminders), each with its beat task, and register here from their
AppConfig.ready() so that the command finds them without importing the apps."""

from collections.abc import Callable

# name → job (returns how many notifications it recorded), in registration order.
JOBS: dict[str, Callable[[], int]] = {}


def periodic_job_register(name: str, job: Callable[[], int]) -> None:
    JOBS[name] = job
