from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import AutocompleteMixin
from core.images import ReencodedImageFormField
from core.uploads import KeepUploadsMixin, KeptFileInput
from core.widgets import TermPicker
from taxonomy.forms import TermMultipleChoiceField
from taxonomy.models import Language, Theme

from .models import Organisation, Role, User
from .validators import validate_logo, validate_nuts_for_country

PROFILE_FIELDS = [
    "name",
    "kind",
    "country",
    "region",
    "city",
    "website",
    "oid",
    "description",
    "themes",
    "languages",
    "logo",
]


class OrganisationProfileForm(AutocompleteMixin, KeepUploadsMixin, forms.ModelForm):
    autocomplete = {
        "name": "organization",
        "country": "country",
        "city": "address-level2",
        "website": "url",
    }
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    # validate_logo explains a refused logo (SVG, size, pixels) before the image
    # is re-encoded and stored under a new name (core.images).
    logo = ReencodedImageFormField(
        checks=[validate_logo],
        label=_("Logo"),
        required=False,
        widget=KeptFileInput(attrs={"accept": "image/png,image/jpeg"}),
        help_text=_("PNG or JPEG, at most 1 MB and 2000 × 2000 pixels."),
    )
    # Dozens of terms each: a compact box with a filter, not a long column of boxes.
    themes = TermMultipleChoiceField(
        label=_("Themes of interest"),
        queryset=Theme.objects.filter(active=True),
        widget=TermPicker,
        required=False,
    )
    languages = TermMultipleChoiceField(
        label=_("Working languages"),
        queryset=Language.objects.all(),
        widget=TermPicker,
        required=False,
    )

    class Meta:
        model = Organisation
        fields = PROFILE_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def clean_oid(self):
        # Blank means "no OID": NULL, so that the unique constraint allows many.
        return (self.cleaned_data.get("oid") or "").strip().upper() or None

    def clean_region(self):
        return (self.cleaned_data.get("region") or "").strip().upper()

    def clean(self):
        cleaned = super().clean()
        region, country = cleaned.get("region"), cleaned.get("country")
        if region and country:
            try:
                validate_nuts_for_country(region, country)
            except ValidationError as error:
                self.add_error("region", error)
        return cleaned

    def profile_data(self) -> dict:
        data = {
            name: self.cleaned_data[name]
            for name in PROFILE_FIELDS
            if name not in ("themes", "languages") and name in self.fields
        }
        if "logo" in data:
            # ClearableFileInput says False for "remove the logo", None for "no file".
            data["logo"] = data["logo"] or ""
        return data


class ApplicationForm(OrganisationProfileForm):
    """No logo here: nothing a stranger sends is stored as a file before the
    secretariat approves the organisation; its coordinator adds the logo then."""

    logo = None
    autocomplete = OrganisationProfileForm.autocomplete | {
        "full_name": "name",
        "email": "email",
        "job_title": "organization-title",
    }
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    full_name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(label=_("Your email address"))
    job_title = forms.CharField(label=_("Your role in the organisation"), max_length=150)
    consent = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree that my details are kept to run "
            "the partnership."
        ),
        error_messages={"required": _("Please agree to the privacy notice to apply.")},
    )

    class Meta(OrganisationProfileForm.Meta):
        fields = [name for name in PROFILE_FIELDS if name != "logo"]

    def validate_unique(self):
        # A second application for a known organisation is flagged to the
        # secretariat by the service, not refused here.
        pass

    @property
    def is_robot(self) -> bool:
        """The honeypot: a person never sees the homepage field, a robot fills it."""
        return bool(self.cleaned_data.get("homepage"))

    def applicant_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("full_name", "email", "job_title")}


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Colleague's email address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.CONTACT)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class NewColleagueForm(AutocompleteMixin, forms.Form):
    """For a person invited who has no account yet."""

    autocomplete = {"full_name": "name", "password1": "new-password", "password2": "new-password"}

    full_name = forms.CharField(label=_("Your name"), max_length=150)
    password1 = forms.CharField(label=_("Choose a password"), widget=forms.PasswordInput)
    password2 = forms.CharField(label=_("The password again"), widget=forms.PasswordInput)

    def __init__(self, *args, email: str = "", **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            try:
                password_validation.validate_password(
                    p1, User(email=self.email, full_name=cleaned.get("full_name", ""))
                )
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class AccountForm(AutocompleteMixin, forms.ModelForm):
    autocomplete = {"full_name": "name", "job_title": "organization-title", "email": "email"}

    class Meta:
        model = User
        fields = [
            "full_name",
            "job_title",
            "email",
            "language",
        ]
        # Notification preferences have one page of their own
        # (notifications:preferences), the one every email links to.
        help_texts = {"email": _("A change takes effect once you open the link we send there.")}

    def clean_email(self):
        # Whether another account uses the address is not said here: anyone
        # signed in could learn who has an account (services.email_change_request).
        return self.cleaned_data["email"].strip().lower()

    def validate_unique(self):
        pass


class AccountDeleteForm(AutocompleteMixin, forms.Form):
    autocomplete = {"password": "current-password"}
    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput)

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("This is not your password."))
        return password


class EmailConfirmForm(AccountDeleteForm):
    """The password confirms that the owner of the account, not only the owner
    of the new mailbox, wants the change."""


class RejectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, sent to the applicant"), widget=forms.Textarea(attrs={"rows": 4})
    )
