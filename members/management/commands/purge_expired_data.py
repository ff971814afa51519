"""Delete or empty the personal data past its retention period (members.retention)."""

from django.core.management.base import BaseCommand

from members.retention import data_purge_expired


class Command(BaseCommand):
    help = "Apply the retention periods of docs/security.md (beat runs it daily)."

    def handle(self, *args, **options):
        for what, count in data_purge_expired().items():
            self.stdout.write(f"{what}: {count}")
