"""How long the secretariat waits when it confirms a match: the curation page's
POST, through the whole middleware stack, for a request with N parties.

E-mails must never be sent inside that request: with CELERY_BROKER_URL set the
notifications are recorded and handed to the broker after commit, and this
command checks that no e-mail left during the request. The synthetic data is
committed (so that the after-commit hand-over really runs) and deleted at the end.
"""

import statistics
import time

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from benchmarks.synthetic import SyntheticRounds
from core.secretariat import sync_secretariat_group
from matchmaking.curation import shown_token
from matchmaking.models import Match
from matchmaking.rankings import ranking_for
from notifications.models import Notification

# The budget the secretariat's desk promises (issue: "within 300 ms").
BUDGET_MS = 300


class Command(BaseCommand):
    help = "Time the confirmation of a match with N parties, and check nothing is e-mailed inline."

    def add_arguments(self, parser):
        parser.add_argument("--parties", type=int, default=3, help="the request and its partners")
        parser.add_argument("--runs", type=int, default=20)
        parser.add_argument(
            "--allow-eager",
            action="store_true",
            help="run without a broker (tasks, and so e-mails, then run inside the request)",
        )

    def handle(self, *, parties, runs, allow_eager, **options):
        if parties < 2:
            raise CommandError("A match has at least two parties.")
        if settings.CELERY_TASK_ALWAYS_EAGER and not allow_eager:
            raise CommandError(
                "No CELERY_BROKER_URL: tasks would run inside the request. Set a broker "
                "(the point of this benchmark), or pass --allow-eager to see the difference."
            )
        # One more round than measured: the first request loads what every later one reuses.
        rounds = SyntheticRounds(runs + 1, parties)
        staff = self._staff()
        try:
            created = rounds.create()
            client = self._client(staff)
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
                figures = [
                    self._confirm(client, request, partners) for request, partners in created
                ]
        finally:
            rounds.delete()
            TOTPDevice.objects.filter(user=staff).delete()
            staff.delete()
        self._report(parties, runs, figures, self._baseline(runs))

    def _staff(self):
        staff = get_user_model().objects.create(
            email=f"benchmark-staff-{time.time_ns()}@example.invalid",
            full_name="Benchmark secretariat",
            is_staff=True,
            password="!",  # noqa: S106
        )
        staff.groups.add(sync_secretariat_group(apps))
        return staff

    def _client(self, staff) -> Client:
        # Signed in past the second factor, as the sign-in pages leave a session.
        client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "")
        client.force_login(staff)
        device = TOTPDevice.objects.create(user=staff, name="benchmark", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return client

    def _confirm(self, client, request, partners) -> dict:
        # As the curation page leaves it: the ranking stored, the candidates shown.
        ranking_for(request)
        token = shown_token(request, [p.pk for p in partners], timezone.now())
        data = {
            "action": "confirm",
            "shown": token,
            "partners": [p.pk for p in partners],
            "message": "Benchmark",
        }
        url = reverse("admin:matchmaking_match_curate", args=[request.pk])
        mail.outbox = []
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.post(url, data, secure=True)
            elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 302:
            raise CommandError(f"Confirmation refused ({response.status_code}) for {request}")
        match = Match.objects.get(request=request)
        recorded = Notification.objects.filter(object_id=str(match.pk), kind="match_confirmed")
        return {
            "ms": elapsed,
            "queries": len(queries),
            "recorded": recorded.count(),
            "mailed_inline": len(mail.outbox),
        }

    def _baseline(self, runs) -> float:
        """The same machine's answer to a page that does almost nothing (/healthz:
        one query, one broker ping), to read the figures against the machine's load."""
        client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "")
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            client.get(reverse("healthz"), secure=True)
            times.append((time.perf_counter() - started) * 1000)
        return statistics.median(times)

    def _report(self, parties, runs, figures, baseline):
        times = sorted(f["ms"] for f in figures)
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        mode = "eager (no broker)" if settings.CELERY_TASK_ALWAYS_EAGER else "broker"
        self.stdout.write(f"database: {connection.vendor}; tasks: {mode}")
        self.stdout.write(
            f"confirm with {parties} parties, {runs} runs: "
            f"median {statistics.median(times):.0f} ms, p95 {p95:.0f} ms, "
            f"max {times[-1]:.0f} ms (budget {BUDGET_MS} ms)"
        )
        self.stdout.write(
            f"per confirmation: {figures[0]['queries']} queries, "
            f"{figures[0]['recorded']} e-mails recorded in the outbox, "
            f"{max(f['mailed_inline'] for f in figures)} sent inside the request"
        )
        self.stdout.write(f"for scale, /healthz on the same machine: median {baseline:.0f} ms")
