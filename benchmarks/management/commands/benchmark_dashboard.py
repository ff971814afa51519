"""How long the dashboard takes to render with many exchanges.

    python manage.py benchmark_dashboard --exchanges 100000 --runs 20
    python manage.py benchmark_dashboard --exchanges 0   # on the data there (seed_scale)

Builds synthetic organisations, requests and offers, matches and exchanges with
bulk_create inside a transaction that is rolled back at the end (nothing stays
in the database), then renders the dashboard through Django's test client as
the secretariat and prints the median and 95th percentile: with the whole
partnership's stored figures (what the secretariat opens), then computed from
scratch for all years, a year and each filter (country, theme, format,
organisation, all at once): the stored figures deleted and the cache emptied
before each render, so the process reads monitoring.columns' columns whole
again too; then the same filters computed after a change (a listing saved
before each render: no figures stored or cached are current, and the columns
kept read that listing again).
Run it with DEBUG=1 (or after collectstatic) so that the page finds its assets. A benchmark, not a
test: timings depend on the machine; docs/monitoring.md keeps the figures.
"""

import datetime
import os
import random
import statistics
import time

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import connection, reset_queries, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from exchanges.models import (
    Exchange,
    ExchangeOrganisation,
    ExchangeParticipants,
    ExchangeRole,
    ExchangeStatus,
)
from listings.models import Listing, ListingKind, ListingStatus
from matchmaking.models import Match, MatchStatus
from members.models import MembershipStatus, Organisation, User
from monitoring.models import StoredFigures
from taxonomy.models import Format, KpiCategory, TargetGroup, Theme

COUNTRIES = ["SE", "FR", "ES", "IT", "DE", "BE", "NL", "PT", "FI", "PL", "AT", "IE"]
BATCH = 5000
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class Rollback(Exception):
    """Raised to leave the synthetic data behind."""


