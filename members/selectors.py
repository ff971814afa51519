"""Reads: what the directory, the organisation pages and other apps ask of members."""

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404

from core.counts import country_choices, counts_cached

from .models import Membership, MembershipStatus, Organisation, Role

CURRENT_ORGANISATION_SESSION_KEY = "current_organisation_id"


def memberships_of(user):
    if not user.is_authenticated:
        return Membership.objects.none()
    return user.memberships.select_related("organisation").order_by("organisation__name", "pk")


def current_organisation(request, *, memberships=None) -> Organisation | None:
    """The organisation the person is acting for: the one chosen in the session if
    they still belong to it, otherwise their first, so a stale or forged session
    value never grants anything. `memberships`: the person's, in memberships_of's
    order, when the page has read them already (a query fewer)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    memberships = list(memberships_of(user) if memberships is None else memberships)
    if not memberships:
        request.session.pop(CURRENT_ORGANISATION_SESSION_KEY, None)
        return None
    chosen = request.session.get(CURRENT_ORGANISATION_SESSION_KEY)
    for membership in memberships:
        if membership.organisation_id == chosen:
            return membership.organisation
    first = memberships[0].organisation
    request.session[CURRENT_ORGANISATION_SESSION_KEY] = first.pk
    return first


def is_member_of(user, organisation) -> bool:
    """Whether this person belongs to this organisation (any role)."""
    return (
        user.is_authenticated
        and Membership.objects.filter(user=user, organisation=organisation).exists()
    )


def is_member_user(user) -> bool:
    """Signed in and in an active organisation of the partnership (or the secretariat)."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return user.memberships.filter(organisation__status=MembershipStatus.ACTIVE).exists()


def directory_organisations():
    return Organisation.objects.active().prefetch_related("themes").order_by("name")


def directory_countries() -> list[tuple[str, str]]:
    """The directory's countries: those of its organisations, not all 250."""
    return country_choices(
        counts_cached(
            "directory-countries",
            lambda: set(
                directory_organisations().order_by().values_list("country", flat=True).distinct()
            ),
        )
    )


def organisation_public(slug: str) -> Organisation:
    """Applicants, rejected and suspended organisations do not exist for the public."""
    return get_object_or_404(
        Organisation.objects.active().prefetch_related("themes", "languages"), slug=slug
    )


def membership_for(user, slug: str) -> Membership:
    """The person's membership of this organisation; 404 when they have none, so the
    page does not reveal that someone else's organisation exists."""
    membership = (
        Membership.objects.select_related("organisation")
        .filter(user=user, organisation__slug=slug)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def colleagues_of(organisation):
    # "coordinator" sorts after "contact": descending puts coordinators first.
    return organisation.memberships.select_related("user").order_by("-role", "user__full_name")


def contacts_of(organisation):
    return [m.user for m in colleagues_of(organisation).filter(user__is_active=True)]


def pending_invitations_of(organisation):
    return organisation.invitations.filter(accepted_at__isnull=True).select_related("invited_by")


def open_listings_of(organisation):
    return organisation.listings.open().order_by("-published_at", "-created_at")


def listings_of(organisation):
    return organisation.listings.order_by("-created_at")


def matches_of(organisation):
    return organisation.match_parties.select_related("match__request").order_by(
        "-match__confirmed_at"
    )


def exchanges_of(organisation):
    return organisation.exchange_roles.select_related("exchange").order_by("-exchange__start_date")


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
    """The people who asked for the weekly digest, in an active organisation."""
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
