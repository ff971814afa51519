"""The member area's "My matches": see each match and answer it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.pagination import filtered_page
from core.workflow import TransitionNotAllowed
from members.models import Role

from .filters import MatchFilter
from .forms import AnswerForm
from .models import Answer
from .reasons import reasons_marked
from .selectors import match_for_user, matches_for_user
from .services import MatchError, match_answer


@login_required
def match_list(request):
    filtered = MatchFilter(request.GET, queryset=matches_for_user(request.user))
    return render(request, "matchmaking/match_list.html", filtered_page(request, filtered))


def answerable(user, match):
    """The parties this user may answer for: as a coordinator of the party's
    organisation, or as the contact person of its listing."""
    roles = dict(user.memberships.values_list("organisation_id", "role"))
    return [
        p
        for p in match.parties.all()
        if p.answer == Answer.PENDING
        and (
            roles.get(p.organisation_id) == Role.COORDINATOR
            or (p.listing is not None and p.listing.contact_id == user.pk)
        )
    ]


def _detail(request, match, form=None):
    # Reasons say "you" to the reader's organisations.
    mine = list(request.user.memberships.values_list("organisation_id", flat=True))
    parties = [(p, reasons_marked(p.reasons, readers=mine)) for p in match.parties.all()]
    mine = answerable(request.user, match)
    return render(
        request,
        "matchmaking/match_detail.html",
        {
            "match": match,
            "parties": parties,
            "answerable": mine,
            "form": form or AnswerForm(parties=mine),
        },
        status=400 if form is not None else 200,
    )


@login_required
def match_detail(request, pk):
    return _detail(request, match_for_user(request.user, pk))


@login_required
@require_POST
def match_answer_view(request, pk):
    match = match_for_user(request.user, pk)
    mine = answerable(request.user, match)
    if not mine:
        # A member of a party organisation without the role to answer for it.
        raise PermissionDenied(_("Only a coordinator or the contact person can answer."))
    form = AnswerForm(request.POST, parties=mine)
    if not form.is_valid():
        return _detail(request, match, form)
    party = next(p for p in mine if p.pk == form.cleaned_data["party"])
    try:
        match_answer(
            party=party,
            answer=form.cleaned_data["answer"],
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
    except (MatchError, TransitionNotAllowed) as exc:
        messages.error(request, str(exc))
        return redirect("matchmaking:detail", pk=match.pk)
    if form.cleaned_data["answer"] == Answer.ACCEPTED:
        messages.success(request, _("You accepted the match. The partners have your answer."))
    else:
        messages.success(request, _("You declined the match. The secretariat is informed."))
    return redirect("matchmaking:detail", pk=match.pk)
