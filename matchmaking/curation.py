"""The secretariat's curation page for one request: the ranked candidates (those
that expressed interest first), filters, the group proposals, a preview of every
e-mail, and the confirmation.

What the page showed travels with it in a signed token: the listings and the
moment it was drawn. A preview or a confirmation names partners among those
listings only, and is refused when one of them (or the request) was edited after
the page was drawn, rather than acting on a list recomputed on submit that the
secretariat never saw.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.refusals import Refusal
from core.workflow import TransitionNotAllowed
from listings.models import Listing, ListingKind
from taxonomy.models import Format, Language
from taxonomy.selectors import sorted_by_name

from . import matcher, selectors
from .candidates import tag_ids
from .groups import proposals, reciprocal, rings
from .models import MATCH_LIVE
from .preview import match_preview
from .rankings import ranking_for
from .reasons import reasons_marked
from .services import AlreadyMatched, MatchError, match_confirm

CURATE_LIMIT = 20
# Reasons shown in the row; the others one click away.
TOP_REASONS = 2
SHOWN_SALT = "matchmaking.curate.shown"
# A page left open longer than this is drawn again before anything is confirmed.
SHOWN_MAX_AGE = 60 * 60 * 12


class Refused(Refusal):
    """The preview or confirmation cannot go ahead; nothing changed."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Shown:
    request_id: int
    ids: frozenset
    at: datetime.datetime


def shown_token(request: Listing, ids, at: datetime.datetime) -> str:
    data = {"r": request.pk, "ids": sorted(ids), "at": at.isoformat()}
    return signing.dumps(data, salt=SHOWN_SALT, compress=True)


