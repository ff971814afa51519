"""The listing form is the one place that says what a valid request or offer is:
the web pages and the import command both validate through it."""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinLengthValidator,
    MinValueValidator,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import written_in_field
from core.widgets import CountryCheckboxes, TermPicker
from taxonomy.forms import TermMultipleChoiceField
from taxonomy.models import Format, Language, TargetGroup, Theme

from .models import (
    MAX_PARTICIPANTS,
    ROLE_WORDS,
    SAVED_SEARCH_QUERY_MAX_LENGTH,
    ExpressionOfInterest,
    Listing,
    ListingKind,
    SavedSearch,
)

DESCRIPTION_MIN = 50
DESCRIPTION_MAX = 5000
MAX_EXPIRY_DAYS = 365
# A mobility is planned a few years ahead at most: a window reaching year 9999 or
# starting in year 1 is a typo or a forged value, not a plan.
MAX_WINDOW_DAYS = 2 * 366
MAX_WINDOW_AHEAD_DAYS = 5 * 366


def default_expiry(latest_end: datetime.date, today: datetime.date) -> datetime.date:
    """The end of the window, but never more than 12 months away."""
    return min(latest_end, today + datetime.timedelta(days=MAX_EXPIRY_DAYS))


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _terms(model, label, to_field="slug"):
    return TermMultipleChoiceField(
        label=label,
        queryset=model.objects.filter(active=True) if to_field == "slug" else model.objects.all(),
        to_field_name=to_field,
        # Dozens of terms: a compact box with a filter, not 67 checkboxes in a row.
        widget=TermPicker,
    )