class Command(BaseCommand):
    help = "Render the monitoring dashboard over synthetic data and print timings."

    def add_arguments(self, parser):
        parser.add_argument("--exchanges", type=int, default=100_000)
        parser.add_argument("--runs", type=int, default=20)
        parser.add_argument("--seed", type=int, default=8)

    def handle(self, *args, **options):
        self.random = random.Random(options["seed"])
        try:
            with transaction.atomic():
                started = time.perf_counter()
                staff = self.build(options["exchanges"]) if options["exchanges"] else self.staff()
                # Production tables have planner statistics (autovacuum); rows
                # inserted in this transaction have none until analysed.
                if options["exchanges"]:
                    with connection.cursor() as cursor:
                        cursor.execute("ANALYZE")
                self.stdout.write(
                    f"Built {options['exchanges']} exchanges in "
                    f"{time.perf_counter() - started:.1f} s ({connection.vendor})."
                )
                self.measure(staff, options["runs"])
                raise Rollback
        except Rollback:
            self.stdout.write("Rolled back: the synthetic data is gone.")

    def measure(self, staff, runs):
        host = next((h.lstrip(".") for h in settings.ALLOWED_HOSTS if h != "*"), "localhost")
        client = Client(SERVER_NAME=host)
        client.force_login(staff, backend=MODEL_BACKEND)
        # As past the second factor (the device is rolled back with the rest).
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.create(
            user=staff, name="Benchmark", confirmed=True
        ).persistent_id
        session.save()
        url = reverse("monitoring:dashboard")
        scenarios = [
            ("all years, stored figures", {}, None),
            ("this year, stored figures", {"year": timezone.localdate().year}, None),
        ]
        for label, query in self.filters():
            scenarios.append((f"{label}, computed from scratch", query, self.from_scratch))
        for label, query in self.filters():
            scenarios.append((f"{label}, computed after a change", query, self.after_a_change))
        for label, query, before in scenarios:
            client.get(url, query, secure=True)  # warm-up: templates, connection
            timings, cpu, queries = [], [], 0
            for _ in range(runs):
                if before:
                    before()
                reset_queries()
                start, start_cpu = time.perf_counter(), time.process_time()
                response = client.get(url, query, secure=True)
                timings.append(1000 * (time.perf_counter() - start))
                cpu.append(1000 * (time.process_time() - start_cpu))
                assert response.status_code == 200, response.status_code
                queries = len(connection.queries)
            self.report(label, timings, cpu, queries)

    def filters(self):
        """All years, a year, and each filter on its own and together."""
        year = timezone.localdate().year
        exchange = (
            Exchange.objects.filter(status=ExchangeStatus.COMPLETED, parties__isnull=False)
            .order_by("-start_date", "-pk")
            .first()
        )
        if exchange is None:
            return [("all years", {}), ("this year", {"year": year})]
        organisation = exchange.parties.order_by("pk").first().organisation
        country = str(organisation.country)
        theme = Theme.objects.filter(active=True).order_by("pk").first()
        fmt = exchange.format
        return [
            ("all years", {}),
            ("this year", {"year": year}),
            (f"country {country}", {"country": country}),
            (f"theme {theme.pk}", {"theme": theme.pk}),
            (f"format {fmt.pk}", {"format": fmt.pk}),
            (f"organisation {organisation.pk}", {"organisation": organisation.pk}),
            (
                "all four filters and the year",
                {
                    "year": exchange.start_date.year,
                    "country": country,
                    "theme": theme.pk,
                    "format": fmt.pk,
                    "organisation": organisation.pk,
                },
            ),
        ]

    def from_scratch(self):
        """No stored figures, no cache: the columns are read again too."""
        StoredFigures.objects.all().delete()
        cache.clear()

    def after_a_change(self):
        """A listing saved: a new generation of figures (none stored or cached
        is current any more); the columns kept read that listing again."""
        StoredFigures.objects.all().delete()
        listing = Listing.objects.order_by("pk").first()
        listing.save(update_fields=["updated_at"])

    def report(self, label, timings, cpu, queries):
        p95 = statistics.quantiles(timings, n=20)[18] if len(timings) > 1 else timings[0]
        self.stdout.write(
            f"Dashboard, {label}: median {statistics.median(timings):.0f} ms, "
            f"p95 {p95:.0f} ms, this process's CPU {statistics.median(cpu):.0f} ms "
            f"over {len(timings)} renders" + (f", {queries} queries" if settings.DEBUG else "")
        )
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
        if load is not None:
            self.stdout.write(f"  (load average {load:.1f} on {os.cpu_count()} CPUs)")

    def staff(self):
        return User.objects.create_user(
            "benchmark@example.invalid", full_name="Benchmark", is_staff=True
        )

    def build(self, count):
        pick = self.random.choice
        staff = self.staff()
        organisations = Organisation.objects.bulk_create(
            Organisation(
                name=f"Benchmark organisation {i}",
                slug=f"benchmark-{i}",
                kind="vet_provider",
                country=COUNTRIES[i % len(COUNTRIES)],
                region="",
                status=MembershipStatus.ACTIVE,
            )
            for i in range(120)
        )
        themes = Theme.objects.bulk_create(
            Theme(name=f"Benchmark theme {i}", slug=f"benchmark-theme-{i}") for i in range(12)
        )
        formats = Format.objects.bulk_create(
            Format(name=f"Benchmark format {i}", slug=f"benchmark-format-{i}") for i in range(5)
        )
        groups = TargetGroup.objects.bulk_create(
            TargetGroup(
                name=f"Benchmark group {i}",
                slug=f"benchmark-group-{i}",
                kpi_category=KpiCategory.values[i % len(KpiCategory.values)],
            )
            for i in range(6)
        )
        listings = self.listings(count // 5, organisations, themes, formats)
        requests = [x for x in listings if x.kind == ListingKind.REQUEST]
        matches = Match.objects.bulk_create(
            (
                Match(request=r, status=pick(list(MatchStatus)), confirmed_by=staff)
                for r in requests[: count // 10]
            ),
            batch_size=BATCH,
        )
        self.exchanges(count, organisations, themes, formats, groups, matches)
        return staff

    def listings(self, count, organisations, themes, formats):
        pick = self.random.choice
        statuses = [s for s in ListingStatus if s != ListingStatus.DRAFT]
        today = datetime.date(2025, 1, 1)
        listings = Listing.objects.bulk_create(
            (
                Listing(
                    kind=ListingKind.REQUEST if i % 2 else ListingKind.OFFER,
                    reference=f"BEN-{i}",
                    organisation=pick(organisations),
                    title="Benchmark listing",
                    description="Benchmark",
                    role="either",
                    earliest_start=today,
                    latest_end=today,
                    duration_days=5,
                    participants=5,
                    expires_on=today,
                    status=pick(statuses),
                    submitted_at=datetime.datetime(
                        2021 + i % 5, 1 + i % 12, 1, tzinfo=datetime.UTC
                    ),
                )
                for i in range(count)
            ),
            batch_size=BATCH,
        )
        Listing.themes.through.objects.bulk_create(
            (Listing.themes.through(listing=x, theme=pick(themes)) for x in listings),
            batch_size=BATCH,
        )
        Listing.formats.through.objects.bulk_create(
            (Listing.formats.through(listing=x, format=pick(formats)) for x in listings),
            batch_size=BATCH,
        )
        return listings

    def exchanges(self, count, organisations, themes, formats, groups, matches):
        pick, randint = self.random.choice, self.random.randint
        exchanges = Exchange.objects.bulk_create(
            (
                Exchange(
                    match=matches[i] if i < len(matches) else None,
                    title="Benchmark exchange",
                    format=pick(formats),
                    start_date=datetime.date(2021 + i % 6, 1 + i % 12, 1 + i % 28),
                    end_date=datetime.date(2021 + i % 6, 1 + i % 12, 1 + i % 28),
                    city="Benchmark",
                    country=pick(COUNTRIES),
                    status=pick([ExchangeStatus.COMPLETED, ExchangeStatus.PLANNED]),
                    participants_total=20,
                    fewer_opportunities=randint(0, 10),
                )
                for i in range(count)
            ),
            batch_size=BATCH,
        )
        ExchangeOrganisation.objects.bulk_create(
            (
                ExchangeOrganisation(exchange=e, organisation=o, role=role)
                for e in exchanges
                for o, role in zip(
                    self.random.sample(organisations, 2),
                    (ExchangeRole.HOST, ExchangeRole.SENDING),
                    strict=True,
                )
            ),
            batch_size=BATCH,
        )
        ExchangeParticipants.objects.bulk_create(
            (
                ExchangeParticipants(exchange=e, target_group=g, count=10)
                for e in exchanges
                for g in self.random.sample(groups, 2)
            ),
            batch_size=BATCH,
        )
        Exchange.themes.through.objects.bulk_create(
            (Exchange.themes.through(exchange=e, theme=pick(themes)) for e in exchanges),
            batch_size=BATCH,
        )
