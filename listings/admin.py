"""The secretariat's pages for requests and offers: review (publish or return
with a comment), expressions of interest and saved searches."""

from django.contrib import admin, messages
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin_decisions import REQUIRED, Decision, DecisionsMixin
from core.forms import written_in_field
from core.history_admin import SimpleHistoryAdmin
from core.refusals import REFUSALS, refusal_text
from core.workflow import TransitionNotAllowed

from . import services
from .models import (
    ExpressionOfInterest,
    Listing,
    ListingKind,
    ListingStatus,
    Offer,
    Request,
    SavedSearch,
)


class InterestInline(admin.StackedInline):
    model = ExpressionOfInterest
    extra = 0
    autocomplete_fields = ["organisation"]
    readonly_fields = ["user", "created_at"]


LISTING_DECISIONS = [
    Decision(
        name="publish",
        label=_("Publish"),
        run=lambda listing, by, reason: services.listing_publish(listing=listing, by=by),
        applies=lambda listing: listing.status == ListingStatus.SUBMITTED,
        done=_("Published: %(object)s"),
    ),
    Decision(
        name="return",
        label=_("Return with a comment"),
        run=lambda listing, by, reason: services.listing_return(
            listing=listing, by=by, comment=reason
        ),
        applies=lambda listing: listing.status == ListingStatus.SUBMITTED,
        done=_("Returned to its organisation: %(object)s"),
        reason=REQUIRED,
        reason_label=_("Comment, sent to the organisation"),
        help=_("The organisation gets your comment by email and can edit and submit again."),
    ),
]


class ListingAdmin(DecisionsMixin, SimpleHistoryAdmin):
    kind = None
    # Few columns, so that the list fits 1280 px; dates and role are on the change page.
    list_display = ["reference", "title", "organisation", "status", "interest_count"]
    decisions = LISTING_DECISIONS
    list_filter = ["status", "role", "themes", "formats", "organisation__country"]
    list_select_related = ["organisation"]
    search_fields = ["reference", "title", "description", "organisation__name"]
    # The status changes only through the actions and buttons (core.workflow).
    readonly_fields = [
        "reference",
        "kind",
        "status",
        "created_at",
        "submitted_at",
        "published_at",
        "review_comment",
    ]
    autocomplete_fields = ["organisation", "contact"]
    filter_horizontal = ["themes", "formats", "target_groups", "languages"]
    date_hierarchy = "created_at"
    inlines = [InterestInline]
    actions = ["publish_selected", "return_selected"]

    def get_queryset(self, request):
        qs = super().get_queryset(request).annotate(interest_total=Count("interests"))
        return qs.filter(kind=self.kind) if self.kind else qs

    @admin.display(description=_("interest"), ordering="interest_total")
    def interest_count(self, obj):
        return obj.interest_total

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "language":
            return written_in_field(
                _("Detected from the title and description on saving; correct it if wrong.")
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if self.kind:
            obj.kind = self.kind
        # The same rule as a member's edit: a rewritten text is read again.
        before = Listing.objects.get(pk=obj.pk) if change else None
        services.listing_language_set(listing=obj, chosen=obj.language, before=before)
        super().save_model(request, obj, form, change)

    def _return_form(self, request, listings):
        error = ""
        if request.POST.get("comment") is not None:
            returned, failures = 0, []
            for listing in listings:
                try:
                    services.listing_return(
                        listing=listing, by=request.user, comment=request.POST["comment"]
                    )
                    returned += 1
                except REFUSALS as exc:
                    reason = refusal_text(exc)
                    failures.append(f"{listing.reference}: {reason}")
            if returned:
                self.message_user(
                    request,
                    ngettext(
                        "%(n)d listing returned to its organisation.",
                        "%(n)d listings returned to their organisations.",
                        returned,
                    )
                    % {"n": returned},
                )
            if failures and not returned:
                error = "; ".join(failures)
            else:
                for failure in failures:
                    self.message_user(request, failure, messages.ERROR)
                return redirect(
                    self.change_url(listings[0])
                    if len(listings) == 1
                    else reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
                )
        return TemplateResponse(
            request,
            "admin/listings/listing_return.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": _("Return to the organisation with a comment"),
                "listings": listings,
                "error": error,
                "comment": request.POST.get("comment", ""),
            },
        )

    @admin.action(description=_("Publish the selected submissions"), permissions=["change"])
    def publish_selected(self, request, queryset):
        published = 0
        for listing in queryset:
            try:
                services.listing_publish(listing=listing, by=request.user)
                published += 1
            except TransitionNotAllowed as exc:
                self.message_user(request, f"{listing.reference}: {exc}", messages.ERROR)
        self.message_user(
            request,
            ngettext("%(n)d listing published.", "%(n)d listings published.", published)
            % {"n": published},
        )

    @admin.action(
        description=_("Return the selected submissions with a comment"), permissions=["change"]
    )
    def return_selected(self, request, queryset):
        return self._return_form(request, list(queryset))


@admin.register(Request)
class RequestAdmin(ListingAdmin):
    kind = ListingKind.REQUEST
    # "Find partners" right after the reference, where it is seen without scrolling.
    list_display = ["reference", "find_partners", *ListingAdmin.list_display[1:]]

    @admin.display(description=_("partners"))
    def find_partners(self, obj):
        # The matchmaking app's curation page (matchmaking/admin.py).
        url = reverse("admin:matchmaking_match_curate", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Find partners"))


@admin.register(Offer)
class OfferAdmin(ListingAdmin):
    kind = ListingKind.OFFER


@admin.register(Listing)
class AllListingsAdmin(ListingAdmin):
    list_filter = ["kind", *ListingAdmin.list_filter]


@admin.register(ExpressionOfInterest)
class ExpressionOfInterestAdmin(admin.ModelAdmin):
    """Every expression of interest in one list, beside the inline on each request."""

    list_display = ["listing", "organisation", "role", "user", "created_at"]
    list_filter = ["role", "listing__status"]
    list_select_related = ["listing", "organisation", "user"]
    search_fields = ["listing__reference", "listing__title", "organisation__name"]
    autocomplete_fields = ["organisation"]
    raw_id_fields = ["listing", "user"]
    date_hierarchy = "created_at"


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "notify", "created_at"]
    list_select_related = ["user"]
    search_fields = ["name", "user__email"]
    autocomplete_fields = ["user"]
