"""Measuring the matcher on the labelled evaluation set
(matchmaking/evaluation/dataset.json): precision@3, recall@10 and MRR."""

import datetime
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from django.utils.text import slugify

from listings.models import Listing, ListingStatus
from members.models import MembershipStatus, Organisation
from taxonomy.models import Format, Language, TargetGroup, Theme

from .matcher import rank

DATASET = Path(__file__).parent / "evaluation" / "dataset.json"
LANGUAGE_NAMES = {
    "en": "English",
    "fr": "French",
    "es": "Spanish",
    "ca": "Catalan",
    "sv": "Swedish",
    "it": "Italian",
    "de": "German",
    "fi": "Finnish",
    "nl": "Dutch",
    "pt": "Portuguese",
    "el": "Greek",
    "pl": "Polish",
    "cs": "Czech",
    "sk": "Slovak",
    "sl": "Slovenian",
    "hr": "Croatian",
    "ro": "Romanian",
    "bg": "Bulgarian",
    "et": "Estonian",
    "lv": "Latvian",
    "lt": "Lithuanian",
    "da": "Danish",
    "eu": "Basque",
    "gl": "Galician",
}


@dataclass
class Result:
    reference: str
    key: str
    expected: list
    ranked: list  # dataset keys, best first

    def hits(self, n):
        return len(set(self.ranked[:n]) & set(self.expected))

    @property
    def reciprocal_rank(self):
        for position, key in enumerate(self.ranked, 1):
            if key in self.expected:
                return 1 / position
        return 0.0


def _terms(model, slugs, cache):
    out = []
    for slug in slugs:
        if (model, slug) not in cache:
            name = slug.replace("-", " ").capitalize()
            cache[model, slug] = model.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        out.append(cache[model, slug])
    return out


def load(path: Path = DATASET) -> dict:
    """Create the set's organisations and listings; return {dataset key: listing}.
    The caller wraps this in a transaction it rolls back."""
    data = json.loads(path.read_text(encoding="utf-8"))
    languages = {}
    for code in {c for o in data["organisations"] for c in o["languages"]} | {
        c for item in data["listings"] for c in item["languages"]
    }:
        languages[code] = Language.objects.get_or_create(
            code=code, defaults={"name": LANGUAGE_NAMES.get(code, code)}
        )[0]
    organisations = {}
    for o in data["organisations"]:
        org = Organisation.objects.create(
            name=o["name"],
            slug=slugify(f"eval-{o['key']}"),
            country=o["country"],
            kind=o["kind"],
            city=o["city"],
            status=MembershipStatus.ACTIVE,
        )
        org.languages.set([languages[c] for c in o["languages"]])
        organisations[o["key"]] = org
    cache, listings = {}, {}
    for item in data["listings"]:
        start = datetime.date.fromisoformat(item["earliest_start"])
        end = datetime.date.fromisoformat(item["latest_end"])
        listing = Listing.objects.create(
            # Ties rank by reference: a hash of the key keeps runs repeatable
            # without favouring the expected offers (o01–o60) over the others.
            reference="EV-" + hashlib.sha1(item["key"].encode()).hexdigest()[:8].upper(),  # noqa: S324
            kind=item["kind"],
            organisation=organisations[item["org"]],
            title=item["title"],
            description=item["description"],
            role=item["role"],
            earliest_start=start,
            latest_end=end,
            duration_days=item["duration_days"],
            participants=item["participants"],
            preferred_countries=item["preferred_countries"],
            fewer_opportunities_support=item["fewer_opportunities_support"],
            expires_on=end,
            status=ListingStatus.OPEN,
        )
        listing.themes.set(_terms(Theme, item["themes"], cache))
        listing.formats.set(_terms(Format, item["formats"], cache))
        listing.target_groups.set(_terms(TargetGroup, item["target_groups"], cache))
        listing.languages.set([languages[c] for c in item["languages"]])
        listings[item["key"]] = listing
    _interests(data, listings, organisations)
    return {"listings": listings, "items": data["listings"]}


def _interests(data, listings, organisations):
    from listings.models import ExpressionOfInterest, InterestRole

    for item in data["listings"]:
        for org in item.get("interest_from", []):
            ExpressionOfInterest.objects.create(
                listing=listings[item["key"]],
                organisation=organisations[org],
                role=InterestRole.HOST,
                what_we_bring="-",
                who_takes_part="-",
                when="-",
            )


def evaluate(loaded: dict) -> list[Result]:
    keys = {listing.pk: key for key, listing in loaded["listings"].items()}
    results = []
    for item in loaded["items"]:
        if item["kind"] != "request":
            continue
        request = loaded["listings"][item["key"]]
        ranked = [keys[c.listing.pk] for c in rank(request)]
        results.append(Result(request.reference, item["key"], item["expected"], ranked))
    return results


def metrics(results: list[Result]) -> dict:
    n = len(results) or 1
    return {
        "precision@3": sum(r.hits(3) / 3 for r in results) / n,
        "recall@10": sum(r.hits(10) / len(r.expected) for r in results if r.expected) / n,
        "mrr": sum(r.reciprocal_rank for r in results) / n,
    }
