"""Writes: confirming a match, answering it, cancelling it (the exchange an
accepted match leads to is created by exchanges.services).

The admin views, the member views and the commands all call these functions.
Each is one transaction: the match, the parties, the listings' statuses and the
notifications are saved together or not at all.
"""

import numpy as np
from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from core.refusals import Refusal
from core.workflow import StaleState, change_status, change_status_of_locked, history_reason
from embeddings.selectors import listing_vectors
from listings.models import Listing, ListingRole, ListingStatus
from notifications.emails import absolute_url
from notifications.services import notification_record, notifications_record, notify_secretariat

from .calibration import (
    LEFT_OUT_RECORDED,
    decision_record_declined,
    decisions_record_confirmed,
)
from .candidates import listed, with_tags
from .matcher import rank
from .models import (
    MATCH_LIVE,
    Answer,
    Match,
    MatchParty,
    MatchStatus,
    PartyRole,
)
from .rankings import ranking_stored
from .reasons import as_reasons
from .selectors import contacts_by_party, party_contacts
from .signals import Context, score

# django-simple-history keeps a change reason of at most 100 characters.


class MatchError(Refusal):
    """A rule refused the change; the message says why, in the user's words."""


class AlreadyMatched(MatchError, StaleState):
    """Someone else confirmed a match for this request first."""


def _already_matched(request: Listing) -> AlreadyMatched:
    live = (
        Match.objects.filter(request=request, status__in=MATCH_LIVE)
        .select_related("confirmed_by")
        .first()
    )
    if live is None:
        return AlreadyMatched(_("Someone else was faster: this request already has a match."))
    return AlreadyMatched(
        _(
            "Someone else was faster: %(who)s confirmed a match for this request at "
            "%(when)s. Open it to see the partners."
        )
        % {
            "who": live.confirmed_by or _("another member of the secretariat"),
            "when": timezone.localtime(live.confirmed_at).strftime("%H:%M:%S"),
        }
    )


def _partner_roles(request: Listing, partners: list) -> list:
    """The first partner able to host hosts (when the request does not); the others take part."""
    roles, host_taken = [], request.role == ListingRole.HOST
    for listing in partners:
        if not host_taken and listing.role in (ListingRole.HOST, ListingRole.EITHER):
            roles.append(PartyRole.HOST)
            host_taken = True
        else:
            roles.append(PartyRole.PARTICIPANT)
    return roles


def match_confirm(*, request: Listing, partners: list, by, message: str = "") -> Match:
    """Pair a request with one or more partners' listings and tell every party."""
    if not partners:
        raise MatchError(_("Choose at least one partner."))
    try:
        with transaction.atomic():
            listings = _lock_in_order([request.pk, *(p.pk for p in partners)])
            locked = listings[request.pk]
            if Match.objects.filter(request=locked, status__in=MATCH_LIVE).exists():
                raise _already_matched(locked)
            if locked.status != ListingStatus.OPEN:
                raise _not_open(
                    locked,
                    _("This request is %(status)s: only an open request can be matched."),
                )
            if any(p.pk not in listings for p in partners):
                raise MatchError(_("A partner's listing no longer exists. Look again."))
            match = _create_match(locked, [listings[p.pk] for p in partners], by, message)
    except (IntegrityError, OperationalError) as exc:
        # The partial unique constraint (without row locks, on SQLite), or a lock
        # the database gave up on: either way another confirmation won.
        if isinstance(exc, OperationalError) and not is_conflict(exc):
            raise
        raise _conflict(request) from exc
    request.status = ListingStatus.MATCHED
    return match


def _lock_in_order(ids: list) -> dict:
    """Lock the request and its partners in one statement, in primary-key order.

    Two people confirming X with Y and Y with X at the same moment would each
    hold one row and wait for the other's (a deadlock) if each locked its own
    request first; in a fixed order the second simply waits, then sees the match.
    """
    # One read for everything the confirmation needs of them (organisation,
    # contact person); only the listings' own rows are locked.
    locked = (
        Listing.objects.select_for_update(of=("self",))
        .select_related("organisation", "contact")
        .filter(pk__in=ids)
        .order_by("pk")
    )
    return {listing.pk: listing for listing in locked}


