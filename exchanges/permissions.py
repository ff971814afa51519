"""Who may do what with exchanges (the style: members.permissions)."""

import rules

from members.permissions import is_active_organisation, is_member_of
from members.selectors import places_of


@rules.predicate
def coordinates_a_party(user, exchange) -> bool:
    """Coordinator of one of the exchange's organisations, an active member: a
    suspended organisation acts for nobody (members.permissions.is_active_organisation)."""
    coordinated = {
        pk
        for pk, m in places_of(user).items()
        if m.is_coordinator and m.organisation.is_active_member
    }
    # The parties are usually read already (selectors.exchange_detail).
    return any(p.organisation_id in coordinated for p in exchange.parties.all())


# The figures and the case study: whether the exchange can be reported now is the
# workflow's say (services.report_refusal), not a permission.
rules.add_rule("exchanges.report_exchange", coordinates_a_party)
# An organisation's feedback on its exchange (the exchange's own organisations only:
# the view and the service check that): its people, while it is an active member.
rules.add_rule("exchanges.give_feedback", is_member_of & is_active_organisation)
