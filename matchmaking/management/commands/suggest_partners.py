"""Print the ranked partners for one request, with scores and reasons, the
group proposals, reciprocal exchanges and rings, and what the rules left out."""

import json

from django.core.management.base import BaseCommand, CommandError

from listings.models import Listing
from matchmaking.candidates import listed
from matchmaking.groups import proposals, reciprocal, rings
from matchmaking.matcher import left_out_named, ranking
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
        found = ranking(request)
        candidates = listed(found.candidates)
        ranked = candidates[:limit]
        groups = proposals(request, candidates)
        ring_list = rings(request, candidates)
        left_out = left_out_named(found.left_out)
        if json:
            self.stdout.write(_json(request, ranked, groups, ring_list, left_out))
            return
        self.stdout.write(f"{request.reference} {request.title} — {request.organisation}")
        for n, c in enumerate(ranked, 1):
            flag = "" if c.fits else "  [cannot take the group]"
            self.stdout.write(
                f"{n:>2}. {c.score:6.1f}  {c.listing.reference}  {c.organisation}"
                f" ({c.get_role_display()}){flag}"
            )
            for text in reasons_text(c.reasons):
                self.stdout.write(f"            · {text}")
        for group in groups:
            names = " + ".join(str(m.organisation) for m in group.members)
            host = "" if group.host else f" (hosted by {request.organisation})"
            self.stdout.write(f"Group {group.score:.1f}: {names}{host}")
        for candidate in reciprocal(request, candidates):
            self.stdout.write(f"Reciprocal: {candidate.organisation} could later come to you")
        for host, third in ring_list:
            me = request.organisation
            self.stdout.write(f"Ring: {me} → {host.organisation} → {third} → {me}")
        for item in left_out:
            self.stdout.write(f"Left out ({item.rule}): {item.listing.organisation}")


def _candidate(c) -> dict:
    return {
        "reference": c.listing.reference,
        "organisation": c.organisation.name,
        "role": c.role,
        "score": round(c.score, 2),
        "fits": c.fits,
        "signals": {k: round(v, 3) for k, v in c.signals.items()},
        "reasons": reasons_text(c.reasons),
    }


def _json(request, ranked, groups, ring_list, left_out) -> str:
    return json.dumps(
        {
            "request": request.reference,
            "candidates": [_candidate(c) for c in ranked],
            "groups": [
                {
                    "host": _candidate(g.host) if g.host else None,
                    "participants": [_candidate(p) for p in g.participants],
                    "score": g.score,
                    "travellers": g.travellers,
                    "capacity": g.capacity,
                    "group_size_not_stated": g.unknown,
                }
                for g in groups
            ],
            "rings": [
                {
                    "requester": request.organisation.name,
                    "host": b.organisation.name,
                    "third": c.name,
                }
                for b, c in ring_list
            ],
            "left_out": [
                {
                    "reference": item.listing.reference,
                    "organisation": item.listing.organisation.name,
                    "rule": item.rule,
                }
                for item in left_out
            ],
        },
        ensure_ascii=False,
        indent=2,
    )
