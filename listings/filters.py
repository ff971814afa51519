"""The browse filters; a saved search is this filter set's query string."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries import countries

from core.counts import country_choices, counts_cached
from taxonomy.forms import TermFilter
from taxonomy.models import Format, Language, TargetGroup, Theme

from .models import Listing, ListingKind, ListingRole, ListingStatus
from .search import listings_search

SORTS = {"newest": ["-published_at", "-pk"], "closing": ["expires_on", "pk"]}


def listing_countries() -> list[tuple[str, str]]:
    """The countries with an open listing, not all 250 (cached: core.counts)."""
    return country_choices(
        counts_cached(
            "listing-countries",
            lambda: set(
                Listing.objects.proposable()
                .order_by()
                .values_list("organisation__country", flat=True)
                .distinct()
            ),
        )
    )


def _term(model, label, field, to_field="slug"):
    return TermFilter(
        label=label,
        field_name=field,
        to_field_name=to_field,
        queryset=model.objects.filter(active=True) if to_field == "slug" else model.objects.all(),
    )


class ListingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Requests or offers"), choices=ListingKind.choices)
    theme = _term(Theme, _("Theme"), "themes")
    format = _term(Format, _("Format"), "formats")
    target_group = _term(TargetGroup, _("Target group"), "target_groups")
    language = _term(Language, _("Language"), "languages", to_field="code")
    country = django_filters.ChoiceFilter(
        label=_("Country"), field_name="organisation__country", choices=listing_countries
    )
    role = django_filters.ChoiceFilter(
        label=_("Organisations that"),
        choices=[
            # After "Organisations that": a verb that agrees with them, where a
            # listing's "We want to …" takes the infinitive (ROLE_WORDS).
            (ListingRole.HOST, pgettext_lazy("organisations that", "host visitors")),
            (ListingRole.SEND, pgettext_lazy("organisations that", "send participants abroad")),
        ],
        method="filter_role",
    )
    available_from = django_filters.DateFilter(
        label=_("Available from"), field_name="latest_end", lookup_expr="gte"
    )
    available_until = django_filters.DateFilter(
        label=_("Available until"), field_name="earliest_start", lookup_expr="lte"
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort"),
        choices=[("newest", _("Newest")), ("closing", _("Closing soon"))],
        method="sort_by",
        empty_label=None,
    )

    def search(self, queryset, name, value):
        return listings_search(queryset, value)

    def filter_role(self, queryset, name, value):
        # A listing open to either role fits a search for one of them.
        return queryset.filter(role__in=[value, ListingRole.EITHER])

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value, SORTS["newest"]))


class ExportFilter(ListingFilter):
    """The secretariat's export: any status, the same filters."""

    status = django_filters.ChoiceFilter(label=_("Status"), choices=ListingStatus.choices)
    # Any country: a closed listing's country may have no open listing left.
    country = django_filters.ChoiceFilter(
        label=_("Country"), field_name="organisation__country", choices=countries
    )
