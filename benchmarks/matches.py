"""Synthetic open requests and offers for the notification benchmark, confirmed
through the matchmaking service as the secretariat does, and their removal."""

import datetime
import secrets

from django.contrib.auth import get_user_model
from django.utils import timezone

from listings.models import Listing, ListingKind, ListingRole, ListingStatus
from matchmaking.services import match_confirm
from members.models import MembershipStatus, Organisation, OrganisationKind
from notifications.models import Notification

from .synthetic import synthetic_delete


class SyntheticMatches:
    """`count` requests, each with one offer that fits it, between two
    organisations; each listing has its own contact person, so that every
    e-mail goes to its own address. Each pair's dates are its own, so the
    matcher finds exactly one candidate for each request."""

    def __init__(self, count: int):
        self.count = count
        self.run = secrets.token_hex(3)
        self.organisations, self.users, self.listings, self.matches = [], [], [], []

    def create(self) -> list[tuple]:
        self.organisations = [
            Organisation.objects.create(
                name=f"Benchmark {self.run} {side}",
                slug=f"benchmark-{self.run}-{side}",
                kind=OrganisationKind.OTHER,
                country=country,
                status=MembershipStatus.ACTIVE,
            )
            for side, country in (("a", "SE"), ("b", "FR"))
        ]
        self.users = get_user_model().objects.bulk_create(
            get_user_model()(
                email=f"benchmark-{self.run}-{i}@example.invalid",
                full_name=f"Benchmark {i}",
                password="!",  # unusable: nobody signs in as these  # noqa: S106
            )
            for i in range(2 * self.count)
        )
        self.listings = Listing.objects.bulk_create(
            self._listing(i, side) for i in range(self.count) for side in (0, 1)
        )
        return list(zip(self.listings[::2], self.listings[1::2], strict=True))

    def _listing(self, i: int, side: int) -> Listing:
        start = timezone.localdate() + datetime.timedelta(days=30 + 10 * i)
        return Listing(
            kind=ListingKind.OFFER if side else ListingKind.REQUEST,
            reference=f"BEN-{self.run}{i:05d}{side}",
            organisation=self.organisations[side],
            contact=self.users[2 * i + side],
            title=f"Benchmark {'offer' if side else 'request'} {i}",
            description="Synthetic listing for the notification benchmark.",
            role=ListingRole.HOST if side else ListingRole.SEND,
            earliest_start=start,
            latest_end=start + datetime.timedelta(days=5),
            duration_days=5,
            participants=5,
            expires_on=start + datetime.timedelta(days=5),
            status=ListingStatus.OPEN,
            published_at=timezone.now(),
        )

    def record(self, pairs) -> list[int]:
        """Confirm each request with its offer, as the secretariat would: one
        transaction per confirmation, its e-mails queued after commit."""
        for request, offer in pairs:
            match = match_confirm(request=request, partners=[offer], by=None, message="Benchmark")
            self.matches.append(match)
        return list(
            Notification.objects.filter(
                object_id__in=[str(m.pk) for m in self.matches], kind="match_confirmed"
            ).values_list("pk", flat=True)
        )

    def delete(self) -> None:
        synthetic_delete(listings=self.listings, users=self.users, organisations=self.organisations)
