"""Reads on requests and offers: who may see what, the browse page, my listings."""

import datetime
import hashlib

import rules
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, Q, Value, When
from django.http import Http404, QueryDict
from django.utils import translation
from django.utils.safestring import mark_safe
from django_countries import countries as django_countries

from core.counts import GENERATION_KEY, counts_cached, token_renew
from core.kept import kept_html, kept_many
from members.selectors import acting_organisations, responsible_for
from taxonomy.models import Theme
from taxonomy.selectors import sort_key, term_names

from .models import Listing, ListingStatus, SavedSearch, proposable_q

MINE_GENERATION_KEY = "listings:mine:generation"
# A listing closing within this many days asks "still current?" (as the email does).
EXPIRING_WITHIN_DAYS = 14
# The owner's actions per status, in the order the page shows them.
OWNER_ACTIONS = {
    ListingStatus.DRAFT: ["edit", "submit", "withdraw"],
    ListingStatus.SUBMITTED: ["edit", "withdraw"],
    ListingStatus.OPEN: ["edit", "close", "withdraw"],
    ListingStatus.EXPIRED: ["renew", "close"],
    ListingStatus.MATCHED: [],
    ListingStatus.CLOSED: [],
    ListingStatus.WITHDRAWN: [],
}


def listing_actions(listing: Listing) -> list[str]:
    actions = list(OWNER_ACTIONS[listing.status])
    if listing.renewed and "renew" in actions:
        actions.remove("renew")
    return actions


def listings_browse():
    return (
        Listing.objects.proposable()
        .select_related("organisation")
        .prefetch_related("themes", "formats")
        .order_by("-published_at", "-pk")
    )


def listing_for_viewer(*, reference: str, user) -> Listing:
    """The listing if this person may see it; otherwise 404 (it does not exist for them)."""
    listing = (
        Listing.objects.select_related("organisation", "contact")
        .prefetch_related("themes", "formats", "target_groups", "languages")
        .annotate(interest_total=Count("interests"))
        .filter(reference=reference)
        .first()
    )
    if listing is None:
        raise Http404
    if not rules.test_rule("listings.view_listing", user, listing):
        raise Http404
    return listing


def listing_for_owner(*, reference: str, user) -> Listing:
    """The listing if this person acts for its organisation: 404 when they may not
    see it, 403 when they see it but it is not theirs."""
    listing = listing_for_viewer(reference=reference, user=user)
    if not rules.test_rule("listings.change_listing", user, listing):
        raise PermissionDenied
    return listing


def listing_owners(listing: Listing) -> list:
    """Who hears about a listing (members.selectors.responsible_for)."""
    return responsible_for(organisation_id=listing.organisation_id, listing=listing)


def my_listings(user):
    """The listings of my organisations, in workflow order of status, newest first."""
    workflow_order = Case(
        *(When(status=status, then=Value(i)) for i, status in enumerate(ListingStatus))
    )
    return (
        Listing.objects.filter(organisation__in=acting_organisations(user))
        .select_related("organisation")
        .annotate(interest_total=Count("interests"), workflow_order=workflow_order)
        .order_by("workflow_order", "-updated_at", "-pk")
    )


def mine_changed(**kwargs):
    """A new generation of "my listings": an expression of interest (the count
    each listing shows) or a membership (whose listings they are) changed. A
    change to a listing or an organisation is the figures' generation."""
    token_renew(MINE_GENERATION_KEY)


