"""The hard rules, in one place: who can partner whom, for how long, how many.

Pure functions over listings (or anything with the same fields), so that the SQL
prefilter, the scoring, the groups, the rings and the evaluation's independent
check all read the rules the same way.
"""

from listings.models import ListingKind, ListingRole

R = ListingRole

# Which roles a candidate may have, given the role the request seeks: the
# organisation's OWN role ("we want to send", "we can host").
COMPLEMENT = {
    R.SEND: {R.HOST, R.EITHER},
    R.HOST: {R.SEND, R.EITHER},
    R.EITHER: {R.HOST, R.SEND, R.EITHER},
}
HOSTS = (R.HOST, R.EITHER)
SENDERS = (R.SEND, R.EITHER)


def candidate_hosts(request, listing) -> bool:
    """Does the candidate host (rather than travel)? It hosts unless the request
    hosts or the candidate only sends."""
    return not (request.role == R.HOST or listing.role == R.SEND)


def stay_needed(request, listing) -> int:
    """Days the overlap of the windows must hold. A request paired with another
    request must fit both stays; an offer takes the request's."""
    if listing.kind == ListingKind.REQUEST:
        return max(request.duration_days, listing.duration_days)
    return request.duration_days


def overlap_days(a, b) -> int:
    return (min(a.latest_end, b.latest_end) - max(a.earliest_start, b.earliest_start)).days + 1


def holds_stays(request, listing) -> bool:
    return overlap_days(request, listing) >= stay_needed(request, listing)


def capacity(listing) -> int | None:
    """How many visitors the listing's organisation can take, when it hosts. An
    offer's number is its capacity; a request that hosts states how many it can
    receive; a listing that only sends hosts nobody."""
    if listing.role == R.SEND:
        return None
    return listing.participants


def travellers(listing) -> int | None:
    """How many people the listing's organisation brings, when it travels. An
    offer that can host or send states its hosting capacity, not a group: the
    group it would bring is unknown (None)."""
    if listing.role == R.HOST:
        return None
    if listing.role == R.EITHER and listing.kind == ListingKind.OFFER:
        return None
    return listing.participants


def host_and_guest(request, listing) -> tuple:
    """(the listing that hosts, the listing that travels) for this pairing."""
    if candidate_hosts(request, listing):
        return listing, request
    return request, listing


def can_host_group(request, listing) -> bool:
    """When the candidate hosts: can it take the request's group?"""
    host, guest = host_and_guest(request, listing)
    return takes_group(host, [guest])


def takes_group(host, guests) -> bool:
    """Can the host take everybody? Unknown group sizes count as nobody: the
    reasons say that the number is not stated."""
    room = capacity(host)
    brought = sum(travellers(g) or 0 for g in guests)
    return room is None or room >= brought
