"""Send the notifications of N synthetic confirmed matches through the real
pipeline to a local SMTP server, and count what arrived.

With CELERY_BROKER_URL set, a worker subprocess consumes the broker; without it,
tasks run eagerly in this process. The synthetic data is deleted afterwards.
"""

import logging
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django.test.utils import override_settings

from benchmarks.matches import SyntheticMatches
from benchmarks.smtpsink import SmtpSink
from benchmarks.workerprocess import WorkerProcess, wait_for
from notifications.models import Notification, NotificationState


class Command(BaseCommand):
    help = "Benchmark notification delivery: N matches confirmed by the service, 2 parties each."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000, help="confirmed matches")
        parser.add_argument("--concurrency", type=int, default=1, help="worker processes")
        parser.add_argument("--timeout", type=float, default=600, help="seconds to wait")

    def handle(self, *, count, concurrency, timeout, **options):
        # Eager tasks would log two lines per email.
        logging.getLogger("celery.app.trace").setLevel(logging.WARNING)
        sink = SmtpSink().start()
        synthetic = SyntheticMatches(count)
        worker = None
        try:
            pairs = synthetic.create()
            if settings.CELERY_TASK_ALWAYS_EAGER:
                mode = "eager, in this process (no CELERY_BROKER_URL)"
                with override_settings(
                    EMAIL_BACKEND="notifications.smtp.EmailBackend",
                    EMAIL_HOST="127.0.0.1",
                    EMAIL_PORT=sink.port,
                    EMAIL_USE_TLS=False,
                    EMAIL_USE_SSL=False,
                ):
                    ids, recorded = self.record(synthetic, pairs)
                started = None  # sent during recording, in the same process
            else:
                mode = f"worker subprocess, prefork x{concurrency}, {settings.CELERY_BROKER_URL}"
                # Recorded (and queued) first, then delivered: two separate figures.
                ids, recorded = self.record(synthetic, pairs)
                worker = WorkerProcess(
                    env={"EMAIL_URL": sink.url}, pool="prefork", concurrency=concurrency
                ).start()
                started = time.monotonic()
            self.wait(sink, ids, timeout)
            delivered = time.monotonic() - started if started else None
            time.sleep(2)  # anything arriving now is a duplicate
            self.report(mode, count, ids, sink, recorded, delivered)
        finally:
            if worker:
                worker.stop()
            sink.stop()
            synthetic.delete()

    def record(self, synthetic, pairs):
        started = time.monotonic()
        ids = synthetic.record(pairs)
        return ids, time.monotonic() - started

    def wait(self, sink, ids, timeout):
        def done():
            return len(sink.received) >= len(ids) and not (
                Notification.objects.filter(pk__in=ids)
                .exclude(state=NotificationState.SENT)
                .exists()
            )

        try:
            wait_for(done, timeout=timeout, what="every email")
        except TimeoutError:
            self.stderr.write(f"Timed out after {timeout}s with {len(sink.received)} emails.")

    def report(self, mode, count, ids, sink, recorded, delivered):
        received = sink.notification_ids()
        expected = {str(pk) for pk in ids}
        duplicates = sum(n - 1 for pk, n in received.items() if pk in expected and n > 1)
        missing = len(expected - set(received))
        states = dict(
            Notification.objects.filter(pk__in=ids).values_list("state").annotate(n=Count("pk"))
        )
        self.stdout.write(
            "\n".join(
                [
                    f"mode:            {mode}",
                    f"database:        {settings.DATABASES['default']['ENGINE']}",
                    f"matches:         {count} (2 parties each)",
                    f"notifications:   {len(ids)}",
                    f"recorded:        {recorded:.2f} s ({len(ids) / recorded:.0f}/s, "
                    "match_confirm, one transaction per match, queued after commit)",
                    (
                        f"delivered:       {delivered:.2f} s after the worker was ready "
                        f"({len(ids) / delivered:.0f} emails/s)"
                        if delivered
                        else "delivered:       while recording (eager)"
                    ),
                    f"emails received: {sum(received[pk] for pk in expected)}",
                    f"states:          {states}",
                    f"duplicates:      {duplicates}",
                    f"missing:         {missing}",
                ]
            )
        )
        if duplicates or missing:
            raise CommandError("duplicates or missing emails")
