"""Case-study pages: the public list, detail, print view and feed; the members' editor."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.pagecache import visitor_page_cached
from core.pagination import filtered_page
from core.refusals import refusal_text
from core.uploads import uploads_keep

from . import selectors, services
from .filters import CaseStudyFilter
from .forms import CaseStudyForm, case_study_formsets


@visitor_page_cached(params=[*CaseStudyFilter.base_filters, "page"])
def case_study_list(request):
    filterset = CaseStudyFilter(request.GET, queryset=selectors.published_case_studies())
    return render(request, "casestudies/list.html", filtered_page(request, filterset))


def _page_context(request, case_study):
    parties = list(case_study.exchange.parties.all())
    return {
        "case_study": case_study,
        "exchange": case_study.exchange,
        "hosts": [p for p in parties if p.role == "host"],
        # As in the Borås document: the senders first, then those who joined them.
        "senders": [p for p in parties if p.role == "sending"]
        + [p for p in parties if p.role == "participating"],
        "lessons": selectors.lessons_by_audience(case_study),
        "may_edit": rules.test_rule("casestudies.change_casestudy", request.user, case_study),
    }


@visitor_page_cached()
def case_study_detail(request, slug):
    case_study = selectors.case_study_for_viewer(slug=slug, user=request.user)
    context = _page_context(request, case_study)
    context["related"] = selectors.related_case_studies(case_study)
    return render(request, "casestudies/detail.html", context)


def case_study_print(request, slug):
    case_study = selectors.case_study_for_viewer(slug=slug, user=request.user)
    return render(request, "casestudies/print.html", _page_context(request, case_study))


@login_required
def case_study_edit(request, slug):
    case_study = selectors.case_study_for_viewer(slug=slug, user=request.user)
    if not rules.test_rule("casestudies.contribute", request.user, case_study):
        raise Http404
    if case_study.status not in services.MEMBER_EDITABLE:
        messages.info(request, _("This case study is published; the secretariat edits it."))
        return redirect(case_study)
    if not rules.test_rule("casestudies.change_casestudy", request.user, case_study):
        # A suspended organisation's people: they still read the draft.
        raise PermissionDenied(services.not_acting_refusal())
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = CaseStudyForm(data, files, instance=case_study)
    formsets = case_study_formsets(data, files, instance=case_study)
    # Every formset is validated (no short-circuit) so all errors show at once.
    valid = [form.is_valid(), *(f.is_valid() for f in formsets.values())]
    if request.method == "POST" and all(valid):
        try:
            case_study = services.case_study_save(
                case_study=case_study, by=request.user, form=form, formsets=formsets.values()
            )
        except ValidationError as error:
            messages.error(request, refusal_text(error))
            return redirect(case_study)
        messages.success(
            request,
            _("The draft is saved. The secretariat reviews and publishes it."),
        )
        return redirect("casestudies:edit", slug=case_study.slug)
    if request.method == "POST":
        uploads_keep(form, *formsets.values())
    return render(
        request,
        "casestudies/edit.html",
        {"case_study": case_study, "form": form, "formsets": formsets},
    )
