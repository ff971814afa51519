"""Run the periodic notification jobs by hand, as beat does on a schedule: for
`make run` (no beat) and for a secretariat that wants the reminders now."""

from django.core.management.base import BaseCommand, CommandError

from notifications import periodic, services


def all_jobs() -> dict:
    """The re-queue first, then the jobs the domain apps registered
    (notifications.periodic)."""
    return {"requeue": services.notifications_requeue, **periodic.JOBS}


class Command(BaseCommand):
    help = "Run periodic notification jobs now (requeue, reminders, reports, digest…)"

    def add_arguments(self, parser):
        parser.add_argument("jobs", nargs="*", help="default: all of them")

    def handle(self, *, jobs, **options):
        known = all_jobs()
        unknown = set(jobs) - set(known)
        if unknown:
            raise CommandError(f"Unknown jobs {sorted(unknown)}; choose from {', '.join(known)}.")
        for name in jobs or known:
            self.stdout.write(f"{name}: {known[name]()}")
