"""Who acts for which organisation, for requests and offers.

Only active members of the partnership submit and browse listings. The current
organisation is an explicit `?organisation=<slug>` choice, else the one chosen in
the member area (members.selectors.current_organisation), else the first by name.
"""

from members.models import Organisation
from members.selectors import (
    CURRENT_ORGANISATION_SESSION_KEY,
    is_member_of,  # noqa: F401 (one rule, in members)
)
from members.selectors import is_member_user as can_browse  # noqa: F401 (one rule)


def user_organisations(user):
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.active().filter(memberships__user=user).order_by("name")


def current_organisation(request):
    organisations = list(user_organisations(request.user))
    choice = request.GET.get("organisation") or request.POST.get("organisation")
    chosen_in_session = request.session.get(CURRENT_ORGANISATION_SESSION_KEY)
    for organisation in organisations:
        if organisation.slug == choice:
            return organisation
    for organisation in organisations:
        if organisation.pk == chosen_in_session:
            return organisation
    return organisations[0] if organisations else None
