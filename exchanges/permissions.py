"""Who may do what with exchanges (the style: members.permissions)."""

import rules

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
