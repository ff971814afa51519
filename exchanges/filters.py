"""The filters members use to find who has done what: theme, format, country,
target group, year and free text. Case studies use the same ones through their
exchange (`prefix="exchange__"`)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from taxonomy.forms import TermFilter
from taxonomy.models import Format, TargetGroup, Theme

from .models import Exchange

FIRST_YEAR = 2014  # the start of Erasmus+; older exchanges are not recorded


def year_choices():
    return [(y, str(y)) for y in range(timezone.localdate().year + 1, FIRST_YEAR - 1, -1)]


class BrowseFilterSet(django_filters.FilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select" if is_select else "form-control"


def browse_filterset(*, model, prefix: str, search_fields: list[str], countries=countries):
    """A FilterSet class for `model`, reaching the exchange's fields via `prefix`.
    `countries`: its country choices, or a function that gives them."""

    def search(queryset, name, value):
        query = Q()
        for field in search_fields:
            query |= Q(**{f"{field}__icontains": value})
        return queryset.filter(query).distinct()

    attrs = {
        "q": django_filters.CharFilter(label=_("Search"), method=search),
        "theme": TermFilter(
            label=_("Theme"),
            empty_label=_("Any"),
            field_name=f"{prefix}themes",
            to_field_name="slug",
            queryset=Theme.objects.filter(active=True),
            distinct=True,
        ),
        "format": TermFilter(
            label=_("Format"),
            empty_label=_("Any"),
            field_name=f"{prefix}format",
            to_field_name="slug",
            queryset=Format.objects.filter(active=True),
        ),
        "country": django_filters.ChoiceFilter(
            label=_("Country"),
            field_name=f"{prefix}country",
            choices=countries if callable(countries) else list(countries),
            empty_label=_("Any"),
        ),
        "target_group": TermFilter(
            label=_("Target group"),
            empty_label=_("Any"),
            field_name=f"{prefix}figures__target_group",
            to_field_name="slug",
            queryset=TargetGroup.objects.filter(active=True),
            distinct=True,
        ),
        "year": django_filters.ChoiceFilter(
            label=_("Year"),
            field_name=f"{prefix}start_date__year",
            choices=year_choices,
            empty_label=_("Any"),
        ),
        "Meta": type("Meta", (), {"model": model, "fields": []}),
    }
    return type(f"{model.__name__}BrowseFilter", (BrowseFilterSet,), attrs)


ExchangeFilter = browse_filterset(
    model=Exchange,
    prefix="",
    search_fields=["title", "city", "outcomes", "parties__organisation__name"],
)
