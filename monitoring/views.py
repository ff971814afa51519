"""The dashboard and its exports. Secretariat: every organisation; a coordinator:
their own organisation(s); anyone else signed in: 403; a visitor: sign in."""

import rules
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from . import exports
from .figures import kpis_now
from .forms import MonitoringFilterForm
from .selectors import FEWER_OPPORTUNITIES_TARGET, coordinated_organisations

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filters_for(request):
    """The filter form and the kpis_for arguments this person may ask for."""
    if not rules.test_rule("monitoring.view_dashboard", request.user):
        raise PermissionDenied
    organisations = coordinated_organisations(request.user)
    if organisations is not None:
        organisations = list(organisations)
    choices = None if organisations is None else coordinated_organisations(request.user)
    form = MonitoringFilterForm(request.GET or None, organisations=choices)
    invalid = form.is_bound and not form.is_valid()
    if invalid and organisations is not None and "organisation" in form.errors:
        # Another organisation's figures: do not reveal that it exists. (The
        # secretariat sees why a name found no organisation, beside the box.)
        raise Http404
    filters = form.filters() if form.is_bound else MonitoringFilterForm.empty_filters()
    if organisations is not None and filters["organisation"] is None:
        filters["organisation"] = organisations[0]
    return form, filters


@login_required
def dashboard(request):
    form, filters = _filters_for(request)
    kpis = kpis_now(**filters)
    share = kpis["participants"]["fewer_opportunities_share"] or 0
    context = {
        "progress": min(100, round(100 * share / FEWER_OPPORTUNITIES_TARGET)),
        "form": form,
        "kpis": kpis,
        "datasets": exports.datasets(kpis),
        "query": request.GET.urlencode(),
        "target": FEWER_OPPORTUNITIES_TARGET,
        "organisation": filters["organisation"],
    }
    return render(request, "monitoring/dashboard.html", context)


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def export_csv(request, dataset):
    _, filters = _filters_for(request)
    found = {d.slug: d for d in exports.datasets(kpis_now(**filters))}
    if dataset not in found:
        raise Http404
    return _download(
        exports.dataset_csv(found[dataset]), "text/csv; charset=utf-8", f"monitoring-{dataset}.csv"
    )


@login_required
def export_xlsx(request):
    _, filters = _filters_for(request)
    content = exports.datasets_xlsx(exports.datasets(kpis_now(**filters)))
    return _download(content, XLSX, "monitoring.xlsx")


@login_required
def pact_report(request):
    _, filters = _filters_for(request)
    content = exports.pact_report_xlsx(organisation=filters["organisation"])
    stamp = timezone.localdate().isoformat()
    return _download(content, XLSX, f"pact-for-skills-report-{stamp}.xlsx")
