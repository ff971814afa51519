"""Pages for requests and offers. Thin: the rules live in services and selectors."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.kept import csrf_context, with_csrf_token
from core.pagecache import visitor_page_cached
from core.pagination import filtered_page, page_of, query_without_page
from core.refusals import REFUSALS, refusal_text
from members.selectors import acting_organisations, current_organisation

from . import services
from .filters import ListingFilter
from .forms import InterestForm, InterestSettingsForm, ListingForm, SavedSearchForm
from .models import Listing, ListingKind, ListingStatus, SavedSearch
from .selectors import (
    OWNER_ACTIONS,
    browse_kept,
    by_status,
    listing_actions,
    listing_for_owner,
    listing_for_viewer,
    listings_browse,
    listings_browse_total,
    my_listings,
    my_listings_html,
    teaser_counts,
)

# My listings keeps its first pages (core.kept), each a cache entry per person and
# language; a later page, or any other text, is rendered on every request.
KEPT_PAGES = 20
KEPT_PAGE_NUMBERS = frozenset(str(n) for n in range(1, KEPT_PAGES + 1))


def members_only(view):
    """Signed in and acting for a member organisation; others get 403."""

    @login_required
    def wrapped(request, *args, **kwargs):
        if not rules.test_rule("members.act_for_member", request.user):
            raise PermissionDenied(_("Only members of the partnership can do this."))
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


# Visitors see the teaser, the same for all: kept whole (core.pagecache).
@visitor_page_cached()
def browse(request):
    """Open requests and offers for members; a teaser for everyone else."""
    if not rules.test_rule("members.browse", request.user):
        return render(request, "listings/teaser.html", teaser_counts())
    filterset = ListingFilter(request.GET or None, queryset=listings_browse())
    query = query_without_page(request)
    context = {"filter": filterset, "query": query}

    def results():
        # An invalid filter shows nothing rather than everything, with the error beside it.
        invalid = filterset.is_bound and not filterset.is_valid()
        listings = filterset.queryset.none() if invalid else filterset.qs
        page = filtered_page(
            request,
            filterset,
            items=listings,
            # The total over every open listing, from the cache (core.counts).
            count=None if invalid else _browse_total,
        )
        context.update(page)  # the listings shown, for whoever reads the context
        return render_to_string("listings/_browse_results.html", page)

    render_parts = {
        "filters": lambda: render_to_string("listings/_browse_filters.html", {"filter": filterset}),
        "results": results,
    }
    if query:
        render_parts["save"] = lambda: render_to_string(
            "listings/_browse_save.html", {"save_form": SavedSearchForm(initial={"query": query})}
        )
    parts = browse_kept(
        query=query,
        full_query=request.GET.urlencode(),
        bound=filterset.is_bound,
        render=render_parts,
    )
    context.update(
        filter_form=parts["filters"], results=parts["results"], save_form=parts.get("save")
    )
    return render(request, "listings/browse.html", context)


def _browse_total(listings, query: str) -> int:
    filters = QueryDict(query, mutable=True)
    filters.pop("sort", None)  # the sort changes the order, not the total
    return listings_browse_total(listings, filters.urlencode())


@login_required
def listing_detail(request, reference):
    listing = listing_for_viewer(reference=reference, user=request.user)
    mine = rules.test_rule("listings.change_listing", request.user, listing)
    organisation = current_organisation(request)
    can_express = False
    if not mine and organisation is not None:
        try:
            services.interest_check(listing=listing, organisation=organisation)
            can_express = True
        except ValidationError:
            pass
    return render(
        request,
        "listings/listing_detail.html",
        {
            "listing": listing,
            "mine": mine,
            "actions": listing_actions(listing) if mine else [],
            "can_express": can_express,
            "settings_form": InterestSettingsForm(instance=listing) if mine else None,
        },
    )


@members_only
def listing_create(request, kind):
    if kind not in ListingKind.values:
        raise Http404
    organisation = current_organisation(request)
    form = ListingForm(
        request.POST or None,
        organisation=organisation,
        kind=kind,
        initial={"contact": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        listing, created = services.listing_create_once(
            organisation=organisation, kind=kind, by=request.user, data=form.cleaned_data
        )
        if not created:
            messages.info(request, _("This listing was already saved a moment ago: here it is."))
            return redirect(listing)
        response = _after_save(request, listing)
        return _back_to(request, listing) or response
    return render(
        request,
        "listings/listing_form.html",
        {
            "form": form,
            "kind": kind,
            "organisation": organisation,
            "organisations": acting_organisations(request.user),
            "next": request.GET.get("next", ""),
        },
    )


def _back_to(request, listing):
    """Back to the page that asked for a new listing (an event's registration),
    with the new listing's reference: only a path of this site, never another's."""
    target = request.GET.get("next", "")
    if not target or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    query = QueryDict(mutable=True)
    query["listing"] = listing.reference
    return redirect(f"{target}{'&' if '?' in target else '?'}{query.urlencode()}")


@login_required
def listing_edit(request, reference):
    listing = listing_for_owner(reference=reference, user=request.user)
    if "edit" not in listing_actions(listing):
        raise PermissionDenied(_("This listing can no longer be edited."))
    form = ListingForm(
        request.POST or None,
        instance=listing,
        organisation=listing.organisation,
        kind=listing.kind,
    )
    if request.method == "POST" and form.is_valid():
        services.listing_update(listing=listing, by=request.user, data=form.cleaned_data)
        return _after_save(request, listing)
    return render(
        request,
        "listings/listing_form.html",
        {
            "form": form,
            "kind": listing.kind,
            "listing": listing,
            "organisation": listing.organisation,
        },
    )


def _after_save(request, listing):
    if request.POST.get("action") == "submit" and listing.status == ListingStatus.DRAFT:
        services.listing_submit(listing=listing, by=request.user)
        messages.success(request, _("Sent to the secretariat for review."))
    else:
        messages.success(request, _("Saved."))
    return redirect(listing)


def _owner_action(request, reference, action, run, done):
    listing = listing_for_owner(reference=reference, user=request.user)
    # Renewing twice reaches the service, which says why it refuses.
    if action not in OWNER_ACTIONS[listing.status]:
        messages.error(
            request,
            _("This is not possible now: the listing's status is “%(status)s”.")
            % {"status": listing.get_status_display()},
        )
        return redirect(listing)
    try:
        run(listing)
    except REFUSALS as exc:
        messages.error(request, refusal_text(exc))
    else:
        messages.success(request, done)
    return redirect(listing)


@require_POST
@login_required
def listing_submit(request, reference):
    return _owner_action(
        request,
        reference,
        "submit",
        lambda listing: services.listing_submit(listing=listing, by=request.user),
        _("Sent to the secretariat for review."),
    )


def _ask_first(request, reference, action):
    """Withdraw and close end a listing for good: a GET shows what they do, on a
    page of its own (no JavaScript), and only its confirm button posts."""
    listing = listing_for_owner(reference=reference, user=request.user)
    if action not in OWNER_ACTIONS[listing.status]:
        return _owner_action(request, reference, action, None, "")
    return render(request, "listings/listing_confirm.html", {"listing": listing, "action": action})


@login_required
def listing_withdraw(request, reference):
    if request.method != "POST":
        return _ask_first(request, reference, "withdraw")
    return _owner_action(
        request,
        reference,
        "withdraw",
        lambda listing: services.listing_withdraw(listing=listing, by=request.user),
        _("Withdrawn."),
    )


@login_required
def listing_close(request, reference):
    if request.method != "POST":
        return _ask_first(request, reference, "close")
    return _owner_action(
        request,
        reference,
        "close",
        lambda listing: services.listing_close(listing=listing, by=request.user),
        _("Closed."),
    )


@require_POST
@login_required
def listing_renew(request, reference):
    return _owner_action(
        request,
        reference,
        "renew",
        lambda listing: services.listing_renew(listing=listing, by=request.user),
        _("Renewed: the listing is open again."),
    )


@require_POST
@login_required
def interest_settings(request, reference):
    listing = listing_for_owner(reference=reference, user=request.user)
    form = InterestSettingsForm(request.POST, instance=Listing.objects.get(pk=listing.pk))
    if form.is_valid():
        services.listing_interest_settings(
            listing=listing,
            by=request.user,
            cap=form.cleaned_data["interest_cap"],
            closed=form.cleaned_data["interest_closed"],
        )
        messages.success(request, _("Saved."))
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect(listing)


@members_only
def interest_create(request, reference):
    listing = listing_for_viewer(reference=reference, user=request.user)
    organisation = current_organisation(request)
    form = InterestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.interest_express(
                listing=listing,
                organisation=organisation,
                by=request.user,
                data=form.cleaned_data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _(
                    "Thank you: the secretariat has your expression of "
                    "interest and will be in touch."
                ),
            )
            return redirect(listing)
    elif request.method == "GET":
        try:
            services.interest_check(listing=listing, organisation=organisation)
        except ValidationError as exc:
            messages.error(request, refusal_text(exc))
            return redirect(listing)
    return render(
        request,
        "listings/interest_form.html",
        {"form": form, "listing": listing, "organisation": organisation},
    )


@members_only
def my_listings_page(request):
    number = request.GET.get("page") or "1"
    context = {}

    def listed():
        page = page_of(request, my_listings(request.user))
        context.update(groups=by_status(page), page_obj=page)  # for whoever reads the context
        return render_to_string("listings/_my_listings.html", {**context, **csrf_context()})

    # Kept per person, language and page (core.kept).
    if number in KEPT_PAGE_NUMBERS:
        html = my_listings_html(user=request.user, page=number, render=listed)
    else:
        html = listed()
    context["listed"] = with_csrf_token(request, html)
    return render(request, "listings/my_listings.html", context)


@members_only
def saved_searches(request):
    form = SavedSearchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.saved_search_create(
                user=request.user,
                name=form.cleaned_data["name"],
                query=form.cleaned_data["query"],
                notify=form.cleaned_data["notify"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Search saved."))
            return redirect("listings:saved-searches")
    searches = SavedSearch.objects.filter(user=request.user)
    page = page_of(request, searches)
    return render(
        request,
        "listings/saved_searches.html",
        {"searches": page, "page_obj": page, "form": form},
    )


@require_POST
@login_required
def saved_search_delete(request, pk):
    search = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    services.saved_search_delete(search=search)
    messages.success(request, _("Search deleted."))
    return redirect("listings:saved-searches")


def listing_link(request, token):
    """The one-click links of the 'still current?' email. The link itself is the
    permission (signed, expiring); the page asks for one click so that mail
    scanners following links change nothing."""
    try:
        reference, action = services.listing_link_read(token)
    except signing.BadSignature:
        return render(request, "listings/link_invalid.html", status=400)
    listing = get_object_or_404(Listing, reference=reference)
    if action not in ("renew", "close"):
        raise Http404
    if request.method == "POST":
        run = services.listing_renew if action == "renew" else services.listing_close
        try:
            run(listing=listing, by=None)
        except REFUSALS as exc:
            messages.error(request, refusal_text(exc))
        else:
            messages.success(
                request, _("Renewed: thank you.") if action == "renew" else _("Closed: thank you.")
            )
        return render(request, "listings/link_done.html", {"listing": listing})
    return render(request, "listings/link_confirm.html", {"listing": listing, "action": action})
