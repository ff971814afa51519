"""The member forms of an exchange: its figures and outcomes, and the feedback."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from taxonomy.models import TargetGroup

from .models import ExchangeFeedback
from .services import validate_exchange_figures


def reportable_target_groups():
    # "Fewer opportunities" cuts across the other groups: it has its own count.
    return TargetGroup.objects.filter(active=True, fewer_opportunities=False)


class ExchangeReportForm(forms.Form):
    """One count per target group, the total, fewer opportunities, staff and
    learners, and the outcomes in a few lines."""

    participants_total = forms.IntegerField(label=_("Participants in total"), min_value=0)
    staff = forms.IntegerField(label=_("of whom staff"), min_value=0)
    learners = forms.IntegerField(label=_("of whom learners"), min_value=0)
    fewer_opportunities = forms.IntegerField(
        label=_("of whom with fewer opportunities"),
        min_value=0,
        help_text=_(
            "Regulation (EU) 2021/817: disability, health, educational, cultural, social, "
            "economic or geographical barriers, or discrimination."
        ),
    )
    outcomes = forms.CharField(
        label=_("Outcomes"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("In a few lines: what came out of it, what happens next."),
    )

    def __init__(self, *args, exchange, **kwargs):
        self.exchange = exchange
        self.groups = list(reportable_target_groups())
        existing = {f.target_group_id: f.count for f in exchange.figures.all()}
        initial = kwargs.setdefault("initial", {})
        for name in ("participants_total", "staff", "learners", "fewer_opportunities"):
            initial.setdefault(name, getattr(exchange, name))
        initial.setdefault("outcomes", exchange.outcomes)
        super().__init__(*args, **kwargs)
        for group in self.groups:
            name = self.group_field(group)
            self.fields[name] = forms.IntegerField(label=group.name, min_value=0, required=False)
            self.initial.setdefault(name, existing.get(group.pk, 0))

    @staticmethod
    def group_field(group) -> str:
        return f"group_{group.pk}"

    def group_fields(self):
        return [self[self.group_field(g)] for g in self.groups]

    def other_fields(self):
        return [self[name] for name in self.fields if not name.startswith("group_")]

    def counts(self) -> dict:
        return {g: self.cleaned_data.get(self.group_field(g)) or 0 for g in self.groups}

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            validate_exchange_figures(
                participants_total=cleaned["participants_total"],
                fewer_opportunities=cleaned["fewer_opportunities"],
                staff=cleaned["staff"],
                learners=cleaned["learners"],
                counts=self.counts(),
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(None if field == "counts" else field, messages)
        return cleaned


class ExchangeFeedbackForm(forms.ModelForm):
    class Meta:
        model = ExchangeFeedback
        fields = ["match_fit", "work_again", "to_improve"]
        widgets = {
            "match_fit": forms.RadioSelect,
            "to_improve": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A rating is required: no "---------" choice among the radio buttons.
        field = self.fields["match_fit"]
        field.choices = [(value, label) for value, label in field.choices if value != ""]
