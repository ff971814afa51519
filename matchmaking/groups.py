"""Beyond single partners: the best set of two or three partners for a request
(a host and co-participants, as in the Borås case, or several groups coming to a
request that hosts), reciprocal exchanges (A hosts B and B hosts A later) and
three-way rings (A→B→C→A).

Every group and every ring holds by the same rules as a single pairing
(matchmaking.rules): the host can take everybody who travels, counted from each
listing's own number read the right way round, and one period inside every
window holds every stay.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from listings.models import ExpressionOfInterest, Listing, ListingKind, ListingStatus
from members.models import Organisation

from . import rules
from .matcher import _Row, scored, survivors
from .models import PartyRole
from .signals import Candidate, Context

# Hosts and co-participants looked at; beyond these, groups only get worse.
TOP = 8
# What a larger consortium is worth to the secretariat, per partner beyond the
# first, when each member fits well on its own (the seed case).
PARTNER_BONUS = 5.0


@dataclass
class Group:
    host: Candidate | None  # None: the requester hosts
    participants: list = field(default_factory=list)
    score: float = 0.0
    travellers: int = 0
    capacity: int | None = None
    # Members whose group size is not stated: counted as nobody, said so.
    unknown: list = field(default_factory=list)

    @property
    def members(self):
        return [c for c in [self.host, *self.participants] if c is not None]


def holds_all(request: Listing, listings) -> bool:
    """One period inside every window holds the request's stay and the stay of
    every member that is itself a request."""
    everyone = [request, *listings]
    start = max(x.earliest_start for x in everyone)
    end = min(x.latest_end for x in everyone)
    need = max(
        [request.duration_days]
        + [x.duration_days for x in listings if x.kind == ListingKind.REQUEST]
    )
    return (end - start).days + 1 >= need


def _co_participants(ctx: Context, ranked: list) -> list:
    """Who could travel alongside the requester: ranked candidates able to send
    (an "either" offer), and other organisations' listings that send, scored as
    co-participants."""
    found = {
        c.listing.pk: c
        for c in ranked
        if c.listing.role in rules.SENDERS and c.role == PartyRole.PARTICIPANT
    }
    others, _left_out = scored(ctx, roles=rules.SENDERS, cap=TOP * 4, role=PartyRole.PARTICIPANT)
    for c in [*others, *(c for c in ranked if c.listing.role in rules.SENDERS)]:
        if c.listing.pk not in found:
            found[c.listing.pk] = Candidate(
                listing=c.listing,
                score=c.score,
                reasons=c.reasons,
                role=PartyRole.PARTICIPANT,
                signals=c.signals,
            )
    return sorted(found.values(), key=lambda c: (-c.score, c.organisation.name))


def _interest_first(candidates: list, interested: set) -> list:
    """Every organisation that said it is interested, then the best-ranked others
    up to TOP: an interested partner is never left out of the groups for being
    ranked ninth (the secretariat missed exactly those in the seed case)."""
    keen = [c for c in candidates if c.organisation.pk in interested]
    return keen + [c for c in candidates if c.organisation.pk not in interested][:TOP]


def _distinct(groups: list) -> list:
    """One group per set of organisations, its best: the same consortium through
    another of its listings is no second proposal."""
    seen, kept = set(), []
    for group in groups:
        key = frozenset(c.organisation.pk for c in group.members)
        if key not in seen:
            seen.add(key)
            kept.append(group)
    return kept


def _group(request, host, chosen) -> Group | None:
    """The group if it holds: distinct organisations, room for everybody, one
    period for every stay."""
    members = [c for c in [host, *chosen] if c is not None]
    orgs = {c.organisation.pk for c in members}
    if len(orgs) != len(members) or request.organisation_id in orgs:
        return None
    host_listing = host.listing if host is not None else request
    guests = [c.listing for c in chosen] + ([request] if host is not None else [])
    if not rules.takes_group(host_listing, guests):
        return None
    if not holds_all(request, [c.listing for c in members]):
        return None
    mean = sum(c.score for c in members) / len(members)
    return Group(
        host=host,
        participants=list(chosen),
        # Out of 100, as its members' scores are.
        score=round(min(100.0, mean + PARTNER_BONUS * (len(members) - 1)), 1),
        travellers=sum(rules.travellers(g) or 0 for g in guests),
        capacity=rules.capacity(host_listing),
        unknown=[g.organisation.name for g in guests if rules.travellers(g) is None],
    )


def proposals(request: Listing, ranked: list, *, max_partners: int = 2, limit: int = 3) -> list:
    """Groups best first: for a request that needs a host, a host and one or two
    co-participants; for a request that hosts, two or three groups coming to it.
    They start from the organisations interested in the request and the
    best-ranked candidates, and each proposes a different set of organisations."""
    groups = []
    interested = set(
        ExpressionOfInterest.objects.filter(listing=request).values_list(
            "organisation_id", flat=True
        )
    )
    if request.role == rules.R.HOST:
        senders = _interest_first([c for c in ranked if c.fits], interested)
        for size in range(2, max_partners + 2):
            for chosen in combinations(senders, size):
                groups.append(_group(request, None, chosen))
    else:
        hosts = _interest_first(
            [c for c in ranked if c.role == PartyRole.HOST and c.fits], interested
        )
        others = _interest_first(_co_participants(Context(request), ranked), interested)
        for host in hosts:
            pool = [c for c in others if c.organisation.pk != host.organisation.pk]
            for size in range(1, max_partners + 1):
                for chosen in combinations(pool, size):
                    groups.append(_group(request, host, chosen))
    found = [g for g in groups if g is not None]
    found.sort(key=lambda g: (-g.score, [c.organisation.name for c in g.members]))
    return _distinct(found)[:limit]


def _open_by_role(theme_ids, organisation_ids=None):
    """{organisation: set of theme ids} for open listings that host, and that send."""
    qs = Listing.objects.filter(status=ListingStatus.OPEN, themes__in=theme_ids)
    if organisation_ids is not None:
        qs = qs.filter(organisation_id__in=organisation_ids)
    hosts, senders = defaultdict(set), defaultdict(set)
    for org, role, theme in qs.values_list("organisation_id", "role", "themes").distinct():
        if role in rules.HOSTS:
            hosts[org].add(theme)
        if role in rules.SENDERS:
            senders[org].add(theme)
    return hosts, senders


def reciprocal(request: Listing, ranked: list) -> list:
    """Candidates whose organisation could also be hosted by the requester later:
    it has an open listing that sends, the requester one that hosts, on a shared theme."""
    theme_ids = list(request.themes.values_list("pk", flat=True))
    me = request.organisation_id
    hosts, senders = _open_by_role(theme_ids, [me, *(c.organisation.pk for c in ranked)])
    return [c for c in ranked if hosts.get(me, set()) & senders.get(c.organisation.pk, set())]


def _fitting(listing: Listing, roles, organisation_ids=None) -> dict:
    """{organisation: [listing ids]} of open listings with these roles that pair
    with `listing` by every rule: windows for both stays, a shared language, a
    shared theme."""
    qs = survivors(listing, roles=roles)
    if organisation_ids is not None:
        qs = qs.filter(organisation_id__in=organisation_ids)
    found = defaultdict(list)
    for row in (_Row(*values) for values in qs):
        if row.shared_themes and row.speaks and rules.holds_stays(listing, row):
            found[row.organisation_id].append(row.pk)
    return found


def rings(request: Listing, ranked: list, *, limit: int = 5) -> list:
    """Three-way rings A→B→C→A, each hosting the previous one, A the requester:
    B hosts A (a ranked host), C hosts B (a listing of B that sends pairs with a
    listing of C that hosts), A hosts C (a listing of C that sends pairs with a
    listing of A that hosts). Every leg holds by the rules, windows included.
    Returns [(B's candidate, C's organisation)]."""
    me = request.organisation_id
    mine = Listing.objects.filter(
        organisation_id=me, status=ListingStatus.OPEN, role__in=rules.HOSTS
    ).select_related("organisation")
    coming_to_me = defaultdict(list)  # C → its listings that can come to A
    for hosting in mine[:3]:
        for org, ids in _fitting(hosting, rules.SENDERS).items():
            coming_to_me[org] += ids
    if not coming_to_me:
        return []
    hosts = [c for c in ranked if c.role == PartyRole.HOST][:TOP]
    sending = Listing.objects.filter(
        organisation_id__in=[b.organisation.pk for b in hosts],
        status=ListingStatus.OPEN,
        role__in=rules.SENDERS,
    ).select_related("organisation")
    by_org = defaultdict(list)
    for listing in sending:
        by_org[listing.organisation_id].append(listing)
    found = []
    for b in hosts:
        b_org = b.organisation.pk
        c_orgs = set()
        for listing in by_org.get(b_org, []):
            others = [o for o in coming_to_me if o not in (me, b_org)]
            c_orgs |= set(_fitting(listing, rules.HOSTS, others))
        for c_org in sorted(c_orgs):
            found.append((b, c_org))
            if len(found) >= limit:
                return _with_organisations(found)
    return _with_organisations(found)


def _with_organisations(found):
    names = Organisation.objects.in_bulk([c for _b, c in found])
    return [(b, names[c]) for b, c in found]
