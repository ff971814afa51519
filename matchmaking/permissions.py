"""Who may do what with matches (the style: members.permissions)."""

import rules

from members.permissions import is_active_organisation, is_coordinator_of


@rules.predicate
def is_party_coordinator(user, party) -> bool:
    return is_coordinator_of(user, party.organisation)


@rules.predicate
def is_party_contact(user, party) -> bool:
    """The contact person of the listing that brought the party in."""
    return party.listing is not None and party.listing.contact_id == user.pk


@rules.predicate
def is_party_active(user, party) -> bool:
    return is_active_organisation(user, party.organisation)


# Accept or decline for a party: whether it still waits for an answer is the
# workflow's say (views.answerable), not a permission.
# A suspended organisation answers for nobody, not even through its contact person.
rules.add_rule(
    "matchmaking.answer_for_party", (is_party_coordinator | is_party_contact) & is_party_active
)
