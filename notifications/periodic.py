"""The periodic jobs that `run_notification_jobs` runs by hand, by name.

Notifications is plumbing only: the reminders and digests that time causes live
in their domain apps (matchmaking.reminders, exchanges.reminders,
listings.reminders), each with its beat task, and register here from their
AppConfig.ready() so that the command finds them without importing the apps."""

from core.registry import Registry

# name → job (returns how many notifications it recorded), in registration order.
JOBS = Registry()
periodic_job_register = JOBS.register
