"""`seed_demo --reset`: delete the demo data, so that it can be loaded afresh.

The demo data are the organisations and people of the data files and everything
that involves a demo organisation: its listings (with their interests), the
matches and exchanges it takes part in, their case studies, and the notifications
about them. Nothing else is deleted: organisations and people not in the files,
and records that involve none of the demo organisations, stay. The secretariat's
login stays too (it may be a real account); history rows stay, as they do for
every deletion.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from casestudies.models import CaseStudy
from events.models import Event
from exchanges.models import Exchange
from listings.models import ExpressionOfInterest, Listing
from matchmaking.models import Match
from members.models import Organisation, User
from notifications.models import Notification

from .loader import read


def demo_keys() -> tuple[list, list]:
    """The slugs of the demo organisations and the emails of the demo people."""
    organisations = read("organisations")
    people = read("people")
    emails = [row["coordinator"]["email"] for row in organisations]
    emails += [row["email"] for row in people["colleagues"]]
    return [row["slug"] for row in organisations], emails


def _forget_notifications(*querysets) -> None:
    for qs in querysets:
        Notification.objects.filter(
            content_type=ContentType.objects.get_for_model(qs.model),
            object_id__in=[str(pk) for pk in qs.values_list("pk", flat=True)],
        ).delete()


def demo_delete() -> dict:
    """Delete the demo data; return how many rows of each kind went."""
    slugs, emails = demo_keys()
    orgs = Organisation.objects.filter(slug__in=slugs)
    exchanges = Exchange.objects.filter(parties__organisation__in=orgs).distinct()
    matches = Match.objects.filter(
        Q(request__organisation__in=orgs) | Q(parties__organisation__in=orgs)
    ).distinct()
    listings = Listing.objects.filter(organisation__in=orgs)
    cases = CaseStudy.objects.filter(exchange__in=exchanges)
    interests = ExpressionOfInterest.objects.filter(
        Q(listing__in=listings) | Q(organisation__in=orgs)
    )
    _forget_notifications(cases, exchanges, matches, listings, interests, orgs)
    deleted = {}
    for name, qs in (
        ("events", Event.objects.filter(title__in=[row["title"] for row in read("events")])),
        ("case studies", cases),
        ("exchanges", exchanges),
        ("matches", matches),
        ("listings", listings),
        ("organisations", orgs),
        ("people", User.objects.filter(email__in=emails, is_staff=False)),
    ):
        # Deleting through the ids: a distinct() queryset cannot delete itself. The
        # count is of the records themselves, not of their parts deleted with them.
        ids = list(qs.values_list("pk", flat=True))
        per_model = qs.model.objects.filter(pk__in=ids).delete()[1]
        deleted[name] = per_model.get(qs.model._meta.label, 0)
    return deleted
