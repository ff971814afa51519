"""Run the periodic notification jobs by hand, as beat does on a schedule: for
`make run` (no beat) and for a secretariat that wants the reminders now."""

from django.core.management.base import BaseCommand, CommandError

from notifications import periodic, services

JOBS = {
    "requeue": services.notifications_requeue,
    "reminders": periodic.match_reminders_record,
    "reports": periodic.exchange_report_requests_record,
    "digest": periodic.weekly_digests_record,
}


class Command(BaseCommand):
    help = "Run periodic notification jobs now: " + ", ".join(JOBS)

    def add_arguments(self, parser):
        parser.add_argument("jobs", nargs="*", help="default: all of them")

    def handle(self, *, jobs, **options):
        unknown = set(jobs) - set(JOBS)
        if unknown:
            raise CommandError(f"Unknown jobs {sorted(unknown)}; choose from {', '.join(JOBS)}.")
        for name in jobs or JOBS:
            self.stdout.write(f"{name}: {JOBS[name]()}")
