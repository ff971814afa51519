"""The secretariat's pages for exchanges: figures checked like the members' form,
completion and cancellation through the services."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.refusals import REFUSALS, refusal_text

from .models import (
    Exchange,
    ExchangeFeedback,
    ExchangeOrganisation,
    ExchangeParticipants,
    ProgrammeItem,
)
from .services import exchange_cancel, exchange_complete, validate_exchange_figures


class ExchangeOrganisationInline(admin.TabularInline):
    model = ExchangeOrganisation
    extra = 0
    autocomplete_fields = ["organisation"]


class FiguresFormSet(BaseInlineFormSet):
    """The figures by target group, checked with the exchange's totals by the same
    function as the members' form. Django validates the inlines after the main
    form, so `self.instance` already holds the totals being saved."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        exchange = self.instance
        counts = {
            form.cleaned_data["target_group"]: form.cleaned_data.get("count") or 0
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        }
        if exchange.participants_total is None and not counts:
            return
        try:
            validate_exchange_figures(
                participants_total=exchange.participants_total,
                fewer_opportunities=exchange.fewer_opportunities,
                staff=exchange.staff,
                learners=exchange.learners,
                counts=counts,
            )
        except ValidationError as error:
            raise ValidationError(
                [f"{message}" for messages in error.message_dict.values() for message in messages]
            ) from None


class ExchangeParticipantsInline(admin.TabularInline):
    model = ExchangeParticipants
    formset = FiguresFormSet
    extra = 0


class ProgrammeInline(admin.TabularInline):
    model = ProgrammeItem
    extra = 0


class ExchangeFeedbackInline(admin.TabularInline):
    model = ExchangeFeedback
    extra = 0
    fields = ["organisation", "match_fit", "work_again", "to_improve", "given_by", "created_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Exchange)
class ExchangeAdmin(SimpleHistoryAdmin):
    # Few columns, so that the list fits 1280 px; the figures are on the change page.
    list_display = ["title", "city", "country", "start_date", "participants_total", "status"]
    list_filter = ["status", "format", "country", "themes"]
    list_select_related = ["format"]
    search_fields = ["title", "city", "parties__organisation__name"]
    date_hierarchy = "start_date"
    filter_horizontal = ["themes"]
    raw_id_fields = ["match"]
    # The status moves only through the actions, which check the figures.
    readonly_fields = ["status"]
    fieldsets = [
        (None, {"fields": ["title", "match", "status", "format", "themes"]}),
        (_("When and where"), {"fields": ["start_date", "end_date", "city", "country"]}),
        (
            _("Figures"),
            {
                "fields": [
                    "participants_total",
                    "staff",
                    "learners",
                    "fewer_opportunities",
                    "outcomes",
                ]
            },
        ),
    ]
    inlines = [
        ExchangeOrganisationInline,
        ExchangeParticipantsInline,
        ProgrammeInline,
        ExchangeFeedbackInline,
    ]
    actions = ["complete_exchanges", "cancel_exchanges"]

    def _run(self, request, queryset, service, done):
        changed, refused = 0, []
        for exchange in queryset:
            try:
                service(exchange=exchange, by=request.user)
                changed += 1
            except REFUSALS as error:
                refused.append(f"{exchange}: {refusal_text(error)}")
        if changed:
            self.message_user(request, done % {"n": changed}, messages.SUCCESS)
        for line in refused:
            self.message_user(request, line, messages.ERROR)

    @admin.action(description=_("Mark completed (needs the figures; starts the case study)"))
    def complete_exchanges(self, request, queryset):
        self._run(request, queryset, exchange_complete, _("%(n)s exchange(s) completed."))

    @admin.action(description=_("Mark cancelled"))
    def cancel_exchanges(self, request, queryset):
        self._run(request, queryset, exchange_cancel, _("%(n)s exchange(s) cancelled."))
