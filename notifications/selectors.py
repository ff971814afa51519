"""Reads for the inbox and for the periodic notifications."""

from collections import defaultdict

from django.contrib.auth import get_user_model

from members.models import Membership, MembershipStatus, Role

from .models import Notification


def inbox_for(*, user):
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def unread_count(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def coordinators_by_organisation(organisation_ids) -> dict[int, list]:
    """The people who answer for each organisation: its active coordinators."""
    people = defaultdict(list)
    memberships = Membership.objects.filter(
        organisation_id__in=set(organisation_ids), role=Role.COORDINATOR, user__is_active=True
    ).select_related("user")
    for membership in memberships:
        people[membership.organisation_id].append(membership.user)
    return people


def digest_subscribers():
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            weekly_digest=True,
            memberships__organisation__status=MembershipStatus.ACTIVE,
        )
        .distinct()
        .prefetch_related("memberships__organisation__themes")
    )
