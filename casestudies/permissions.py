"""Who may do what with case studies (the style: members.permissions)."""

import rules

from members.selectors import places_of

from .services import MEMBER_EDITABLE


def _exchange_has(case_study, organisation_ids) -> bool:
    # The parties are usually read already (selectors._detail_queryset).
    return bool(organisation_ids) and any(
        p.organisation_id in organisation_ids for p in case_study.exchange.parties.all()
    )


@rules.predicate
def is_contributor(user, case_study) -> bool:
    """Members of the exchange's organisations write the case study together."""
    return _exchange_has(case_study, places_of(user))


@rules.predicate
def is_acting_contributor(user, case_study) -> bool:
    """A contributor for an organisation that is an active member: a suspended
    organisation's people still read the draft and write none of it
    (members.permissions.is_active_organisation)."""
    acting = {pk for pk, m in places_of(user).items() if m.organisation.is_active_member}
    return _exchange_has(case_study, acting)


@rules.predicate
def is_member_editable(_user, case_study) -> bool:
    """Once published, the secretariat edits it."""
    return case_study.status in MEMBER_EDITABLE


# A draft exists for its contributors (and the secretariat) only.
rules.add_rule("casestudies.contribute", is_contributor)
rules.add_rule("casestudies.change_casestudy", is_acting_contributor & is_member_editable)
