"""The secretariat's matchmaking workplace: find partners for a request, confirm
the match, follow the answers. What waits is on the desk (the admin's home,
desk/). Creating the exchange of an accepted match is added by exchanges.admin,
which sits above matchmaking."""

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.template.defaultfilters import floatformat
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.admin_decisions import REQUIRED, Decision, DecisionsMixin, staff_only
from core.history_admin import SimpleHistoryAdmin

from .calibration import proposal_accept, proposal_reject
from .curation import curate_view
from .models import (
    DEFAULT_WEIGHTS,
    MATCH_LIVE,
    SIGNAL_LABELS,
    Answer,
    Match,
    MatchDecision,
    MatchingWeights,
    MatchParty,
    WeightsProposal,
)
from .reasons import reasons_text
from .services import match_cancel


class MatchPartyInline(admin.TabularInline):
    model = MatchParty
    extra = 0
    fields = [
        "organisation",
        "role",
        "listing",
        "score_display",
        "reasons_display",
        "answer",
        "answered_by",
        "answered_at",
        "decline_reason",
    ]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=MatchParty._meta.get_field("score").verbose_name)
    def score_display(self, obj):
        # One decimal, as the curation page ranks them (the raw float had fourteen).
        return None if obj.score is None else floatformat(obj.score, 1)

    @admin.display(description=gettext_lazy("reasons"))
    def reasons_display(self, obj):
        return format_html_join(
            "", "<div>{}</div>", ((r,) for r in reasons_text(obj.reasons, figures=True))
        )


def _what(h) -> str:
    if h.history_type == "+":
        return str(_("added"))
    return h.get_history_type_display()


def without_exchange(match) -> bool:
    # Through the reverse relation: exchanges sits above matchmaking.
    return not Match.objects.filter(pk=match.pk, exchange__isnull=False).exists()


MATCH_DECISIONS = [
    Decision(
        name="cancel",
        label=gettext_lazy("Cancel the match"),
        run=lambda m, by, reason: match_cancel(match=m, by=by, reason=reason),
        applies=lambda m: m.status in MATCH_LIVE and without_exchange(m),
        done=gettext_lazy("Match cancelled; the listings are open again."),
        reason=REQUIRED,
        reason_label=gettext_lazy("Why"),
        help=gettext_lazy("The listings open again, so that the request can be matched anew."),
    ),
]


