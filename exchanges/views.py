"""Member pages of past exchanges: browse, detail, report the figures, give feedback."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.pagination import filtered_page, page_of
from core.refusals import REFUSALS, refusal_text

from . import selectors, services
from .filters import ExchangeFilter
from .forms import ExchangeFeedbackForm, ExchangeReportForm
from .models import ExchangeFeedback, ExchangeStatus


@login_required
def past_exchange_list(request):
    filterset = ExchangeFilter(request.GET, queryset=selectors.past_exchanges(user=request.user))
    return render(request, "exchanges/list.html", filtered_page(request, filterset))


@login_required
def my_exchanges(request):
    exchanges = selectors.exchanges_of(user=request.user)
    return render(request, "exchanges/mine.html", {"page_obj": page_of(request, exchanges)})


@login_required
def past_exchange_detail(request, pk):
    exchange = selectors.exchange_detail(pk=pk, user=request.user)
    memberships = selectors.party_memberships(user=request.user, exchange=exchange)
    given = set(
        ExchangeFeedback.objects.filter(
            exchange=exchange, organisation__in=[m.organisation for m in memberships]
        ).values_list("organisation_id", flat=True)
    )
    return render(
        request,
        "exchanges/detail.html",
        {
            "exchange": exchange,
            "memberships": memberships,
            "feedback_to_give": [(m.organisation, m.organisation_id in given) for m in memberships],
            "report_refusal": services.report_refusal(exchange=exchange),
            "case_study": selectors.case_study_of(exchange, party=bool(memberships)),
        },
    )


def _party_or_404(request, pk):
    """The exchange and the user's places in it; someone else's exchange is 404."""
    exchange = selectors.exchange_detail(pk=pk, user=request.user)
    memberships = selectors.party_memberships(user=request.user, exchange=exchange)
    if not memberships:
        raise Http404
    return exchange, memberships


@login_required
def exchange_report(request, pk):
    exchange, memberships = _party_or_404(request, pk)
    if not rules.test_rule("exchanges.report_exchange", request.user, exchange):
        raise PermissionDenied(_("Your organisation's coordinator reports the exchange."))
    refusal = services.report_refusal(exchange=exchange)
    if refusal and request.method != "POST":
        messages.error(request, refusal)
        return redirect(exchange)
    form = ExchangeReportForm(request.POST or None, exchange=exchange)
    if request.method == "POST" and form.is_valid():
        was_planned = exchange.status == ExchangeStatus.PLANNED
        try:
            exchange = services.exchange_figures_report(
                exchange=exchange,
                by=request.user,
                participants_total=form.cleaned_data["participants_total"],
                fewer_opportunities=form.cleaned_data["fewer_opportunities"],
                staff=form.cleaned_data["staff"],
                learners=form.cleaned_data["learners"],
                counts=form.counts(),
                outcomes=form.cleaned_data["outcomes"],
            )
        except REFUSALS as error:
            # Shown above the form, which keeps what was typed: nothing is lost.
            form.add_error(None, refusal_text(error))
            return render(request, "exchanges/report.html", {"exchange": exchange, "form": form})
        if was_planned:
            messages.success(
                request,
                _(
                    "Thank you: the exchange is completed and its case study is started. "
                    "Tell its story for the other members."
                ),
            )
        else:
            messages.success(request, _("The figures are saved."))
        return redirect(exchange)
    return render(request, "exchanges/report.html", {"exchange": exchange, "form": form})


@login_required
def exchange_feedback(request, pk, organisation):
    exchange, memberships = _party_or_404(request, pk)
    membership = next((m for m in memberships if m.organisation.slug == organisation), None)
    if membership is None:
        raise Http404
    if not rules.test_rule("exchanges.give_feedback", request.user, membership.organisation):
        # A suspended organisation's people: they still read the exchange.
        raise PermissionDenied(services.feedback_refusal(organisation=membership.organisation))
    if exchange.status != ExchangeStatus.COMPLETED:
        messages.error(request, _("Feedback is given once the exchange has taken place."))
        return redirect(exchange)
    existing = ExchangeFeedback.objects.filter(
        exchange=exchange, organisation=membership.organisation
    ).first()
    form = ExchangeFeedbackForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        services.exchange_feedback_give(
            exchange=exchange,
            organisation=membership.organisation,
            by=request.user,
            match_fit=form.cleaned_data["match_fit"],
            work_again=form.cleaned_data["work_again"],
            to_improve=form.cleaned_data["to_improve"],
        )
        messages.success(request, _("Thank you for your feedback."))
        return redirect(exchange)
    return render(
        request,
        "exchanges/feedback.html",
        {"exchange": exchange, "organisation": membership.organisation, "form": form},
    )
