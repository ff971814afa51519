"""The secretariat's matchmaking workplace: find partners for a request, confirm
the match, follow the answers, create the exchange. What waits is on the desk
(the admin's home, desk/)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from core.workflow import TransitionNotAllowed
from listings.models import Listing, ListingKind

from . import selectors
from .calibration import proposal_accept, proposal_reject
from .groups import proposals, reciprocal, rings
from .models import (
    DEFAULT_WEIGHTS,
    SIGNAL_LABELS,
    Answer,
    Match,
    MatchDecision,
    MatchingWeights,
    MatchParty,
    MatchStatus,
    WeightsProposal,
)
from .rankings import ranking_for
from .reasons import reasons_marked, reasons_text
from .services import MatchError, exchange_create_from_match, match_cancel, match_confirm

CURATE_LIMIT = 20


class MatchPartyInline(admin.TabularInline):
    model = MatchParty
    extra = 0
    fields = [
        "organisation",
        "role",
        "listing",
        "score",
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

    @admin.display(description=gettext_lazy("reasons"))
    def reasons_display(self, obj):
        return format_html_join("", "<div>{}</div>", ((r,) for r in reasons_text(obj.reasons)))


class ConfirmForm(forms.Form):
    partners = forms.TypedMultipleChoiceField(
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Partners"),
        error_messages={"required": gettext_lazy("Choose at least one partner.")},
    )
    message = forms.CharField(
        label=gettext_lazy("Message to the parties"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
    )

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].choices = [(c.listing.pk, c.listing.reference) for c in candidates]


def _what(h) -> str:
    if h.history_type == "+":
        return str(_("added"))
    return h.get_history_type_display()


@admin.register(Match)
class MatchAdmin(SimpleHistoryAdmin):
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
    actions = ["create_exchanges"]
    change_list_template = "admin/matchmaking/match/change_list.html"
    change_form_template = "admin/matchmaking/match/change_form.html"

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

    @admin.action(description=gettext_lazy("Create the exchange from the accepted match"))
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
            _("Exchange “%(title)s” created.") % {"title": exchange.title},
            messages.SUCCESS,
        )
        return exchange

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "curate/<int:request_pk>/", view(self.curate_view), name="matchmaking_match_curate"
            ),
            path("<int:pk>/cancel/", view(self.cancel_view), name="matchmaking_match_cancel"),
            path(
                "<int:pk>/create-exchange/",
                view(self.create_exchange_view),
                name="matchmaking_match_create_exchange",
            ),
            *super().get_urls(),
        ]

    def curate_view(self, request, request_pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        listing = get_object_or_404(
            Listing.objects.select_related("organisation"),
            pk=request_pk,
            kind=ListingKind.REQUEST,
        )
        # The stored ranking, computed in the background (matchmaking.rankings).
        ranked = ranking_for(listing, limit=CURATE_LIMIT)
        groups = proposals(listing, ranked)
        data = request.POST.copy() if request.method == "POST" else None
        if data is not None and data.get("group"):
            # "Confirm this group": the group's members are the partners, host first.
            chosen = groups[int(data["group"]) - 1] if data["group"].isdigit() else None
            data.setlist("partners", [str(c.listing.pk) for c in chosen.members] if chosen else [])
        extra = [c for g in groups for c in g.members]
        form = ConfirmForm(data, candidates=[*ranked, *extra])
        if request.method == "POST":
            if not self.has_change_permission(request):
                raise PermissionDenied
            if form.is_valid():
                chosen = {pk: i for i, pk in enumerate(form.cleaned_data["partners"])}
                pool = {c.listing.pk: c.listing for c in [*ranked, *extra]}
                partners = [pool[pk] for pk in sorted(chosen, key=chosen.get)]
                try:
                    match = match_confirm(
                        request=listing,
                        partners=partners,
                        by=request.user,
                        message=form.cleaned_data["message"],
                    )
                except (MatchError, TransitionNotAllowed) as exc:
                    messages.error(request, str(exc))
                else:
                    messages.success(request, _("Match confirmed; the parties are notified."))
                    return redirect("admin:matchmaking_match_change", match.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Find partners for %(reference)s") % {"reference": listing.reference},
            "listing": listing,
            "candidates": [(c, reasons_marked(c.reasons)) for c in ranked],
            "groups": groups,
            "reciprocal": {c.listing.pk for c in reciprocal(listing, ranked)},
            "rings": rings(listing, ranked),
            "interests": selectors.interests_for(listing),
            "live_match": listing.matches.filter(
                status__in=[MatchStatus.CONFIRMED, MatchStatus.ACCEPTED]
            ).first(),
            "form": form,
        }
        return TemplateResponse(
            request,
            "admin/matchmaking/match/curate.html",
            context,
            status=400 if form.errors else 200,
        )

    def cancel_view(self, request, pk):
        if request.method != "POST" or not self.has_change_permission(request):
            raise PermissionDenied
        match = get_object_or_404(Match, pk=pk)
        try:
            match_cancel(match=match, by=request.user, reason=request.POST.get("reason", ""))
        except (MatchError, TransitionNotAllowed) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Match cancelled; the listings are open again."))
        return redirect("admin:matchmaking_match_change", pk)

    def create_exchange_view(self, request, pk):
        if request.method != "POST" or not self.has_change_permission(request):
            raise PermissionDenied
        match = get_object_or_404(Match, pk=pk)
        exchange = self._create_exchange(request, match)
        if exchange is None:
            return redirect("admin:matchmaking_match_change", pk)
        return redirect("admin:exchanges_exchange_change", exchange.pk)


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

    @admin.action(description=gettext_lazy("Accept the proposed weights"))
    def accept(self, request, queryset):
        self._decide(request, queryset, proposal_accept, _("Weights accepted."))

    @admin.action(description=gettext_lazy("Reject the proposed weights"))
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