@admin.register(Match)
class MatchAdmin(DecisionsMixin, SimpleHistoryAdmin):
    # Few columns, "Find partners" early: the list fits 1280 px without scrolling sideways.
    list_display = ["request", "find_partners", "organisation", "status", "answers", "confirmed_at"]
    list_filter = ["status"]
    list_select_related = ["request__organisation", "confirmed_by"]
    search_fields = ["request__reference", "request__title", "parties__organisation__name"]
    readonly_fields = [
        "request",
        "status",
        "message",
        "confirmed_by",
        "confirmed_at",
        "answered_at",
        "timeline",
    ]
    fields = readonly_fields
    inlines = [MatchPartyInline]
    change_list_template = "admin/matchmaking/match/change_list.html"
    change_form_template = "admin/matchmaking/match/change_form.html"
    decisions = MATCH_DECISIONS

    def has_add_permission(self, request):
        # Matches are confirmed from the "Find partners" page, through the service.
        return False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                accepted_count=Count("parties", filter=Q(parties__answer=Answer.ACCEPTED)),
                party_count=Count("parties"),
            )
        )

    @admin.display(description=gettext_lazy("requester"))
    def organisation(self, obj):
        return obj.request.organisation

    @admin.display(description=gettext_lazy("accepted"))
    def answers(self, obj):
        return f"{obj.accepted_count}/{obj.party_count}"

    @admin.display(description=gettext_lazy("partners"))
    def find_partners(self, obj):
        url = reverse("admin:matchmaking_match_curate", args=[obj.request_id])
        return format_html('<a href="{}">{}</a>', url, _("Find partners"))

    @admin.display(description=gettext_lazy("history"))
    def timeline(self, obj):
        names = dict(obj.parties.values_list("pk", "organisation__name"))
        rows = [(h, "") for h in obj.history.select_related("history_user")]
        rows += [
            (h, names.get(h.id, ""))
            for h in MatchParty.history.filter(match_id=obj.pk).select_related("history_user")
        ]
        rows.sort(key=lambda row: row[0].history_date)
        return format_html(
            "<table><tr><th>{}</th><th>{}</th><th>{}</th></tr>{}</table>",
            _("When"),
            _("Who"),
            _("What"),
            format_html_join(
                "",
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                (
                    (
                        timezone.localtime(h.history_date).strftime("%Y-%m-%d %H:%M"),
                        h.history_user or "-",
                        ": ".join(filter(None, [party, h.history_change_reason or _what(h)])),
                    )
                    for h, party in rows
                ),
            ),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Everything here changes through the services: no Save buttons.
        extra_context = {
            **(extra_context or {}),
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            # Confirming is a decision like the buttons: a member gets a 403.
            path(
                "curate/<int:request_pk>/",
                staff_only(self.admin_site, self.curate_view),
                name="matchmaking_match_curate",
            ),
            *super().get_urls(),
        ]

    def curate_view(self, request, request_pk):
        return curate_view(self, request, request_pk)


@admin.register(MatchingWeights)
class MatchingWeightsAdmin(SimpleHistoryAdmin):
    """One row: the changelist opens it directly."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        for name, default in DEFAULT_WEIGHTS.items():
            form.base_fields[name].help_text = _("Default: %(value)s") % {"value": default}
        return form

    def changelist_view(self, request, extra_context=None):
        weights, _created = MatchingWeights.objects.get_or_create(pk=1)
        return redirect("admin:matchmaking_matchingweights_change", weights.pk)


@admin.register(WeightsProposal)
class WeightsProposalAdmin(SimpleHistoryAdmin):
    """Weights fitted by `calibrate_matcher`: the secretariat reads the
    comparison and accepts or rejects them."""

    list_display = ["created_at", "status", "decisions", "decided_by", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["decided_by"]
    readonly_fields = ["created_at", "status", "decisions", "comparison", "evaluation_table"]
    fields = readonly_fields
    actions = ["accept", "reject"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("weights"))
    def comparison(self, obj):
        rows = (
            (SIGNAL_LABELS.get(name, name), obj.previous.get(name, 0.0), value)
            for name, value in obj.weights.items()
        )
        return format_html(
            "<table><tr><th>{}</th><th>{}</th><th>{}</th></tr>{}</table>",
            _("signal"),
            _("when proposed"),
            _("proposed"),
            format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", rows),
        )

    @admin.display(description=gettext_lazy("evaluation"))
    def evaluation_table(self, obj):
        rows = [
            (where, metric, before, found["after"].get(metric))
            for where, found in obj.evaluation.items()
            for metric, before in found["before"].items()
        ]
        return format_html(
            "<table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>{}</table>",
            _("on"),
            _("measure"),
            _("before"),
            _("after"),
            format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", rows),
        )

    @admin.action(description=gettext_lazy("Accept the proposed weights"), permissions=["change"])
    def accept(self, request, queryset):
        self._decide(request, queryset, proposal_accept, _("Weights accepted."))

    @admin.action(description=gettext_lazy("Reject the proposed weights"), permissions=["change"])
    def reject(self, request, queryset):
        self._decide(request, queryset, proposal_reject, _("Proposal rejected."))

    def _decide(self, request, queryset, service, done):
        if queryset.count() != 1:
            self.message_user(request, _("Choose one proposal."), messages.ERROR)
            return
        try:
            service(proposal=queryset.get(), by=request.user)
        except ValueError as exc:
            self.message_user(request, str(exc), messages.ERROR)
        else:
            self.message_user(request, done, messages.SUCCESS)


@admin.register(MatchDecision)
class MatchDecisionAdmin(admin.ModelAdmin):
    """What the matcher learns from: read only."""

    list_display = ["decided_at", "request", "listing", "decision", "position", "score"]
    list_filter = ["decision"]
    list_select_related = ["request", "listing"]
    readonly_fields = [
        "request",
        "listing",
        "match",
        "decision",
        "position",
        "score",
        "signals",
        "decided_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