def read_shown(token: str, request: Listing) -> Shown:
    try:
        data = signing.loads(token or "", salt=SHOWN_SALT, max_age=SHOWN_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise Refused(
            _("This page was drawn too long ago: look at the candidates again."), 409
        ) from exc
    except signing.BadSignature as exc:
        raise Refused(_("This page is incomplete or was altered: open it again.")) from exc
    if data.get("r") != request.pk:
        raise Refused(_("These candidates were shown for another request: open it again."))
    return Shown(data["r"], frozenset(data["ids"]), datetime.datetime.fromisoformat(data["at"]))


def _posted(post) -> list[str]:
    """The values posted for the partners: a group's ids, or the ticked boxes."""
    raw = post["group"].split(",") if post.get("group") else post.getlist("partners")
    return [value.strip() for value in raw if value.strip()]


def _is_id(value: str) -> bool:
    # ASCII digits only: int() also reads "٣" and str.isdigit() also passes "²",
    # which int() then refuses.
    return value.isascii() and value.isdigit()


def chosen_ids(post, shown: Shown) -> list[int]:
    """The partners chosen, in order (a group's host first), among those shown."""
    raw = _posted(post)
    if not all(_is_id(value) for value in raw):
        raise Refused(_("Choose the partners among the candidates shown."))
    ids = list(dict.fromkeys(int(value) for value in raw))
    if not ids:
        raise Refused(_("Choose at least one partner."))
    if not set(ids) <= shown.ids:
        raise Refused(_("Choose the partners among the candidates shown."))
    return ids


def unchanged_partners(request: Listing, ids: list, shown: Shown) -> list:
    """The chosen listings, in order; refused when one of them or the request was
    edited after the page was drawn."""
    found = Listing.objects.select_related("organisation").in_bulk([request.pk, *ids])
    if any(pk not in found for pk in ids):
        raise Refused(_("A listing shown on this page no longer exists: look again."), 409)
    changed = sorted(x.reference for x in found.values() if x.updated_at > shown.at)
    if changed:
        raise Refused(
            _(
                "Someone else was faster: %(references)s changed after this page was shown. "
                "Look at the candidates again."
            )
            % {"references": ", ".join(changed)},
            409,
        )
    return [found[pk] for pk in ids]


class Filters(forms.Form):
    """Narrow the candidates by country, format and language (the page's GET)."""

    country = forms.ChoiceField(label=gettext_lazy("Country"), required=False)
    format = forms.TypedChoiceField(
        label=gettext_lazy("Format"), required=False, coerce=int, empty_value=None
    )
    language = forms.TypedChoiceField(
        label=gettext_lazy("Language"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, data, *, candidates):
        super().__init__(data)
        everyone = [("", _("All"))]
        countries = {c.organisation.country.code: c.organisation.country.name for c in candidates}
        self.fields["country"].choices = everyone + sorted(countries.items(), key=lambda x: x[1])
        for name, model in (("format", Format), ("language", Language)):
            ids = set().union(*(getattr(c.listing, f"{name}s_ids", set()) for c in candidates))
            # In the reader's language and its alphabetical order (not the database's).
            found = model.objects.filter(pk__in=ids).values_list("pk", "name")
            self.fields[name].choices = everyone + sorted_by_name(found, name=lambda row: row[1])

    def keeps(self, candidate) -> bool:
        wanted = self.cleaned_data if self.is_valid() else {}
        listing = candidate.listing
        if wanted.get("country") and candidate.organisation.country.code != wanted["country"]:
            return False
        if wanted.get("format") and wanted["format"] not in getattr(listing, "formats_ids", ()):
            return False
        language = wanted.get("language")
        return not language or language in getattr(listing, "languages_ids", ())


@dataclass
class Row:
    candidate: matcher.Candidate
    rank: int
    interested: bool
    reciprocal: bool
    top_reasons: list
    more_reasons: list
    # Left out by the filters: drawn hidden, so that a tick survives a filter.
    hidden: bool = False

    @property
    def listing(self):
        return self.candidate.listing


def _row(candidate, rank: int, interested: set, reciprocal_ids: set) -> Row:
    marked = reasons_marked(candidate.reasons, figures=True)
    # What speaks for the candidate first, then the neutral ones and the mismatches.
    marked.sort(key=lambda reason: reason[1] is not True)
    return Row(
        candidate=candidate,
        rank=rank,
        interested=candidate.organisation.pk in interested,
        reciprocal=candidate.listing.pk in reciprocal_ids,
        top_reasons=marked[:TOP_REASONS],
        more_reasons=marked[TOP_REASONS:],
    )


def _with_tags(ranked: list) -> list:
    """The candidates' formats and languages, for the filters: one query for all
    (a stored ranking brings the listings without them)."""
    found = tag_ids([c.listing.pk for c in ranked])
    for c in ranked:
        for name in ("formats", "languages"):
            setattr(c.listing, f"{name}_ids", found[name].get(c.listing.pk, set()))
    return ranked


def curation(request: Listing, query) -> dict:
    """What the page shows: rows (interest first, then the matcher's order),
    groups, rings, interests, the filters, and the token of what was shown."""
    # The stored ranking, computed in the background (matchmaking.rankings).
    ranked = _with_tags(ranking_for(request, limit=CURATE_LIMIT))
    interests = list(selectors.interests_for(request))
    interested = {i.organisation_id for i in interests}
    reciprocal_ids = {c.listing.pk for c in reciprocal(request, ranked)}
    filters = Filters(query or None, candidates=ranked)
    ordered = sorted(ranked, key=lambda c: c.organisation.pk not in interested)
    rows = [_row(c, ranked.index(c) + 1, interested, reciprocal_ids) for c in ordered]
    for row in rows:
        row.hidden = not filters.keeps(row.candidate)
    groups = proposals(request, ranked)
    shown = {row.listing.pk for row in rows} | {c.listing.pk for g in groups for c in g.members}
    return {
        "rows": rows,
        "groups": groups,
        "rings": rings(request, ranked),
        "interests": interests,
        "filters": filters,
        "filtered": any(row.hidden for row in rows),
        "all_hidden": bool(rows) and all(row.hidden for row in rows),
        "shown": shown_token(request, shown, timezone.now()),
        "live_match": request.matches.filter(status__in=MATCH_LIVE).first(),
    }


def curate_view(model_admin, http_request, request_pk: int):
    """GET: the page. POST action=preview: the page with the e-mails that would
    be sent. POST action=confirm: the match, then its page."""
    if not model_admin.has_view_permission(http_request):
        raise PermissionDenied
    listing = get_object_or_404(
        Listing.objects.select_related("organisation"), pk=request_pk, kind=ListingKind.REQUEST
    )
    extra, status = {}, 200
    if http_request.method == "POST":
        if not model_admin.has_change_permission(http_request):
            raise PermissionDenied
        try:
            done = _act(http_request, listing, extra)
        except Refused as refused:
            messages.error(http_request, str(refused))
            status = refused.status
        else:
            if done is not None:
                return done
    context = {
        **model_admin.admin_site.each_context(http_request),
        "opts": model_admin.model._meta,
        "title": _("Find partners for %(reference)s") % {"reference": listing.reference},
        "listing": listing,
        "message": http_request.POST.get("message", ""),
        "ticked": ticked(http_request.POST),
        **curation(listing, http_request.GET),
        **extra,
    }
    return TemplateResponse(
        http_request, "admin/matchmaking/match/curate.html", context, status=status
    )


def _act(http_request, listing: Listing, extra: dict):
    """Preview (fills `extra`, returns None) or confirm (returns the redirect)."""
    post = http_request.POST
    shown = read_shown(post.get("shown"), listing)
    ids = chosen_ids(post, shown)
    partners = unchanged_partners(listing, ids, shown)
    message = post.get("message", "").strip()
    arguments = {"request": listing, "partners": partners, "by": http_request.user}
    try:
        if post.get("action") == "confirm":
            match = match_confirm(**arguments, message=message)
            messages.success(http_request, _("Match confirmed; the parties are notified."))
            return redirect("admin:matchmaking_match_change", match.pk)
        extra["previews"] = match_preview(**arguments, message=message)
    except AlreadyMatched as exc:
        raise Refused(str(exc), 409) from exc
    except (MatchError, TransitionNotAllowed) as exc:
        raise Refused(str(exc)) from exc
    extra["chosen"] = partners
    # The confirmation carries what was shown when the partners were chosen.
    extra["confirm_shown"] = post["shown"]
    return None


def ticked(post) -> set:
    """The boxes to show ticked again after a preview or a refusal."""
    return {int(value) for value in _posted(post) if _is_id(value)}