def my_listings_html(*, user, page: str, render) -> str:
    """One page of the person's listings as HTML (core.kept), with the
    placeholder for their forms' CSRF token: from the cache while nothing it
    shows has changed; `render()` renders it otherwise."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return kept_html(
        f"listings:mine:{user.pk}:{language}:{page}",
        generations=[GENERATION_KEY, MINE_GENERATION_KEY],
        render=render,
    )


def by_status(listings) -> dict:
    """One page of my listings, grouped by status, each with the actions it allows."""
    groups = {}
    for listing in listings:
        listing.actions = listing_actions(listing)
        groups.setdefault(ListingStatus(listing.status), []).append(listing)
    return groups


def teaser_counts() -> dict:
    """What a visitor sees of the open listings: totals by theme and by country.
    Whole-table aggregates, so kept in the shared cache (core.counts)."""
    counts = counts_cached("teaser", _teaser_counts)
    countries = [
        {"name": django_countries.name(code), "total": total} for code, total in counts["countries"]
    ]
    names = term_names(Theme)
    themes = sorted(
        ({"name": names.get(pk, ""), "total": total} for pk, total in counts["themes"]),
        key=lambda row: (-row["total"], sort_key(row["name"])),
    )
    return {**counts, "themes": themes, "countries": countries}


def _teaser_counts() -> dict:
    themes = (
        Theme.objects.filter(active=True)
        .annotate(total=Count("listing", filter=proposable_q("listing__")))
        .filter(total__gt=0)
        .order_by()
        .values_list("pk", "total")
    )
    countries = (
        Listing.objects.proposable()
        .values("organisation__country")
        .annotate(total=Count("pk"))
        .order_by("-total", "organisation__country")
    )
    # Ids and codes, not names: the names are in the visitor's language.
    return {
        "themes": list(themes),
        "countries": [(row["organisation__country"], row["total"]) for row in countries],
        "total": Listing.objects.proposable().count(),
    }


def listings_browse_total(listings, query: str) -> int:
    """How many open listings fit these filters (`query`: the filters' query
    string), for the paginator: a COUNT over every open listing, so cached."""
    digest = hashlib.sha256(query.encode()).hexdigest()[:16]
    return counts_cached(f"browse-total:{digest}", listings.count)


def browse_kept(*, query: str, full_query: str, bound: bool, render: dict) -> dict:
    """Browse's parts that are the same for every member asking this query
    string in this language, as HTML: `render` {name: render()} of "filters",
    "results" (one page: the total, 25 cards, the pages) and, with a query,
    "save" (the form that saves it). They are most of the page's time (crispy's
    templates, one per field; the listings' query and 25 cards), so they are
    kept with the figures (core.kept, under core.counts' generation) and read in
    one round trip: any change to a listing, its organisation or the
    vocabularies renders them again."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    said = {
        "filters": f"{'bound' if bound else 'unbound'}:{query}",
        "save": query,
        "results": full_query,
    }
    keys = {
        name: f"browse-{name}:{language}:{hashlib.sha256(said[name].encode()).hexdigest()[:16]}"
        for name in render
    }
    html = kept_many({keys[name]: render[name] for name in render}, generations=[GENERATION_KEY])
    # Rendered by our templates, which escape what they show (and what was typed).
    return {name: mark_safe(html[keys[name]]) for name in render}  # noqa: S308


def listing_fits(listing: Listing, query: str) -> bool:
    """Does this one listing pass this saved filter? The browse filter decides."""
    from .filters import ListingFilter

    filterset = ListingFilter(QueryDict(query), queryset=Listing.objects.filter(pk=listing.pk))
    return filterset.is_valid() and filterset.qs.exists()


def saved_searches_fitting(listing: Listing) -> list[SavedSearch]:
    """The saved searches that asked to be told and that this listing fits, except
    those of the listing's own organisation."""
    searches = (
        SavedSearch.objects.filter(notify=True, user__is_active=True)
        .exclude(user__memberships__organisation=listing.organisation_id)
        .select_related("user")
    )
    return [search for search in searches if listing_fits(listing, search.query)]


def listings_needing_care(organisation_ids, *, today):
    """Listings to act on: returned by the secretariat, drafts never submitted,
    expired ones that can be renewed, open ones closing soon."""
    soon = today + datetime.timedelta(days=EXPIRING_WITHIN_DAYS)
    return (
        Listing.objects.filter(organisation__in=organisation_ids)
        .filter(
            Q(status=ListingStatus.DRAFT)
            | Q(status=ListingStatus.EXPIRED, renewed=False)
            | Q(status=ListingStatus.OPEN, expires_on__lte=soon)
        )
        .select_related("organisation")
        .order_by("expires_on", "pk")
    )


def listings_with_interest(organisation_ids):
    """Open listings of these organisations that other members said they are interested in."""
    return (
        Listing.objects.filter(organisation__in=organisation_ids, status=ListingStatus.OPEN)
        .annotate(interest_total=Count("interests"))
        .filter(interest_total__gt=0)
        .order_by("-interest_total", "pk")
    )
