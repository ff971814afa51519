"""Print the ranked partners for one request, with scores and reasons."""

import json

from django.core.management.base import BaseCommand, CommandError

from listings.models import Listing
from matchmaking.groups import proposals, reciprocal, rings
from matchmaking.matcher import rank
from matchmaking.reasons import reasons_text


class Command(BaseCommand):
    help = "Rank the possible partners of a request and say why each fits."

    def add_arguments(self, parser):
        parser.add_argument("reference", help="the request's reference, e.g. REQ-4F2A9C")
        parser.add_argument("--limit", type=int, default=10)
        parser.add_argument("--json", action="store_true", help="print JSON for scripts")

    def handle(self, *args, reference, limit, json: bool, **options):
        try:
            request = Listing.objects.select_related("organisation").get(reference=reference)
        except Listing.DoesNotExist as exc:
            raise CommandError(f"No request or offer with the reference {reference}.") from exc
        ranked = rank(request, limit=limit)
        if json:
            self.stdout.write(_json(ranked))
            return
        self.stdout.write(f"{request.reference} {request.title} — {request.organisation}")
        for n, c in enumerate(ranked, 1):
            self.stdout.write(
                f"{n:>2}. {c.score:6.1f}  {c.listing.reference}  {c.organisation}"
                f" ({c.get_role_display()})"
            )
            for text in reasons_text(c.reasons):
                self.stdout.write(f"            · {text}")
        for group in proposals(request, ranked):
            names = " + ".join(str(m.organisation) for m in group.members)
            self.stdout.write(f"Group {group.score:.1f}: {names}")
        for candidate in reciprocal(request, ranked):
            self.stdout.write(f"Reciprocal: {candidate.organisation} could later come to you")
        for host, third in rings(request, ranked):
            me = request.organisation
            self.stdout.write(f"Ring: {me} → {host.organisation} → {third} → {me}")


def _json(ranked) -> str:
    return json.dumps(
        [
            {
                "reference": c.listing.reference,
                "organisation": c.organisation.name,
                "role": c.role,
                "score": c.score,
                "reasons": reasons_text(c.reasons),
            }
            for c in ranked
        ],
        ensure_ascii=False,
        indent=2,
    )
