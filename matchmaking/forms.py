from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Answer


class AnswerForm(forms.Form):
    """Accept, or decline with a reason, for one party the user speaks for."""

    party = forms.TypedChoiceField(coerce=int, widget=forms.HiddenInput)
    answer = forms.ChoiceField(
        choices=[(Answer.ACCEPTED, _("Accept")), (Answer.DECLINED, _("Decline"))],
        widget=forms.HiddenInput,
    )
    reason = forms.CharField(
        label=_("Reason for declining"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to decline: the secretariat reads it to find a better partner."),
    )

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [(p.pk, str(p.organisation)) for p in parties]

    def clean(self):
        data = super().clean()
        if data.get("answer") == Answer.DECLINED and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Tell the others why you decline."))
        return data
