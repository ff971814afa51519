"""Reads for the member area: what waits for this person, and the first steps of
a new organisation. Each list is one query and each count one more, whatever the
data: the page does not grow with it."""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from casestudies.selectors import case_study_drafts_of
from exchanges.selectors import exchanges_to_report
from listings.selectors import listings_needing_care, listings_with_interest
from matchmaking.selectors import parties_to_answer

# As many of each kind as the page shows; the count says how many there are.
SHOWN = 5


@dataclass
class Waiting:
    """One kind of thing waiting for the person: how many, and the first few."""

    count: int
    items: list = field(default_factory=list)


def _waiting(queryset) -> Waiting:
    items = list(queryset[:SHOWN])
    count = len(items) if len(items) < SHOWN else queryset.count()
    return Waiting(count=count, items=items)


def member_to_do(*, user, today=None, memberships=None) -> dict:
    """What waits for this person, kind by kind, with counts. `memberships`: the
    person's memberships when the page has them already (two queries fewer)."""
    today = today or timezone.localdate()
    if memberships is None:
        memberships = list(user.memberships.select_related("organisation"))
    organisations = [m.organisation_id for m in memberships]
    # What only an active member's people may act on (members.permissions).
    acting = [m for m in memberships if m.organisation.is_active_member]
    coordinated = [m.organisation_id for m in acting if m.is_coordinator]
    return {
        "matches": _waiting(parties_to_answer(user)),
        "interests": _waiting(listings_with_interest(organisations)),
        "listings": _waiting(
            listings_needing_care([m.organisation_id for m in acting], today=today)
        ),
        # Only a coordinator reports (the rule exchanges.report_exchange).
        "reports": _waiting(exchanges_to_report(coordinated, today=today)),
        "case_studies": _waiting(case_study_drafts_of([m.organisation_id for m in acting])),
    }


@dataclass
class FirstStep:
    key: str
    done: bool


def first_steps(*, organisation) -> list[FirstStep]:
    """The steps a new organisation takes; the page shows them until all are done."""
    counts = (
        type(organisation)
        .objects.filter(pk=organisation.pk)
        .aggregate(
            themes=Count("themes", distinct=True),
            listings=Count("listings", distinct=True),
            people=Count("memberships", distinct=True),
        )
    )
    return [
        FirstStep("profile", bool(organisation.description and counts["themes"])),
        FirstStep("colleague", counts["people"] > 1),
        FirstStep("listing", counts["listings"] > 0),
    ]
