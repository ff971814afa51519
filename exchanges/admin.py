from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Exchange,
    ExchangeOrganisation,
    ExchangeParticipants,
    ExpressionOfInterest,
    Listing,
    ListingKind,
    Offer,
    ProgrammeItem,
    Request,
)


class InterestInline(admin.StackedInline):
    model = ExpressionOfInterest
    extra = 0
    autocomplete_fields = ["organisation"]
    readonly_fields = ["user", "created_at"]


class ListingAdmin(SimpleHistoryAdmin):
    kind = None
    list_display = [
        "reference",
        "title",
        "organisation",
        "role",
        "earliest_start",
        "latest_end",
        "status",
        "interest_count",
    ]
    list_filter = ["status", "role", "themes", "formats", "organisation__country"]
    list_select_related = ["organisation"]
    search_fields = ["reference", "title", "description", "organisation__name"]
    readonly_fields = ["reference", "kind", "created_at", "submitted_at", "published_at"]
    autocomplete_fields = ["organisation", "contact"]
    filter_horizontal = ["themes", "formats", "target_groups", "languages"]
    date_hierarchy = "created_at"
    inlines = [InterestInline]

    def get_queryset(self, request):
        qs = super().get_queryset(request).annotate(interest_total=Count("interests"))
        return qs.filter(kind=self.kind) if self.kind else qs

    @admin.display(description=_("interest"), ordering="interest_total")
    def interest_count(self, obj):
        return obj.interest_total

    def save_model(self, request, obj, form, change):
        if self.kind:
            obj.kind = self.kind
        super().save_model(request, obj, form, change)


@admin.register(Request)
class RequestAdmin(ListingAdmin):
    kind = ListingKind.REQUEST
    list_display = [*ListingAdmin.list_display, "find_partners"]

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


class ExchangeOrganisationInline(admin.TabularInline):
    model = ExchangeOrganisation
    extra = 0
    autocomplete_fields = ["organisation"]


class ExchangeParticipantsInline(admin.TabularInline):
    model = ExchangeParticipants
    extra = 0


class ProgrammeInline(admin.TabularInline):
    model = ProgrammeItem
    extra = 0


@admin.register(Exchange)
class ExchangeAdmin(SimpleHistoryAdmin):
    list_display = ["title", "city", "country", "start_date", "end_date", "status"]
    list_filter = ["status", "format", "country", "themes"]
    search_fields = ["title", "city", "parties__organisation__name"]
    date_hierarchy = "start_date"
    filter_horizontal = ["themes"]
    raw_id_fields = ["match"]
    inlines = [ExchangeOrganisationInline, ExchangeParticipantsInline, ProgrammeInline]
