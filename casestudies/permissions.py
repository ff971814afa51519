"""Who may do what with case studies (the style: members.permissions)."""

import rules

from members.selectors import places_of

from .services import MEMBER_EDITABLE


@rules.predicate
def is_contributor(user, case_study) -> bool:
    """Members of the exchange's organisations write the case study together."""
    own = places_of(user)
    return bool(own) and any(p.organisation_id in own for p in case_study.exchange.parties.all())


@rules.predicate
def is_member_editable(_user, case_study) -> bool:
    """Once published, the secretariat edits it."""
    return case_study.status in MEMBER_EDITABLE


# A draft exists for its contributors (and the secretariat) only.
rules.add_rule("casestudies.contribute", is_contributor)
rules.add_rule("casestudies.change_casestudy", is_contributor & is_member_editable)
