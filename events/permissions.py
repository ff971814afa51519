"""Who may act for an organisation at a matchmaking event (the style:
members.permissions)."""

import rules

from members.permissions import is_member_of, is_secretariat

# Ask for meetings, say whether to go on after one: the people of the organisation.
rules.add_rule("events.act_for_organisation", is_member_of)
# Register it, or withdraw its registration: its people, or the secretariat for them.
rules.add_rule("events.register_organisation", is_secretariat | is_member_of)