# PostgreSQL's codes for "another transaction got in the way": deadlock,
# serialisation failure, lock not available.
CONFLICT_CODES = {"40P01", "40001", "55P03"}


def is_conflict(exc: Exception) -> bool:
    cause = exc.__cause__
    if getattr(cause, "pgcode", None) in CONFLICT_CODES:
        return True
    return "database is locked" in str(exc)  # SQLite's busy writer


def _not_open(listing: Listing, refusal: str) -> MatchError:
    """A listing matched meanwhile is a colleague's doing; any other state is a rule."""
    if listing.status == ListingStatus.MATCHED:
        return AlreadyMatched(
            _("Someone else was faster: %(reference)s was matched meanwhile.")
            % {"reference": listing.reference}
        )
    return MatchError(
        refusal % {"reference": listing.reference, "status": listing.get_status_display()}
    )


def _conflict(request: Listing) -> AlreadyMatched:
    if Match.objects.filter(request=request, status__in=MATCH_LIVE).exists():
        return _already_matched(request)
    return AlreadyMatched(
        _(
            "Someone else was faster: one of these listings changed while you confirmed. "
            "Look at the candidates again."
        )
    )


def _create_match(request: Listing, partners: list, by, message: str) -> Match:
    listings = {p.pk: p for p in partners}
    ids = list(listings)
    if len(ids) != len(partners):
        raise MatchError(_("Each partner must be a different organisation from the others."))
    organisations = [listings[pk].organisation_id for pk in ids]
    if request.organisation_id in organisations or len(set(organisations)) != len(organisations):
        raise MatchError(_("Each partner must be a different organisation from the others."))
    for listing in listings.values():
        if listing.status != ListingStatus.OPEN:
            raise _not_open(
                listing, _("%(reference)s is %(status)s: only open listings can be matched.")
            )
    for listing in [request, *listings.values()]:
        # A suspended organisation answers for nobody (members.permissions).
        if not listing.organisation.is_active_member:
            raise MatchError(
                _("%(organisation)s is not an active member: it cannot be matched now.")
                % {"organisation": listing.organisation.name}
            )
    # The ranking as it stands, before the listings leave it: what was left out
    # is recorded with the choice (calibration).
    # The stored one when current: computing it here would make the secretariat
    # wait on the matcher while it confirms (the desk's 300 ms budget).
    stored = ranking_stored(request) or []
    ranked = stored[:LEFT_OUT_RECORDED] or listed(rank(request), LEFT_OUT_RECORDED)
    scored = {c.listing.pk: c for c in stored}
    match = Match(request=request, message=message, confirmed_by=by)
    match._history_user = by
    match._change_reason = history_reason(message) or _("confirmed")
    match.save()
    parties = [
        MatchParty(
            match=match,
            organisation=request.organisation,
            listing=request,
            role=PartyRole.REQUESTER,
        )
    ]
    roles = dict(zip(ids, _partner_roles(request, [listings[pk] for pk in ids]), strict=True))
    # Scored as the stored ranking has it when it played the same part there;
    # the others all at once.
    unscored = [pk for pk in ids if pk not in scored or scored[pk].role != roles[pk]]
    scored.update(_scored_as_chosen(request, {pk: roles[pk] for pk in unscored}))
    chosen = []
    for pk, role in roles.items():
        candidate = scored[pk]
        chosen.append(candidate)
        parties.append(
            MatchParty(
                match=match,
                organisation=listings[pk].organisation,
                listing=listings[pk],
                role=role,
                score=candidate.score,
                reasons=candidate.reasons,
            )
        )
    # The parties' rows and their history in two statements, whatever their number.
    bulk_create_with_history(
        parties, MatchParty, default_user=by, default_change_reason=match._change_reason
    )
    decisions_record_confirmed(match=match, chosen=chosen, ranked=ranked)
    why = _("Matched by the secretariat (%(match)s)") % {"match": match.pk}
    change_status_of_locked(
        [request, *listings.values()],
        to=ListingStatus.MATCHED,
        by=by,
        reason=why,
    )
    _notify_confirmed(match, parties)
    return match


