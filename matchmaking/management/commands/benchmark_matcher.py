"""How long ranking one request takes against N open listings.

Creates synthetic organisations and listings with bulk_create inside a
transaction that is rolled back at the end, so it can run against any database;
the figures that matter are PostgreSQL's (docs/matching.md)."""

import datetime
import random
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from listings.models import Listing, ListingKind, ListingRole, ListingStatus
from matchmaking.evaluate import read_set
from matchmaking.matcher import rank, survivors
from members.models import MembershipStatus, Organisation
from taxonomy.models import Format, Language, Theme

COUNTRIES = ["SE", "FR", "ES", "IT", "DE", "FI", "BE", "NL", "PT", "IE", "AT", "PL", "CZ", "EE"]
BATCH = 5000


class Command(BaseCommand):
    help = "Time the matcher for one request against N synthetic open listings."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default="1000,10000,100000")
        parser.add_argument("--runs", type=int, default=30)
        parser.add_argument("--seed", type=int, default=2024)
        parser.add_argument(
            "--profile", action="store_true", help="print where the time of the last size goes"
        )

    def handle(self, *args, sizes, runs, seed, profile=False, **options):
        self.random = random.Random(seed)
        sizes = sorted(int(s) for s in sizes.split(","))
        self.stdout.write(f"database: {connection.vendor}; {runs} runs per size")
        with transaction.atomic():
            self._taxonomy()
            request = self._request()
            created = 0
            for size in sizes:
                self._listings(size - created)
                created = size
                self._analyze()
                self._measure(request, size, runs)
            if profile:
                self._profile(request)
                if connection.vendor == "postgresql":
                    self.stdout.write(survivors(request).explain(analyze=True))
            transaction.set_rollback(True)

    def _taxonomy(self):
        self.themes = [
            Theme.objects.get_or_create(
                slug=f"bench-theme-{i}", defaults={"name": f"Bench theme {i}"}
            )[0]
            for i in range(14)
        ]
        self.formats = [
            Format.objects.get_or_create(
                slug=f"bench-format-{i}", defaults={"name": f"Bench format {i}"}
            )[0]
            for i in range(9)
        ]
        self.languages = [
            Language.objects.get_or_create(code=f"b{i}", defaults={"name": f"Bench {i}"})[0]
            for i in range(10)
        ]
        self.organisations = Organisation.objects.bulk_create(
            Organisation(
                name=f"Bench organisation {i}",
                slug=f"bench-organisation-{i}",
                kind="vet_provider",
                country=self.random.choice(COUNTRIES),
                status=MembershipStatus.ACTIVE,
            )
            for i in range(2000)
        )
        self.texts = [(item["title"], item["description"]) for item in read_set()["listings"]]

    def _request(self):
        request = Listing.objects.create(
            kind=ListingKind.REQUEST,
            organisation=self.organisations[0],
            role=ListingRole.SEND,
            title="Gender equality in education and guidance services",
            description="Égalité entre les femmes et les hommes dans l'orientation et la "
            "formation professionnelle; women in male-dominated trades.",
            earliest_start=datetime.date(2027, 11, 1),
            latest_end=datetime.date(2027, 12, 20),
            duration_days=6,
            participants=8,
            expires_on=datetime.date(2027, 12, 20),
            status=ListingStatus.OPEN,
        )
        request.themes.set(self.themes[:2])
        request.formats.set(self.formats[:1])
        request.languages.set(self.languages[:2])
        return request

    def _listings(self, n):
        r = self.random
        base = datetime.date(2027, 1, 1)
        for offset in range(0, n, BATCH):
            batch = []
            for _i in range(min(BATCH, n - offset)):
                start = base + datetime.timedelta(days=r.randrange(0, 700))
                title, description = r.choice(self.texts)
                batch.append(
                    Listing(
                        kind=ListingKind.OFFER if r.random() < 0.7 else ListingKind.REQUEST,
                        reference=f"B-{r.getrandbits(48):012X}",
                        organisation=r.choice(self.organisations),
                        title=title,
                        description=description,
                        role=r.choice([ListingRole.HOST, ListingRole.SEND, ListingRole.EITHER]),
                        earliest_start=start,
                        latest_end=start + datetime.timedelta(days=r.randrange(5, 120)),
                        duration_days=r.randrange(2, 21),
                        participants=r.randrange(2, 30),
                        expires_on=start,
                        status=ListingStatus.OPEN if r.random() < 0.8 else ListingStatus.CLOSED,
                    )
                )
            listings = Listing.objects.bulk_create(batch)
            self._tags(listings)

    def _tags(self, listings):
        r = self.random
        for field, pool, most in (
            ("themes", self.themes, 3),
            ("formats", self.formats, 2),
            ("languages", self.languages, 3),
        ):
            through = getattr(Listing, field).through
            column = through._meta.get_field(field[:-1] if field != "themes" else "theme").attname
            rows = []
            for listing in listings:
                for term in r.sample(pool, r.randint(1, most)):
                    rows.append(through(listing_id=listing.pk, **{column: term.pk}))
            through.objects.bulk_create(rows)

    def _analyze(self):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    def _measure(self, request, size, runs):
        timings = []
        found = 0
        for _i in range(runs):
            started = time.perf_counter()
            found = len(rank(request))
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
        self.stdout.write(
            f"{size:>7} listings: median {statistics.median(timings):6.1f} ms, "
            f"p95 {p95:6.1f} ms ({found} candidates scored)"
        )

    def _profile(self, request):
        import cProfile
        import io
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        rank(request)
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
        self.stdout.write(out.getvalue())
