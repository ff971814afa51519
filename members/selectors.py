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
    """The organisation the person acts for, the one rule of every page: the one
    named in the request (`?organisation=<slug>`, a form's choice), else the one
    chosen in the session, else their first by name. Only an active member of the
    partnership is acted for: the people of a suspended (or not yet approved)
    organisation keep their accounts and their organisation's page, but submit,
    answer or browse for nobody. A stale or forged value never grants anything.
    `memberships`: the person's, in memberships_of's order, when the page has read
    them already (a query fewer)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    if memberships is None:
        organisations = list(acting_organisations(user))
    else:
        organisations = [m.organisation for m in memberships if m.organisation.is_active_member]
    if not organisations:
        request.session.pop(CURRENT_ORGANISATION_SESSION_KEY, None)
        return None
    named = request.GET.get("organisation") or request.POST.get("organisation")
    chosen = request.session.get(CURRENT_ORGANISATION_SESSION_KEY)
    for organisation in organisations:
        if organisation.slug == named:
            return organisation
    for organisation in organisations:
        if organisation.pk == chosen:
            return organisation
    first = organisations[0]
    request.session[CURRENT_ORGANISATION_SESSION_KEY] = first.pk
    return first


def acting_organisations(user):
    """The organisations this person may act for: those of the partnership's
    active members they belong to, by name."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.active().filter(memberships__user=user).order_by("name")


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


def responsible_for(*, organisation_id: int, listing=None, coordinators=None) -> list:
    """Who is responsible, the one rule for every e-mail about an organisation or
    one of its listings (match confirmed, reminders, review of a listing, report
    due, case study…): the listing's contact person, then the organisation's
    coordinators, each once and only if their account is active.

    Both, not one or the other: the coordinators answer for the organisation (they
    accept or decline its matches and report its exchanges), and the contact has the
    listing in hand, so each expects to hear, and a contact who is away never leaves
    the organisation unaware. Without a listing (an exchange, a case study), the
    coordinators. `coordinators` is `coordinators_by_organisation(...)` when the
    caller handles many organisations at once (one query for all)."""
    if coordinators is None:
        coordinators = coordinators_by_organisation([organisation_id])
    people = []
    contact = listing.contact if listing is not None and listing.contact_id else None
    if contact is not None and contact.is_active:
        people.append(contact)
    people += [
        p for p in coordinators.get(organisation_id, []) if p.pk != getattr(contact, "pk", None)
    ]
    return people


def organisations_coordinated_by(user):
    """The organisations this person coordinates, whatever their status (add
    `.active()` for the partnership's active members only)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user, memberships__role=Role.COORDINATOR)


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


def places_of(user) -> dict[int, Membership]:
    """This person's memberships by organisation id, with the organisations, read
    once per user object as Django keeps a user's permissions (`_perm_cache`): the
    permission rules (members.permissions) ask it many times in one page."""
    if not user.is_authenticated:
        return {}
    if not hasattr(user, "_places"):
        user._places = {m.organisation_id: m for m in memberships_of(user)}
    return user._places
