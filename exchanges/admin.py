"""The secretariat's pages for exchanges: figures checked like the members' form,
completion and cancellation through the services; and on matchmaking's page for a
match, the exchange an accepted match leads to (exchanges sits above matchmaking,
so the button and the action are added here)."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.admin_decisions import Decision
from core.history_admin import SimpleHistoryAdmin
from core.refusals import REFUSALS, refusal_text
from matchmaking import admin as matchmaking_admin
from matchmaking.models import Match, MatchStatus
from matchmaking.services import MatchError

from .models import (
    Exchange,
    ExchangeFeedback,
    ExchangeOrganisation,
    ExchangeParticipants,
    ProgrammeItem,
)
from .services import (
    exchange_cancel,
    exchange_complete,
    exchange_create_from_match,
    validate_exchange_figures,
)


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

    @admin.action(
        description=_("Mark completed (needs the figures; starts the case study)"),
        permissions=["change"],
    )
    def complete_exchanges(self, request, queryset):
        self._run(request, queryset, exchange_complete, _("%(n)s exchange(s) completed."))

    @admin.action(description=_("Mark cancelled"), permissions=["change"])
    def cancel_exchanges(self, request, queryset):
        self._run(request, queryset, exchange_cancel, _("%(n)s exchange(s) cancelled."))


CREATE_EXCHANGE = Decision(
    name="create-exchange",
    label=_("Create the exchange"),
    run=lambda m, by, reason: exchange_create_from_match(match=m, by=by),
    applies=lambda m: m.status == MatchStatus.ACCEPTED and matchmaking_admin.without_exchange(m),
    done=_("Exchange “%(result)s” created."),
    next_page=lambda exchange: reverse("admin:exchanges_exchange_change", args=[exchange.pk]),
)

# Matchmaking's page for a match, with the exchange's button first as before.
admin.site.unregister(Match)


@admin.register(Match)
class MatchAdmin(matchmaking_admin.MatchAdmin):
    actions = ["create_exchanges"]
    decisions = [CREATE_EXCHANGE, *matchmaking_admin.MATCH_DECISIONS]

    @admin.action(
        description=_("Create the exchange from the accepted match"), permissions=["change"]
    )
    def create_exchanges(self, request, queryset):
        for match in queryset:
            self._create_exchange(request, match)

    def _create_exchange(self, request, match):
        try:
            exchange = exchange_create_from_match(match=match, by=request.user)
        except MatchError as exc:
            self.message_user(request, f"{match}: {exc}", messages.ERROR)
            return None
        self.message_user(
            request,
            gettext("Exchange “%(title)s” created.") % {"title": exchange.title},
            messages.SUCCESS,
        )
        return exchange
