"""Fill a database to the partnership's full size, to measure the pages there.

Bulk inserts, no signals, no history rows: 10,000 organisations and 100,000
listings take minutes, not hours. The data looks like members' data where the
pages and the matcher care: windows of three to six months, two to four themes
per listing, working languages, open listings mostly (85 %), organisations in
the countries the partnership works with. Everything it creates has a slug,
e-mail address or reference starting with "scale-" (or REQ-S/OFF-S), so it can
be told apart from real data.

It refuses a database that holds anything else (a real organisation) unless
--force: it is for a benchmark database, never for production.
See docs/performance.md.
"""

import datetime
import random
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from casestudies.models import CaseStudy, CaseStudyStatus
from core.counts import counts_changed
from exchanges.models import Exchange, ExchangeOrganisation, ExchangeRole, ExchangeStatus
from listings.models import Funding, Listing, ListingKind, ListingRole, ListingStatus
from listings.services import listing_tags_copy
from members.models import Membership, MembershipStatus, Organisation, OrganisationKind, Role
from taxonomy.models import Format, Language, TargetGroup, Theme

SLUG_PREFIX = "scale-"
# Where the partnership's members are, most of them in a few regions' countries.
COUNTRIES = ["SE", "FR", "ES", "IT", "DE", "FI", "BE", "NL", "PT", "IE", "AT", "PL", "CZ", "EE"]
COUNTRY_WEIGHTS = [14, 12, 12, 10, 8, 6, 6, 6, 6, 4, 4, 6, 3, 3]
# Of the listings not open, in this proportion.
OTHER_STATUSES = [
    ListingStatus.MATCHED,
    ListingStatus.CLOSED,
    ListingStatus.EXPIRED,
    ListingStatus.DRAFT,
    ListingStatus.WITHDRAWN,
]
OPEN_SHARE = 0.85
BATCH = 5000
PASSWORD = "scale-password"  # noqa: S105 - a benchmark database's known password


