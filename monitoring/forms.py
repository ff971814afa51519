"""The dashboard's filters: a plain form, because one choice filters several
models (requests and offers, matches, exchanges) in different ways."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.counts import country_choices, counts_cached
from members.models import Organisation
from taxonomy.forms import TermChoiceField
from taxonomy.models import Format, Theme

FIRST_YEAR = 2020


def year_choices():
    this_year = timezone.localdate().year
    return [("", _("All years"))] + [(y, y) for y in range(this_year + 1, FIRST_YEAR - 1, -1)]


class OrganisationNameField(forms.CharField):
    """An organisation by its name, or part of it (or its number, from a link):
    the one that fits, or an error saying why none does."""

    def __init__(self, **kwargs):
        super().__init__(
            label=_("Organisation"),
            required=False,
            widget=forms.TextInput(attrs={"placeholder": _("All organisations")}),
            help_text=_("Type its name, or part of it."),
            **kwargs,
        )

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return None
        if value.isdigit():
            found = Organisation.objects.filter(pk=value)
        else:
            found = Organisation.objects.filter(Q(name__iexact=value) | Q(slug=value))
            if not found.exists():
                found = Organisation.objects.filter(name__icontains=value)
        matches = list(found.order_by("name")[:4])
        if not matches:
            raise forms.ValidationError(_("No organisation has that name."), code="none")
        if len(matches) > 1:
            total = found.count()
            raise forms.ValidationError(
                ngettext(
                    "%(total)d organisation has that in its name, such as %(names)s: "
                    "type more of the name.",
                    "%(total)d organisations have that in their name, such as %(names)s: "
                    "type more of the name.",
                    total,
                )
                % {"total": total, "names": ", ".join(o.name for o in matches[:3])},
                code="several",
            )
        return matches[0]


class MonitoringFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    country = forms.ChoiceField(label=_("Country"), required=False)
    theme = TermChoiceField(
        label=_("Theme"), queryset=Theme.objects.all(), required=False, empty_label=_("All themes")
    )
    format = TermChoiceField(
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
        codes = counts_cached(
            "organisation-countries",
            lambda: set(
                Organisation.objects.order_by().values_list("country", flat=True).distinct()
            ),
        )
        self.fields["country"].choices = [("", _("All countries")), *country_choices(codes)]
        if organisations is None:
            # The secretariat chooses among every organisation: thousands of them,
            # which as a <select> made the page weigh 826 KB and take seconds to
            # render. They type the name instead.
            self.fields["organisation"] = OrganisationNameField()
        else:
            self.fields["organisation"].queryset = organisations
            self.fields["organisation"].empty_label = None
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"

    def clean_organisation(self):
        organisation = self.cleaned_data["organisation"]
        if organisation is not None and isinstance(
            self.fields["organisation"], OrganisationNameField
        ):
            # Show the organisation's name in the box, also when a link gave its number.
            self.data = self.data.copy()
            self.data["organisation"] = organisation.name
        return organisation

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
