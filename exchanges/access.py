"""Who acts for which organisation.

A small stand-in for `members.selectors.current_organisation` until the members
area provides it: a user acts for the active organisations they belong to; the
current one is the `?organisation=<slug>` choice, else the first by name.
"""

from members.models import Membership, Organisation


def user_organisations(user):
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.active().filter(memberships__user=user).order_by("name")


def current_organisation(request):
    organisations = list(user_organisations(request.user))
    choice = request.GET.get("organisation") or request.POST.get("organisation")
    for organisation in organisations:
        if organisation.slug == choice:
            return organisation
    return organisations[0] if organisations else None


def is_member_of(user, organisation) -> bool:
    return (
        user.is_authenticated
        and Membership.objects.filter(user=user, organisation=organisation).exists()
    )


def can_browse(user) -> bool:
    """Members of an active organisation and the secretariat see the open listings."""
    return user.is_authenticated and (user.is_staff or user_organisations(user).exists())
