"""Synthetic requests and partners for the confirmation benchmark, and their removal.

Each round is a fresh request with its partners, every organisation with two
coordinators, so that a confirmation records as many e-mails as a real one."""

import datetime
import secrets

from django.contrib.auth import get_user_model
from django.utils import timezone

from listings.models import Listing, ListingKind, ListingRole, ListingStatus
from matchmaking.models import Match, MatchDecision, MatchParty
from members.models import Membership, MembershipStatus, Organisation, OrganisationKind, Role
from notifications.models import Notification
from taxonomy.models import Format, Language, Theme

COORDINATORS = 2


class SyntheticRounds:
    def __init__(self, rounds: int, parties: int):
        self.rounds, self.parties = rounds, parties
        self.run = secrets.token_hex(3)
        self.organisations, self.users, self.listings = [], [], []

    def create(self) -> list[tuple]:
        """[(request, [partners])] for each round, all open and committed."""
        theme, form = Theme.objects.first(), Format.objects.first()
        language = Language.objects.first()
        created = []
        for r in range(self.rounds):
            listings = [self._listing(r, p, theme, form, language) for p in range(self.parties)]
            created.append((listings[0], listings[1:]))
        return created

    def _listing(self, r, p, theme, form, language) -> Listing:
        today = timezone.localdate()
        organisation = Organisation.objects.create(
            name=f"Benchmark {self.run} {r}-{p}",
            slug=f"benchmark-{self.run}-{r}-{p}",
            kind=OrganisationKind.OTHER,
            country=["SE", "FR", "ES", "IT", "FI"][p % 5],
            status=MembershipStatus.ACTIVE,
        )
        self.organisations.append(organisation)
        for c in range(COORDINATORS):
            user = get_user_model().objects.create(
                email=f"benchmark-{self.run}-{r}-{p}-{c}@example.invalid",
                full_name=f"Benchmark {r}-{p}-{c}",
                password="!",  # unusable: nobody signs in as these  # noqa: S106
            )
            self.users.append(user)
            Membership.objects.create(user=user, organisation=organisation, role=Role.COORDINATOR)
        listing = Listing.objects.create(
            kind=ListingKind.REQUEST if p == 0 else ListingKind.OFFER,
            reference=f"BEN-{self.run}{r:03d}{p:02d}",
            organisation=organisation,
            title=f"Benchmark listing {r}-{p}",
            description="Synthetic listing for the confirmation benchmark.",
            role=ListingRole.SEND if p == 0 else ListingRole.EITHER,
            earliest_start=today + datetime.timedelta(days=30),
            latest_end=today + datetime.timedelta(days=60),
            duration_days=5,
            participants=4 if p == 0 else 20,
            expires_on=today + datetime.timedelta(days=60),
            status=ListingStatus.OPEN,
            published_at=timezone.now(),
        )
        for field, tag in (("themes", theme), ("formats", form), ("languages", language)):
            if tag is not None:
                getattr(listing, field).add(tag)
        self.listings.append(listing)
        return listing

    def delete(self) -> None:
        synthetic_delete(listings=self.listings, users=self.users, organisations=self.organisations)


def synthetic_delete(*, listings, users, organisations) -> None:
    """Remove a benchmark's synthetic listings, their matches, decisions and
    e-mails, their people and organisations, history included."""
    ids = [listing.pk for listing in listings]
    matches = Match.objects.filter(request_id__in=ids)
    Notification.objects.filter(recipient__in=users).delete()
    MatchDecision.objects.filter(request_id__in=ids).delete()
    MatchParty.history.filter(match_id__in=matches.values("pk")).delete()
    MatchParty.objects.filter(match__in=matches).delete()
    Match.history.filter(request_id__in=ids).delete()
    matches.delete()
    Listing.history.filter(id__in=ids).delete()
    Listing.objects.filter(pk__in=ids).delete()
    get_user_model().objects.filter(pk__in=[u.pk for u in users]).delete()
    Organisation.objects.filter(pk__in=[o.pk for o in organisations]).delete()
