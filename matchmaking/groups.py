"""Beyond single partners: the best set of two or three partners for a request
(a host and co-participants, as in the Borås case), reciprocal exchanges (A hosts
B and B hosts A later) and three-way rings (A→B→C→A)."""

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from listings.models import Listing, ListingRole, ListingStatus

from .matcher import Candidate, Context, candidates, score, with_tags
from .models import PartyRole

R = ListingRole
HOSTS = (R.HOST, R.EITHER)
SENDERS = (R.SEND, R.EITHER)
# Hosts and co-participants looked at; beyond these, groups only get worse.
TOP = 8


@dataclass
class Group:
    host: Candidate
    participants: list = field(default_factory=list)
    score: float = 0.0

    @property
    def members(self):
        return [self.host, *self.participants]


def _co_participants(request: Listing, ranked: list) -> list:
    """Who could travel alongside the requester: ranked candidates able to send
    (an "either" offer), and other organisations' open listings that send on the
    same themes, scored against the request as any candidate."""
    ctx = Context(request)
    listings = {c.listing.pk: c.listing for c in ranked if c.listing.role in SENDERS}
    for listing in with_tags(candidates(request, roles=SENDERS, cap=TOP * 4)):
        listings.setdefault(listing.pk, listing)
    scored = [score(ctx, listing, PartyRole.PARTICIPANT) for listing in listings.values()]
    return sorted(scored, key=lambda c: -c.score)[:TOP]


def proposals(request: Listing, ranked: list, *, max_partners: int = 2, limit: int = 3) -> list:
    """Groups of a host and one or two co-participants, best first.

    Only for requests that need a host; a group fits when the host can take
    everybody. Its score is the mean of its members' scores plus a bonus per
    partner, because a larger consortium is what the secretariat looks for when
    each member fits well on its own (the seed case)."""
    if request.role == R.HOST:
        return []
    hosts = [c for c in ranked if c.role == PartyRole.HOST][:TOP]
    others = _co_participants(request, ranked)
    groups = []
    for host in hosts:
        pool = [c for c in others if c.organisation.pk != host.organisation.pk]
        for size in range(1, max_partners + 1):
            for chosen in combinations(pool, size):
                if len({c.organisation.pk for c in chosen}) != size:
                    continue
                travellers = request.participants + sum(c.listing.participants for c in chosen)
                if travellers > host.listing.participants:
                    continue
                members = [host, *chosen]
                mean = sum(c.score for c in members) / len(members)
                groups.append(Group(host, list(chosen), round(mean + 5 * size, 1)))
    groups.sort(key=lambda g: -g.score)
    return groups[:limit]


def _open_by_role(theme_ids, organisation_ids=None):
    """{organisation: set of theme ids} for open listings that host, and that send."""
    qs = Listing.objects.filter(status=ListingStatus.OPEN, themes__in=theme_ids)
    if organisation_ids is not None:
        qs = qs.filter(organisation_id__in=organisation_ids)
    hosts, senders = defaultdict(set), defaultdict(set)
    for org, role, theme in qs.values_list("organisation_id", "role", "themes").distinct():
        if role in HOSTS:
            hosts[org].add(theme)
        if role in SENDERS:
            senders[org].add(theme)
    return hosts, senders


def reciprocal(request: Listing, ranked: list) -> list:
    """Candidates whose organisation could also be hosted by the requester later:
    it has an open listing that sends, the requester one that hosts, on a shared theme."""
    theme_ids = list(request.themes.values_list("pk", flat=True))
    me = request.organisation_id
    hosts, senders = _open_by_role(theme_ids, [me, *(c.organisation.pk for c in ranked)])
    return [
        c
        for c in ranked
        if c.role == PartyRole.HOST and hosts.get(me, set()) & senders.get(c.organisation.pk, set())
    ]


def rings(request: Listing, ranked: list, *, limit: int = 5) -> list:
    """Three-way rings A→B→C→A (each hosts the previous one), A the requester:
    B hosts A (a ranked host), C hosts B, and A hosts C, each on a shared theme."""
    theme_ids = list(request.themes.values_list("pk", flat=True))
    hosts, senders = _open_by_role(theme_ids)
    me = request.organisation_id
    found = []
    for b in (c for c in ranked if c.role == PartyRole.HOST):
        b_org = b.organisation.pk
        for c_org, c_hosts in hosts.items():
            if c_org in (me, b_org):
                continue
            if senders.get(b_org, set()) & c_hosts and senders.get(c_org, set()) & hosts.get(
                me, set()
            ):
                found.append((b, c_org))
                if len(found) >= limit:
                    return _with_organisations(found)
    return _with_organisations(found)


def _with_organisations(found):
    from members.models import Organisation

    names = Organisation.objects.in_bulk([c for _b, c in found])
    return [(b, names[c]) for b, c in found]
