"""Behaviour shared by the apps' forms."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .language import language_choices


class AutocompleteMixin:
    """Fields about the person filling in the form say what they hold (WCAG 1.3.5),
    so that browsers and assistive tools can fill them in.

    `autocomplete` maps a field's name to its HTML token ("name", "email", …).
    """

    autocomplete: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, token in self.autocomplete.items():
            if name in self.fields:
                self.fields[name].widget.attrs["autocomplete"] = token


def written_in_field(help_text) -> forms.ChoiceField:
    """The language a text is written in (a listing, a case study): detected on
    saving when left empty, chosen when the detector was wrong (a short text, two
    languages in one)."""
    return forms.ChoiceField(
        label=_("Written in"),
        required=False,
        choices=lambda: [("", _("Detect from the text")), *language_choices()],
        help_text=help_text,
    )


class SignInForm(AuthenticationForm):
    """Django's sign-in form, whose refusal ("enter a correct email address and
    password") is form-wide: both fields are then marked invalid, so that a
    screen reader says so on each (WCAG 3.3.1)."""

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            for name in ("username", "password"):
                self.fields[name].widget.attrs["aria-invalid"] = "true"
            raise
