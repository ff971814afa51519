"""The member area's "My matches": see each match and answer it."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.pagination import filtered_page
from core.refusals import REFUSALS, refusal_text

from .filters import MatchFilter
from .forms import AnswerForm
from .models import Answer, Match, MatchStatus
from .reasons import reasons_marked
from .selectors import match_for_user, matches_for_user
from .services import match_answer


@login_required
def match_list(request):
    filtered = MatchFilter(request.GET, queryset=matches_for_user(request.user))
    return render(request, "matchmaking/match_list.html", filtered_page(request, filtered))


def answerable(user, match):
    """The parties that wait for an answer and that this user may answer for."""
    return [
        p
        for p in match.parties.all()
        if p.answer == Answer.PENDING and rules.test_rule("matchmaking.answer_for_party", user, p)
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


def _answerable_or_403(request, match):
    mine = answerable(request.user, match)
    if not mine:
        # A member of a party organisation without the role to answer for it.
        raise PermissionDenied(_("Only a coordinator or the contact person can answer."))
    return mine


def _answer(request, match, form, mine):
    """Record a valid answer and say what really happened, or why not."""
    party = next(p for p in mine if p.pk == form.cleaned_data["party"])
    try:
        match_answer(
            party=party,
            answer=form.cleaned_data["answer"],
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
    except REFUSALS as exc:
        messages.error(request, refusal_text(exc))
        return redirect("matchmaking:detail", pk=match.pk)
    messages.success(request, answered_message(match_id=match.pk, answer=party.answer))
    return redirect("matchmaking:detail", pk=match.pk)


def answered_message(*, match_id: int, answer: str) -> str:
    match = Match.objects.get(pk=match_id)
    if answer == Answer.DECLINED:
        return _(
            "You declined the match. The secretariat and the other partners are told, "
            "with your reason; your listing is open again."
        )
    if match.status == MatchStatus.ACCEPTED:
        return _(
            "You accepted, and so has everyone: the match is agreed. Every partner and "
            "the secretariat have an email with the next steps; the secretariat now "
            "plans the exchange with you."
        )
    waiting = match.parties.filter(answer=Answer.PENDING).count()
    return ngettext(
        "You accepted the match. %(count)d partner has still to answer; "
        "everyone hears when all have accepted.",
        "You accepted the match. %(count)d partners have still to answer; "
        "everyone hears when all have accepted.",
        waiting,
    ) % {"count": waiting}


@login_required
@require_POST
def match_answer_view(request, pk):
    if request.POST.get("answer") == Answer.DECLINED:
        return match_decline(request, pk)  # its page explains a missing reason
    match = match_for_user(request.user, pk)
    mine = _answerable_or_403(request, match)
    form = AnswerForm(request.POST, parties=mine)
    if not form.is_valid():
        return _detail(request, match, form)
    return _answer(request, match, form, mine)


@login_required
def match_decline(request, pk):
    """Declining ends the match for everyone: it asks on a page of its own, with
    the reason the others will read."""
    match = match_for_user(request.user, pk)
    mine = _answerable_or_403(request, match)
    data = request.POST if request.method == "POST" else None
    party_id = (data or request.GET).get("party") or mine[0].pk
    form = AnswerForm(data, parties=mine, initial={"party": party_id, "answer": Answer.DECLINED})
    if data is not None and form.is_valid() and form.cleaned_data["answer"] == Answer.DECLINED:
        return _answer(request, match, form, mine)
    party = next((p for p in mine if str(p.pk) == str(party_id)), None)
    if party is None:
        raise Http404
    return render(
        request,
        "matchmaking/match_decline.html",
        {"match": match, "party": party, "form": form},
        status=400 if data is not None else 200,
    )