def _scored_as_chosen(request: Listing, roles: dict) -> dict:
    """{listing id: Candidate} for partners the stored ranking does not score in
    the role they take: what `score_listing` gives each, in a fixed number of
    queries however many they are."""
    if not roles:
        return {}
    ctx = Context(request)
    found = with_tags(Listing.objects.filter(pk__in=list(roles)))
    # As the ranking compares them: each language's offset taken away.
    theirs = listing_vectors(roles)
    sims = {
        listing.pk: float(ctx.vector @ theirs[listing.pk])
        if ctx.vector is not None and listing.pk in theirs
        else np.nan
        for listing in found
    }
    ctx.prepare([listing.organisation_id for listing in found], sims.values())
    candidates = {}
    for listing in found:
        # As when scored alone: a partner without a vector gets the text signal
        # its own similarity gives, not the median of the others'.
        ctx.fallback = ctx.text_fallback([sims[listing.pk]])
        candidates[listing.pk] = score(ctx, listing, sims[listing.pk], roles[listing.pk])
    return candidates


def match_url(match: Match) -> str:
    return absolute_url(reverse("matchmaking:detail", args=[match.pk]))


def _party_context(party: MatchParty, contacts: list) -> dict:
    return {
        "organisation": party.organisation.name,
        "country": party.organisation.country.name,
        "role": party.get_role_display(),
        "reference": party.listing.reference if party.listing else "",
        "title": party.listing.title if party.listing else "",
        "contacts": [{"name": u.full_name, "email": u.email} for u in contacts],
        # Stored as reasons, not sentences: the email says them in its reader's language.
        "reasons": as_reasons(party.reasons),
    }


def _notify_confirmed(match: Match, parties: list) -> None:
    """Record each party's e-mail; the parties come with their listings,
    organisations and contact persons already read (no query per party)."""
    # Once per party: each party's e-mail names every other party's contacts.
    contacts = contacts_by_party(parties)
    url = match_url(match)
    entries = []
    for party in parties:
        for user in contacts[party.pk]:
            with translation.override(user.language or settings.LANGUAGE_CODE):
                partners = [_party_context(p, contacts[p.pk]) for p in parties if p.pk != party.pk]
                role = party.get_role_display()
            # A partner reads why it was proposed; the partners' reasons say why
            # they fit the request, which only its author asked.
            why_you = as_reasons(party.reasons)
            if party.role != PartyRole.REQUESTER:
                for partner in partners:
                    partner["reasons"] = []
            entries.append(
                {
                    "kind": "match_confirmed",
                    "recipient": user,
                    "about": match,
                    "event": f"confirmed:{party.pk}",
                    "context": {
                        "name": user.full_name,
                        "organisation": party.organisation.name,
                        # Reasons say "you" to this organisation.
                        "reader_organisation": party.organisation_id,
                        "role": str(role),
                        "request_reference": match.request.reference,
                        "request_title": match.request.title,
                        "message": match.message,
                        "partners": partners,
                        "why_you": why_you,
                        "match_url": url,
                        "accept_url": f"{url}#answer",
                        "decline_url": absolute_url(reverse("matchmaking:decline", args=[match.pk]))
                        + f"?party={party.pk}",
                    },
                }
            )
    notifications_record(entries)


def match_answer(*, party: MatchParty, answer: str, by, reason: str = "") -> MatchParty:
    """One party accepts or declines. A decline ends the match and reopens the
    listings; the last acceptance makes the match accepted."""
    reason = (reason or "").strip()
    if answer == Answer.DECLINED and not reason:
        raise MatchError(_("Tell the others why you decline: the reason is required."))
    with transaction.atomic():
        match = Match.objects.select_for_update().get(pk=party.match_id)
        if match.status != MatchStatus.CONFIRMED:
            raise StaleState(
                _("This match is already %(status)s.") % {"status": match.get_status_display()}
            )
        changes = {"answered_by": by, "answered_at": timezone.now()}
        if answer == Answer.DECLINED:
            changes["decline_reason"] = reason
        party = change_status(
            party,
            to=answer,
            by=by,
            reason=history_reason(reason) or str(Answer(answer).label),
            field="answer",
            expected=Answer.PENDING,
            changes=changes,
        )
        if answer == Answer.DECLINED:
            decision_record_declined(party=party)
            _decline(match, party, by, reason)
        elif not match.parties.exclude(answer=Answer.ACCEPTED).exists():
            change_status(
                match,
                to=MatchStatus.ACCEPTED,
                by=by,
                reason=_("all parties accepted"),
                changes={"answered_at": timezone.now()},
            )
            _notify_accepted(match)
    return party


