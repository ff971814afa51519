from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from listings.models import Listing

from .selectors import BRINGABLE


class RegistrationForm(forms.Form):
    people = forms.ModelMultipleChoiceField(
        label=_("Who will come"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    listings = forms.ModelMultipleChoiceField(
        label=_("Requests and offers you bring"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The matcher proposes whom to meet from these."),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = get_user_model().objects.filter(
            memberships__organisation=organisation, is_active=True
        )
        self.fields["listings"].queryset = Listing.objects.filter(
            organisation=organisation, status__in=BRINGABLE
        )