def _batched(objects, size=BATCH):
    batch = []
    for obj in objects:
        batch.append(obj)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class Command(BaseCommand):
    help = "Fill a benchmark database with organisations, people and listings at scale."

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=int, default=10_000)
        parser.add_argument("--users", type=int, default=3_000)
        parser.add_argument("--listings", type=int, default=100_000)
        parser.add_argument("--exchanges", type=int, default=20_000)
        parser.add_argument("--case-studies", type=int, default=200)
        parser.add_argument("--seed", type=int, default=18)
        parser.add_argument(
            "--force",
            action="store_true",
            help="add to a database that already holds other data (never production)",
        )

    def handle(self, *args, **options):
        if not options["force"]:
            self._refuse_real_data()
        self.random = random.Random(options["seed"])
        # One tag per run: a second run (with --force) adds rows beside the first's.
        self.run = secrets.token_hex(2)
        self.today = timezone.localdate()
        self.themes = list(Theme.objects.filter(active=True).values_list("pk", flat=True))
        self.formats = list(Format.objects.filter(active=True).values_list("pk", flat=True))
        self.languages = list(Language.objects.values_list("pk", flat=True))
        self.target_groups = list(
            TargetGroup.objects.filter(active=True).values_list("pk", flat=True)
        )
        if not (self.themes and self.formats and self.languages):
            raise CommandError("The vocabularies are empty: run `manage.py migrate` first.")
        with transaction.atomic():
            organisations = self._organisations(options["organisations"])
            users = self._users(options["users"], organisations)
            self._listings(options["listings"], organisations, users)
            exchanges = self._exchanges(options["exchanges"], organisations)
            self._case_studies(options["case_studies"], exchanges)
        # Bulk inserts send no post_save: the cached counts and kept pages start anew.
        counts_changed()
        if connection.vendor == "postgresql":
            # Fresh statistics, as autovacuum would give them some minutes later:
            # without them the planner expects 15 open listings, not 85,000, and the
            # browse page sorts them all (210 ms instead of 12).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {len(organisations)} organisations, {len(users)} people "
                f"(password {PASSWORD!r}), {options['listings']} listings, "
                f"{len(exchanges)} exchanges, {min(options['case_studies'], len(exchanges))} "
                "case studies."
            )
        )

    def _refuse_real_data(self):
        real = Organisation.objects.exclude(slug__startswith=SLUG_PREFIX).count()
        seeded = Organisation.objects.filter(slug__startswith=SLUG_PREFIX).count()
        if real:
            raise CommandError(
                f"This database holds {real} organisations that seed_scale did not make: "
                "it is for an empty benchmark database. Add --force to seed it anyway."
            )
        if seeded:
            raise CommandError(
                f"This database is already seeded ({seeded} organisations). "
                "Add --force to add as many again."
            )

    def _sample(self, pool, low, high):
        return self.random.sample(pool, min(len(pool), self.random.randint(low, high)))

    def _through(self, relation, pairs):
        """Bulk-insert many-to-many rows: (owner id, term id) pairs."""
        through, field = relation.through, relation.field
        source = field.m2m_field_name() + "_id"
        target = field.m2m_reverse_field_name() + "_id"
        for batch in _batched(through(**{source: a, target: b}) for a, b in pairs):
            through.objects.bulk_create(batch)

    def _organisations(self, count):
        kinds = OrganisationKind.values
        organisations = []
        for batch in _batched(
            Organisation(
                name=f"Scale organisation {self.run}-{i}",
                slug=f"{SLUG_PREFIX}{self.run}-{i}",
                kind=self.random.choice(kinds),
                country=self.random.choices(COUNTRIES, COUNTRY_WEIGHTS)[0],
                city=f"City {i % 500}",
                description="A member of the partnership, seeded for measurement.",
                status=MembershipStatus.ACTIVE,
                joined_on=self.today - datetime.timedelta(days=self.random.randint(0, 2000)),
            )
            for i in range(count)
        ):
            organisations += Organisation.objects.bulk_create(batch)
        ids = [o.pk for o in organisations]
        self._through(
            Organisation.themes,
            ((o, t) for o in ids for t in self._sample(self.themes, 1, 4)),
        )
        self._through(
            Organisation.languages,
            ((o, lang) for o in ids for lang in self._sample(self.languages, 1, 3)),
        )
        return organisations

    def _users(self, count, organisations):
        # One hash for everyone: hashing 3,000 passwords would take minutes.
        password = make_password(PASSWORD)
        User = get_user_model()
        users = []
        for batch in _batched(
            User(
                email=f"{SLUG_PREFIX}{self.run}-{i}@example.org",
                full_name=f"Scale person {i}",
                password=password,
                privacy_consent_at=timezone.now(),
            )
            for i in range(count)
        ):
            users += User.objects.bulk_create(batch)
        # The first organisations have a coordinator each; the rest post through no one.
        memberships = (
            Membership(user=user, organisation=organisation, role=Role.COORDINATOR)
            for user, organisation in zip(users, organisations, strict=False)
        )
        for batch in _batched(memberships):
            Membership.objects.bulk_create(batch)
        return users

    def _listing(self, i, organisation, contact):
        kind = self.random.choice(ListingKind.values)
        status = (
            ListingStatus.OPEN
            if self.random.random() < OPEN_SHARE
            else self.random.choice(OTHER_STATUSES)
        )
        start = self.today + datetime.timedelta(days=self.random.randint(14, 300))
        window = self.random.randint(90, 183)  # three to six months
        published = timezone.now() - datetime.timedelta(minutes=self.random.randint(0, 500_000))
        prefix = "REQ" if kind == ListingKind.REQUEST else "OFF"
        return Listing(
            kind=kind,
            reference=f"{prefix}-S{self.run}{i:07d}".upper(),
            organisation_id=organisation.pk,
            title=f"Scale {kind} {i}",
            description="Work-based learning abroad for learners and staff, seeded.",
            role=self.random.choice(ListingRole.values),
            earliest_start=start,
            latest_end=start + datetime.timedelta(days=window),
            duration_days=self.random.choice([5, 10, 14, 21, 30, 60, 90]),
            participants=self.random.randint(2, 30),
            preferred_countries=self._sample(COUNTRIES, 0, 3),
            funding=self.random.choice(Funding.values),
            contact=contact,
            expires_on=start,
            status=status,
            submitted_at=None if status == ListingStatus.DRAFT else published,
            published_at=None if status == ListingStatus.DRAFT else published,
        )

    def _listings(self, count, organisations, users):
        coordinators = dict(zip((o.pk for o in organisations), users, strict=False))
        for batch in _batched(
            self._listing(i, org, coordinators.get(org.pk))
            for i, org in ((i, self.random.choice(organisations)) for i in range(count))
        ):
            created = Listing.objects.bulk_create(batch)
            ids = [listing.pk for listing in created]
            self._through(
                Listing.themes, ((x, t) for x in ids for t in self._sample(self.themes, 2, 4))
            )
            self._through(
                Listing.formats,
                ((x, f) for x in ids for f in self._sample(self.formats, 1, 2)),
            )
            self._through(
                Listing.languages,
                ((x, lang) for x in ids for lang in self._sample(self.languages, 1, 3)),
            )
            if self.target_groups:
                self._through(
                    Listing.target_groups,
                    ((x, g) for x in ids for g in self._sample(self.target_groups, 1, 2)),
                )
            # Bulk inserts send no m2m_changed: copy the tags onto the rows here.
            listing_tags_copy(listing_ids=ids)

    def _exchanges(self, count, organisations):
        exchanges = []
        for batch in _batched(
            self._exchange(i, self.random.choice(organisations)) for i in range(count)
        ):
            exchanges += Exchange.objects.bulk_create(batch)
        parties = []
        for exchange in exchanges:
            host, sender = self.random.sample(organisations, 2)
            parties.append(
                ExchangeOrganisation(
                    exchange=exchange, organisation=host, role=ExchangeRole.HOST.value
                )
            )
            parties.append(
                ExchangeOrganisation(
                    exchange=exchange, organisation=sender, role=ExchangeRole.SENDING.value
                )
            )
        for batch in _batched(parties):
            ExchangeOrganisation.objects.bulk_create(batch)
        self._through(
            Exchange.themes,
            ((e.pk, t) for e in exchanges for t in self._sample(self.themes, 1, 3)),
        )
        return exchanges

    def _exchange(self, i, host):
        start = self.today - datetime.timedelta(days=self.random.randint(-200, 2000))
        total = self.random.randint(2, 30)
        return Exchange(
            title=f"Scale exchange {i}",
            format_id=self.random.choice(self.formats),
            start_date=start,
            end_date=start + datetime.timedelta(days=self.random.randint(5, 90)),
            city=host.city or "City",
            country=host.country,
            status=ExchangeStatus.COMPLETED if start < self.today else ExchangeStatus.PLANNED,
            participants_total=total,
            fewer_opportunities=self.random.randint(0, total),
            staff=self.random.randint(0, total),
        )

    def _case_studies(self, count, exchanges):
        completed = [e for e in exchanges if e.status == ExchangeStatus.COMPLETED][:count]
        now = timezone.now()
        for batch in _batched(
            CaseStudy(
                exchange=exchange,
                title=f"Scale case study {i}",
                slug=f"{SLUG_PREFIX}{self.run}-{i}",
                summary="What two members learnt from an exchange, seeded.",
                story="From the request to the visit. " * 20,
                status=CaseStudyStatus.PUBLISHED,
                published_at=now - datetime.timedelta(days=i),
            )
            for i, exchange in enumerate(completed)
        ):
            CaseStudy.objects.bulk_create(batch)