def _contacts_context(parties) -> list[dict]:
    return [
        {
            "organisation": p.organisation.name,
            "country": p.organisation.country.name,
            "role": str(p.get_role_display()),
            "contacts": [{"name": u.full_name, "email": u.email} for u in party_contacts(p)],
        }
        for p in parties
    ]


def _notify_accepted(match: Match) -> None:
    """Everyone accepted: each party learns who its partners are and what comes
    next; the secretariat learns that the exchange can be created."""
    parties = list(match.parties.select_related("organisation", "listing__contact"))
    common = {
        "request_reference": match.request.reference,
        "request_title": match.request.title,
        "match_url": match_url(match),
    }
    for party in parties:
        for user in party_contacts(party):
            with translation.override(user.language or settings.LANGUAGE_CODE):
                partners = _contacts_context(p for p in parties if p.pk != party.pk)
            notification_record(
                kind="match_accepted",
                recipient=user,
                about=match,
                event=f"accepted:{party.pk}",
                context={
                    **common,
                    "name": user.full_name,
                    "organisation": party.organisation.name,
                    "partners": partners,
                },
            )
    notify_secretariat(
        kind="match_accepted_to_secretariat",
        about=match,
        event="accepted",
        context={
            **common,
            "parties": [p.organisation.name for p in parties],
            "admin_url": absolute_url(reverse("admin:matchmaking_match_change", args=[match.pk])),
        },
    )


def _reopen_listings(match: Match, by, why: str) -> None:
    listing_ids = match.parties.exclude(listing=None).values("listing_id")
    # In primary-key order, as match_confirm locks them.
    matched = Listing.objects.filter(pk__in=listing_ids, status=ListingStatus.MATCHED)
    for listing in matched.order_by("pk"):
        change_status(listing, to=ListingStatus.OPEN, by=by, reason=why)


def match_cancel(*, match: Match, by, reason: str) -> Match:
    """The secretariat calls a match off (a partner dropped out, a mistake): the
    listings open again so that the request can be matched anew."""
    reason = (reason or "").strip()
    if not reason:
        raise MatchError(_("Say why the match is cancelled."))
    with transaction.atomic():
        # Through the reverse relation: exchanges sits above matchmaking.
        if Match.objects.filter(pk=match.pk, exchange__isnull=False).exists():
            raise MatchError(_("This match already has its exchange: cancel the exchange instead."))
        match = change_status(
            match,
            to=MatchStatus.CANCELLED,
            by=by,
            reason=reason,
        )
        _reopen_listings(match, by, reason)
    return match


def _decline(match: Match, party: MatchParty, by, reason: str) -> None:
    why = _("%(organisation)s declined: %(reason)s") % {
        "organisation": party.organisation.name,
        "reason": reason,
    }
    change_status(
        match,
        to=MatchStatus.DECLINED,
        by=by,
        reason=why,
        changes={"answered_at": timezone.now()},
    )
    _reopen_listings(match, by, why)
    for other in match.parties.exclude(pk=party.pk).select_related(
        "organisation", "listing__contact"
    ):
        for user in party_contacts(other):
            notification_record(
                kind="match_declined_to_partners",
                recipient=user,
                about=match,
                event=f"declined:{other.pk}",
                context={
                    "name": user.full_name,
                    "request_reference": match.request.reference,
                    "request_title": match.request.title,
                    "organisation": other.organisation.name,
                    "declined_by_organisation": party.organisation.name,
                    "reason": reason,
                    "listing_url": absolute_url(other.listing.get_absolute_url())
                    if other.listing
                    else "",
                },
            )
    notify_secretariat(
        kind="match_declined",
        about=match,
        event=f"declined:{party.pk}",
        context={
            "request_reference": match.request.reference,
            "request_title": match.request.title,
            "organisation": party.organisation.name,
            "declined_by": by.full_name if by else "",
            "reason": reason,
            "admin_url": absolute_url(reverse("admin:matchmaking_match_change", args=[match.pk])),
        },
    )
