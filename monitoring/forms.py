"""The dashboard's filters: a plain form, because one choice filters several
models (requests and offers, matches, exchanges) in different ways."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from members.models import Organisation
from taxonomy.models import Format, Theme

FIRST_YEAR = 2020


def year_choices():
    this_year = timezone.localdate().year
    return [("", _("All years"))] + [(y, y) for y in range(this_year + 1, FIRST_YEAR - 1, -1)]


class MonitoringFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    country = forms.ChoiceField(label=_("Country"), required=False)
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=Theme.objects.all(), required=False, empty_label=_("All themes")
    )
    format = forms.ModelChoiceField(
        label=_("Format"),
        queryset=Format.objects.all(),
        required=False,
        empty_label=_("All formats"),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("All organisations"),
    )

    def __init__(self, *args, organisations=None, **kwargs):
        """`organisations`: the ones this person may choose (None: any)."""
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices()
        # Only the countries of organisations: a short list, and a fast page.
        codes = set(Organisation.objects.values_list("country", flat=True).distinct())
        self.fields["country"].choices = [("", _("All countries"))] + [
            (code, name) for code, name in countries if code in codes
        ]
        if organisations is None:
            self.fields["organisation"].queryset = Organisation.objects.order_by("name")
        else:
            self.fields["organisation"].queryset = organisations
            self.fields["organisation"].empty_label = None
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"

    @staticmethod
    def empty_filters() -> dict:
        return dict.fromkeys(["year", "country", "theme", "format", "organisation"])

    def filters(self) -> dict:
        """The keyword arguments of kpis_for, from valid data."""
        data = self.cleaned_data
        return {
            "year": data.get("year"),
            "country": data.get("country") or None,
            "theme": data.get("theme"),
            "format": data.get("format"),
            "organisation": data.get("organisation"),
        }
