"""Who may act for an organisation at a matchmaking event (the style:
members.permissions)."""

import rules

from members.permissions import is_active_organisation, is_member_of, is_secretariat

# The people of an active member: a suspended organisation's people still read the
# event and their agenda, and act at it no more (services.acting_refusal says so).
is_acting_member_of = is_member_of & is_active_organisation

# Ask for and answer meetings, say when it cannot meet and whether to go on after
# a meeting, bring a listing: the people of the organisation.
rules.add_rule("events.act_for_organisation", is_acting_member_of)
# Take a place that frees up, from the waiting list: an active member only. A
# suspended one keeps its turn and is passed over (services._fill_free_places).
rules.add_rule("events.take_a_place", is_active_organisation)
# Have its accepted meetings on the schedule: an active member only. A suspended
# one's meetings are on hold, still accepted (models.Meeting.is_on_hold: every
# reader leaves them out or flags them, services.schedule_build takes them off).
rules.add_rule("events.hold_a_meeting", is_active_organisation)
# Register it, or withdraw its registration: its people, or the secretariat for them.
rules.add_rule("events.register_organisation", is_secretariat | is_acting_member_of)
