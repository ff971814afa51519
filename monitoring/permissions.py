"""Who may see the partnership's figures (the style: members.permissions)."""

import rules

from members.permissions import coordinates_a_member, is_secretariat

# The secretariat sees every organisation's figures, a coordinator their own
# (selectors.coordinated_organisations); a suspended organisation's people none.
rules.add_rule("monitoring.view_dashboard", is_secretariat | coordinates_a_member)
