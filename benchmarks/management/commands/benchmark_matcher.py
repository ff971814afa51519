"""How long ranking one request takes against N open listings.

Creates synthetic organisations and listings with bulk_create inside a
transaction that is rolled back at the end, so it can run against any database;
the figures that matter are PostgreSQL's (docs/matching.md)."""

import datetime
import gc
import os
import random
import statistics
import time

import numpy as np
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from embeddings.encoders import encoder, encoder_name
from embeddings.index import index
from embeddings.models import ListingVector
from embeddings.services import listing_text, text_hash
from listings.models import Listing, ListingKind, ListingRole, ListingStatus
from listings.services import listing_tags_copy
from matchmaking.evaluate import read_set, vectors_file
from matchmaking.matcher import left_out_named, rank, ranking, ranking_rows, survivors
from matchmaking.rankings import ranking_store, ranking_stored
from matchmaking.signals import Context
from matchmaking.snapshot import open_listings, snapshot_changed
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
        parser.add_argument(
            "--seeded",
            action="store_true",
            help="measure against the listings already in the database (seed_scale) "
            "with --requests of its open requests, instead of synthetic data",
        )
        parser.add_argument("--requests", type=int, default=10)

    def handle(self, *args, sizes, runs, seed, profile=False, seeded=False, **options):
        # What is loaded at start is left out of the collector's full passes, as
        # a web worker (earlall_rsp.wsgi) and a Celery worker do.
        gc.freeze()
        self.random = random.Random(seed)
        if seeded:
            self._seeded(runs, options["requests"], profile, seed)
            return
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
            self._embedding(min(runs, 20))
            if profile:
                self._profile(request)
                if connection.vendor == "postgresql":
                    self.stdout.write(survivors(request).explain(analyze=True))
            transaction.set_rollback(True)

    def _taxonomy(self):
        # The real themes, and texts members wrote (the evaluation set), each with
        # its vector: the text signal costs what it costs in production.
        self.themes = [
            Theme.objects.get_or_create(slug=slug, defaults={"name": slug.replace("-", " ")})[0]
            for slug in sorted({t for item in read_set()["listings"] for t in item["themes"]})
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
        self.texts = [
            (item["title"], item["description"].strip()) for item in read_set()["listings"]
        ]
        self.vectors = self._vectors()

    def _vectors(self) -> list:
        """Each text's vector: from the set's vector file, else encoded once."""
        name = encoder_name()
        hashes = [text_hash(listing_text(title=t, description=d), name) for t, d in self.texts]
        saved = {}
        if vectors_file(name).exists():
            with np.load(vectors_file(name)) as npz:
                saved = {h: npz[h] for h in npz.files}
        missing = [i for i, h in enumerate(hashes) if h not in saved]
        if missing:
            rows = encoder().encode(
                [
                    listing_text(title=self.texts[i][0], description=self.texts[i][1])
                    for i in missing
                ]
            )
            saved.update({hashes[i]: row for i, row in zip(missing, rows, strict=True)})
        return [(h, saved[h].astype("<f4").tobytes()) for h in hashes]

    def _request(self):
        request = Listing.objects.create(
            kind=ListingKind.REQUEST,
            organisation=self.organisations[0],
            role=ListingRole.SEND,
            title="Gender equality in education and guidance services",
            description="Égalité entre les femmes et les hommes dans l'orientation et la "
            "formation professionnelle; women in male-dominated trades.",
            # A realistic window: four and a half months (issue 18 measured 3-6).
            earliest_start=datetime.date(2027, 10, 1),
            latest_end=datetime.date(2028, 2, 15),
            duration_days=6,
            participants=8,
            expires_on=datetime.date(2027, 12, 20),
            status=ListingStatus.OPEN,
        )
        request.themes.set(self.themes[:2])
        request.formats.set(self.formats[:1])
        request.languages.set(self.languages[:2])
        # The request's own vector, as a published request has (that of the set's
        # first text: the timing does not depend on which).
        ListingVector.objects.create(
            listing=request,
            encoder=encoder_name(),
            vector=self.vectors[0][1],
            text_hash=self.vectors[0][0],
            stamp=self.random.getrandbits(62),
        )
        return request

    def _listings(self, n):
        r = self.random
        base = datetime.date(2027, 1, 1)
        for offset in range(0, n, BATCH):
            batch = []
            for _i in range(min(BATCH, n - offset)):
                start = base + datetime.timedelta(days=r.randrange(0, 700))
                text = r.randrange(len(self.texts))
                title, description = self.texts[text]
                batch.append(
                    Listing(
                        kind=ListingKind.OFFER if r.random() < 0.7 else ListingKind.REQUEST,
                        reference=f"B-{r.getrandbits(48):012X}",
                        organisation=r.choice(self.organisations),
                        title=title,
                        description=description,
                        role=r.choice([ListingRole.HOST, ListingRole.SEND, ListingRole.EITHER]),
                        earliest_start=start,
                        # Windows of one to six months, as members give them.
                        latest_end=start + datetime.timedelta(days=r.randrange(30, 180)),
                        duration_days=r.randrange(2, 21),
                        participants=r.randrange(2, 30),
                        expires_on=start,
                        status=ListingStatus.OPEN if r.random() < 0.8 else ListingStatus.CLOSED,
                    )
                )
            texts = [r.randrange(len(self.texts)) for _listing in batch]
            listings = Listing.objects.bulk_create(batch)
            self._tags(listings)
            ListingVector.objects.bulk_create(
                ListingVector(
                    listing_id=listing.pk,
                    encoder=encoder_name(),
                    vector=self.vectors[t][1],
                    text_hash=self.vectors[t][0],
                    stamp=r.getrandbits(62),
                )
                for listing, t in zip(listings, texts, strict=True)
            )

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
        # Bulk inserts send no m2m_changed: copy the tags onto the rows, as a
        # change through the forms or the admin does.
        listing_tags_copy(listing_ids=[listing.pk for listing in listings])
        snapshot_changed()  # bulk inserts send no signal: the matcher reads them again

    def _analyze(self):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    def _measure(self, request, size, runs):
        index.clear()
        open_listings.clear()
        started = time.perf_counter()
        found = len(rank(request))
        cold = (time.perf_counter() - started) * 1000
        self.stdout.write(f"{size:>7} listings: first ranking in a fresh process {cold:6.1f} ms")
        self._memory()
        timings = []
        for _i in range(runs):
            started = time.perf_counter()
            found = len(rank(request))
            timings.append((time.perf_counter() - started) * 1000)
        self._report(size, "computed", timings, f"({found} candidates scored)")
        ranking_store(request=request)
        timings = []
        for _i in range(runs):
            started = time.perf_counter()
            ranking_stored(request, limit=20)
            timings.append((time.perf_counter() - started) * 1000)
        self._report(size, "stored", timings, "(the curation page's read, 20 candidates)")

    def _seeded(self, runs, count, profile, seed):
        """Rankings of real-looking requests (seed_scale: windows of three to six
        months, the vocabularies' themes, working languages) against every open
        listing of the database. Listings without a vector get one of the
        evaluation set's (committed: this is a benchmark database)."""
        if not Listing.objects.filter(reference__startswith="REQ-S").exists():
            raise CommandError("No seeded listings: run `manage.py seed_scale` first.")
        self.texts = [
            (item["title"], item["description"].strip()) for item in read_set()["listings"]
        ]
        self.vectors = self._vectors()
        added = self._seeded_vectors()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        open_ = Listing.objects.filter(status=ListingStatus.OPEN)
        ids = sorted(
            open_.filter(kind=ListingKind.REQUEST, reference__startswith="REQ-S").values_list(
                "pk", flat=True
            )
        )
        requests = list(
            # Its own generator: the same requests whether vectors were added or not.
            Listing.objects.filter(pk__in=random.Random(seed).sample(ids, min(count, len(ids))))
            .select_related("organisation")
            .order_by("pk")
        )
        self.stdout.write(
            f"database: {connection.vendor}; {open_.count()} open listings (seeded); "
            f"{len(requests)} requests x {runs} runs; {added} vectors added"
        )
        index.clear()
        open_listings.clear()
        started = time.perf_counter()
        rank(requests[0])
        self.stdout.write(
            f"first ranking in a fresh process {(time.perf_counter() - started) * 1000:6.1f} ms"
        )
        for request in requests:
            _shown(request)  # every request's survivors' vectors read once
        self._memory()
        survived = [len(ranking_rows(Context(request))) for request in requests]
        size = open_.count()
        for what, measured in (("computed", rank), ("computed and shown", _shown)):
            timings, cpu = [], []
            for _i in range(runs):
                for request in requests:
                    started, used = time.perf_counter(), time.process_time()
                    measured(request)
                    timings.append((time.perf_counter() - started) * 1000)
                    cpu.append((time.process_time() - used) * 1000)
            # The process's own CPU time beside the wall time: on a shared machine the
            # wall time follows the load; the CPU time (without the database's) less so.
            note = (
                f"(survivors per request: median {statistics.median(survived):.0f}; CPU time "
                f"of this process: median {statistics.median(cpu):.1f} ms, p95 "
                f"{_p95(cpu):.1f} ms, max {max(cpu):.1f} ms; "
                f"load average {os.getloadavg()[0]:.1f})"
            )
            self._report(size, what, timings, note)
        with transaction.atomic():
            for request in requests:
                ranking_store(request=request)
            timings = []
            for _i in range(runs):
                for request in requests:
                    started = time.perf_counter()
                    ranking_stored(request, limit=20)
                    timings.append((time.perf_counter() - started) * 1000)
            self._report(size, "stored", timings, "(the curation page's read, 20 candidates)")
            transaction.set_rollback(True)
        if profile:
            self._profile(requests[0])
            if connection.vendor == "postgresql":
                self.stdout.write(survivors(requests[0]).explain(analyze=True))

    def _memory(self):
        """What each process holds for the matcher: the vectors read so far and
        the open listings' columns (matchmaking.snapshot)."""
        columns = open_listings.columns
        self.stdout.write(
            f"memory: vectors {len(index)} rows, {index.nbytes / 1e6:.1f} MB; open listings' "
            f"columns {len(columns)} rows, {columns.nbytes / 1e6:.1f} MB"
        )

    def _seeded_vectors(self) -> int:
        missing = list(
            Listing.objects.filter(vector__isnull=True).order_by("pk").values_list("pk", flat=True)
        )
        name = encoder_name()
        for start in range(0, len(missing), BATCH):
            ListingVector.objects.bulk_create(
                ListingVector(
                    listing_id=pk,
                    encoder=name,
                    vector=self.vectors[pk % len(self.vectors)][1],
                    text_hash=self.vectors[pk % len(self.vectors)][0],
                    stamp=self.random.getrandbits(62),
                )
                for pk in missing[start : start + BATCH]
            )
        if missing:
            snapshot_changed()  # bulk inserts send no signal
        return len(missing)

    def _report(self, size, what, timings, note):
        self.stdout.write(
            f"{size:>7} listings, {what}: median {statistics.median(timings):6.1f} ms, "
            f"p95 {_p95(timings):6.1f} ms {note}"
        )

    def _embedding(self, runs):
        """Encoding one listing's text, as the task does after it is published."""
        timings = []
        for n in range(runs):
            title, description = self.texts[n % len(self.texts)]
            started = time.perf_counter()
            encoder().encode([listing_text(title=title, description=f"{description} {n}")])
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
        self.stdout.write(
            f"embedding one listing ({encoder_name()}): median "
            f"{statistics.median(timings):6.1f} ms, p95 {p95:6.1f} ms"
        )
        dims = encoder().dimensions
        self.stdout.write(
            f"vectors of 100,000 listings: {100_000 * dims * 4 / 1e6:.0f} MB in the database "
            f"(float32), {100_000 * (dims + 4 + 8 + 100) / 1e6:.0f} MB in each process (int8)"
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


def _p95(timings) -> float:
    timings = sorted(timings)
    return timings[max(0, round(0.95 * len(timings)) - 1)]


def _shown(request):
    """A ranking computed and read as the curation page shows it: the first 20
    candidates with their listings and reasons, the closest left out by each rule."""
    found = ranking(request)
    for candidate in found.candidates[:20]:
        candidate.listing.organisation, candidate.reasons  # noqa: B018 (read, as a page does)
    left_out_named(found.left_out)
