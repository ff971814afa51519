import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from taxonomy.forms import TermFilter
from taxonomy.models import Theme

from .models import Organisation, OrganisationKind
from .selectors import directory_countries

SEARCH_MAX_LENGTH = 200


class DirectoryFilter(django_filters.FilterSet):
    # Longer words find nothing anyway; a 100,000-character LIKE pattern fails in SQLite.
    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=SEARCH_MAX_LENGTH)
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=lambda: directory_countries(), empty_label=_("All countries")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=OrganisationKind.choices, empty_label=_("All kinds")
    )
    theme = TermFilter(
        label=_("Theme"),
        field_name="themes",
        queryset=Theme.objects.filter(active=True),
        to_field_name="slug",
        empty_label=_("All themes"),
    )

    class Meta:
        model = Organisation
        fields = ["q", "country", "kind", "theme"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value)
            | Q(city__icontains=value)
            | Q(description__icontains=value)
            | Q(region__iexact=value)
        )
