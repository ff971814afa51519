"""Synthetic confirmed matches for the notification benchmark, and their removal."""

import datetime
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from listings.models import Listing, ListingKind, ListingRole, ListingStatus
from matchmaking.models import Match, MatchParty, PartyRole
from members.models import Membership, MembershipStatus, Organisation, OrganisationKind, Role

from .models import Notification
from .services import notification_record


class SyntheticMatches:
    """`count` confirmed matches between two organisations, each party with its
    own coordinator, so that every email goes to its own address."""

    def __init__(self, count: int):
        self.count = count
        self.run = secrets.token_hex(3)

    def create(self) -> list[MatchParty]:
        today = timezone.localdate()
        self.organisations = [
            Organisation.objects.create(
                name=f"Benchmark {self.run} {side}",
                slug=f"benchmark-{self.run}-{side}",
                kind=OrganisationKind.OTHER,
                country="SE",
                status=MembershipStatus.ACTIVE,
            )
            for side in ("a", "b")
        ]
        requests = Listing.objects.bulk_create(
            Listing(
                kind=ListingKind.REQUEST,
                reference=f"BEN-{self.run}{i:05d}",
                organisation=self.organisations[0],
                title=f"Benchmark request {i}",
                description="Synthetic",
                role=ListingRole.SEND,
                earliest_start=today,
                latest_end=today + datetime.timedelta(days=30),
                duration_days=5,
                participants=5,
                expires_on=today + datetime.timedelta(days=30),
                status=ListingStatus.MATCHED,
            )
            for i in range(self.count)
        )
        self.matches = Match.objects.bulk_create(Match(request=r) for r in requests)
        parties = MatchParty.objects.bulk_create(
            MatchParty(match=match, organisation=organisation, role=role)
            for match in self.matches
            for organisation, role in zip(
                self.organisations, (PartyRole.REQUESTER, PartyRole.HOST), strict=True
            )
        )
        users = get_user_model().objects.bulk_create(
            get_user_model()(
                email=f"benchmark-{self.run}-{i}@example.invalid",
                full_name=f"Benchmark {i}",
                password="!",  # unusable: nobody signs in as these  # noqa: S106
            )
            for i in range(len(parties))
        )
        Membership.objects.bulk_create(
            Membership(user=user, organisation=party.organisation, role=Role.COORDINATOR)
            for user, party in zip(users, parties, strict=True)
        )
        self.users = users
        return list(zip(parties, users, strict=True))

    def record(self, pairs) -> list[int]:
        """As the matchmaking service would: one transaction per confirmation."""
        ids = []
        for match_pairs in zip(pairs[::2], pairs[1::2], strict=True):
            with transaction.atomic():
                for party, user in match_pairs:
                    ids.append(
                        notification_record(
                            kind="match_reminder",
                            recipient=user,
                            about=party,
                            context={
                                "reference": party.match.request.reference,
                                "title": party.match.request.title,
                                "organisation": party.organisation.name,
                                "days": 0,
                            },
                            event="benchmark",
                        ).pk
                    )
        return ids

    def delete(self) -> None:
        Notification.objects.filter(recipient__in=self.users).delete()
        MatchParty.objects.filter(match__in=self.matches).delete()
        requests = [m.request_id for m in self.matches]
        Match.objects.filter(pk__in=[m.pk for m in self.matches]).delete()
        Listing.objects.filter(pk__in=requests).delete()
        get_user_model().objects.filter(pk__in=[u.pk for u in self.users]).delete()
        Organisation.objects.filter(pk__in=[o.pk for o in self.organisations]).delete()
