"""Who may do what: the partnership's rules about people and organisations, on
which the other apps' rules (<app>/permissions.py) build.

One style everywhere: a named rule (django-rules), tested by views and services
with `rules.test_rule(name, user, obj)` and by templates with
`{% load rules %}{% test_rule name user obj as allowed %}`; tests/permissions
checks each rule once, allowed and refused. Rules rather than `user.has_perm`:
Django grants every `has_perm` to a superuser and the secretariat's admin
permissions share the model permissions' names, but a superuser does not thereby
act for a member organisation (tests/security)."""

import rules

from .models import MembershipStatus
from .selectors import places_of


@rules.predicate
def is_secretariat(user) -> bool:
    return user.is_authenticated and user.is_staff


@rules.predicate
def is_partnership_member(user) -> bool:
    """In an organisation that is an active member of the partnership."""
    return any(m.organisation.status == MembershipStatus.ACTIVE for m in places_of(user).values())


@rules.predicate
def is_member_of(user, organisation) -> bool:
    """In this organisation, with any role."""
    return organisation is not None and organisation.pk in places_of(user)


@rules.predicate
def is_active_organisation(_user, organisation) -> bool:
    """An active member of the partnership: the people of a suspended (or not yet
    approved) organisation keep its page but act for it nowhere else
    (selectors.current_organisation)."""
    return organisation is not None and organisation.is_active_member


@rules.predicate
def is_coordinator_of(user, organisation) -> bool:
    membership = places_of(user).get(getattr(organisation, "pk", None))
    return membership is not None and membership.is_coordinator


@rules.predicate
def coordinates_a_member(user) -> bool:
    """Coordinator of an organisation that is an active member of the partnership."""
    return any(
        m.is_coordinator and m.organisation.status == MembershipStatus.ACTIVE
        for m in places_of(user).values()
    )


# Requests, offers, past exchanges and the directory's contacts.
rules.add_rule("members.browse", is_secretariat | is_partnership_member)
# Submitting, expressing interest, saving searches: for an active member organisation.
rules.add_rule("members.act_for_member", is_partnership_member)
rules.add_rule("members.manage_organisation", is_secretariat | is_coordinator_of)
