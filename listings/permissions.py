"""Who may do what with requests and offers (the style: members.permissions)."""

import rules

from members.permissions import (
    is_active_organisation,
    is_member_of,
    is_partnership_member,
    is_secretariat,
)

from .models import ListingStatus

# What a member of another organisation may see; the rest answers 404.
PUBLIC_STATUSES = {ListingStatus.OPEN, ListingStatus.MATCHED}


@rules.predicate
def is_of_my_organisation(user, listing) -> bool:
    return is_member_of(user, listing.organisation)


@rules.predicate
def is_of_an_active_organisation(user, listing) -> bool:
    return is_active_organisation(user, listing.organisation)


@rules.predicate
def is_public(_user, listing) -> bool:
    return listing.status in PUBLIC_STATUSES


rules.add_rule(
    "listings.view_listing",
    is_secretariat | is_of_my_organisation | (is_public & is_partnership_member),
)
# Edit, submit, withdraw, close, renew, the interest settings: whether the listing's
# status allows each is the workflow's say (selectors.OWNER_ACTIONS), not a permission.
# A suspended organisation's people still see its listings, and change none.
rules.add_rule("listings.change_listing", is_of_my_organisation & is_of_an_active_organisation)
rules.add_rule("listings.add_listing", is_partnership_member)