class ListingForm(forms.ModelForm):
    themes = _terms(Theme, _("Themes"))
    formats = _terms(Format, _("Formats"))
    target_groups = _terms(TargetGroup, _("Target groups"))
    languages = _terms(Language, _("Working languages"), to_field="code")
    participants = forms.IntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PARTICIPANTS)]
    )
    duration_days = forms.IntegerField(validators=[MinValueValidator(1)])
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        validators=[MinLengthValidator(DESCRIPTION_MIN), MaxLengthValidator(DESCRIPTION_MAX)],
        help_text=_("Between %(min)s and %(max)s characters.")
        % {"min": DESCRIPTION_MIN, "max": DESCRIPTION_MAX},
    )

    language = written_in_field(_("The language of the title and description, so readers see it."))

    class Meta:
        model = Listing
        fields = [
            "title",
            "themes",
            "formats",
            "target_groups",
            "role",
            "earliest_start",
            "latest_end",
            "duration_days",
            "participants",
            "languages",
            "preferred_countries",
            "fewer_opportunities_support",
            "funding",
            "description",
            "language",
            "contact",
            "expires_on",
        ]
        widgets = {
            "earliest_start": DateInput(),
            "latest_end": DateInput(),
            "expires_on": DateInput(),
            "fewer_opportunities_support": forms.Textarea(attrs={"rows": 3}),
            # Boxes ticked one by one, the partnership's countries first: a <select
            # multiple> needed Ctrl-click and listed all 250 countries.
            "preferred_countries": CountryCheckboxes,
        }
        error_messages = {
            "themes": {"required": _("Choose at least one theme.")},
            "formats": {"required": _("Choose at least one format.")},
        }

    def __init__(
        self,
        *args,
        organisation,
        kind,
        require_contact=True,
        contact_by_email=False,
        today=None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.today = today or timezone.localdate()
        self.fields["themes"].error_messages["required"] = _("Choose at least one theme.")
        self.fields["formats"].error_messages["required"] = _("Choose at least one format.")
        self.fields["target_groups"].required = False
        self.fields["languages"].required = False
        self.fields["participants"].label = (
            _("Number of participants") if kind == ListingKind.REQUEST else _("Capacity")
        )
        self.fields["participants"].help_text = _("At most %(max)s.") % {"max": MAX_PARTICIPANTS}
        words = ROLE_WORDS[kind]
        role = self.fields["role"]
        role.label, role.help_text = words["question"], words["help"]
        role.choices = [("", "---------"), *words["choices"].items()]
        self.fields["duration_days"].label = _("Duration in days")
        self.fields["description"].label = _("Description")
        contact = self.fields["contact"]
        contact.queryset = (
            get_user_model().objects.filter(memberships__organisation=organisation, is_active=True)
            if organisation
            else get_user_model().objects.none()
        )
        contact.required = require_contact
        contact.error_messages["invalid_choice"] = _(
            "Choose a colleague of your organisation as the contact person."
        )
        self.fields["preferred_countries"].help_text = _("Optional. Tick as many as you like.")
        self.fields["expires_on"].required = False
        self.fields["expires_on"].help_text = _(
            "Leave empty for the end of the window. At most 12 months away."
        )
        if contact_by_email:  # imports name the colleague by email address
            contact.to_field_name = "email"

    def clean(self):
        data = super().clean()
        start, end = data.get("earliest_start"), data.get("latest_end")
        if start and end:
            if end < start:
                self.add_error("latest_end", _("The window must end after it starts."))
            elif end < self.today:
                self.add_error("latest_end", _("The window is in the past."))
            elif end > self.today + datetime.timedelta(days=MAX_WINDOW_AHEAD_DAYS):
                self.add_error("latest_end", _("The window ends at most five years from today."))
            elif (end - start).days >= MAX_WINDOW_DAYS:
                self.add_error("latest_end", _("A window is at most two years long."))
            else:
                self._check_duration(data, (end - start).days + 1)
        self._check_expiry(data)
        return data

    def _check_duration(self, data, window_days):
        duration = data.get("duration_days")
        if not duration:
            return
        if duration > window_days:
            self.add_error(
                "duration_days",
                _("The duration (%(days)s days) does not fit in the window (%(window)s days).")
                % {"days": duration, "window": window_days},
            )
            return
        for fmt in data.get("formats") or []:
            if not fmt.min_days <= duration <= fmt.max_days:
                self.add_error(
                    "duration_days",
                    _("A %(format)s lasts between %(min)s and %(max)s days.")
                    % {"format": fmt.name, "min": fmt.min_days, "max": fmt.max_days},
                )

    def _check_expiry(self, data):
        expires = data.get("expires_on")
        latest = self.today + datetime.timedelta(days=MAX_EXPIRY_DAYS)
        if expires is None:
            if data.get("latest_end") and "latest_end" not in self.errors:
                data["expires_on"] = default_expiry(data["latest_end"], self.today)
            return
        if expires < self.today:
            self.add_error("expires_on", _("The expiry date is in the past."))
        elif expires > latest:
            self.add_error("expires_on", _("The expiry date is at most 12 months away."))


class InterestForm(forms.ModelForm):
    class Meta:
        model = ExpressionOfInterest
        fields = ["role", "what_we_bring", "who_takes_part", "when", "message"]
        widgets = {
            "what_we_bring": forms.Textarea(attrs={"rows": 3}),
            "who_takes_part": forms.Textarea(attrs={"rows": 3}),
            "message": forms.Textarea(attrs={"rows": 3}),
        }


class InterestSettingsForm(forms.ModelForm):
    class Meta:
        model = Listing
        fields = ["interest_cap", "interest_closed"]

    interest_cap = forms.IntegerField(
        label=_("Maximum expressions of interest"),
        required=False,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no limit."),
    )


class SavedSearchForm(forms.ModelForm):
    # The browse page's query string. A form field, so that a NUL character or an
    # absurd length is refused with a message instead of being stored.
    query = forms.CharField(
        required=False, max_length=SAVED_SEARCH_QUERY_MAX_LENGTH, widget=forms.HiddenInput
    )

    class Meta:
        model = SavedSearch
        fields = ["name", "notify", "query"]
