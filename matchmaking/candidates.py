"""The candidates of a computed ranking, read as values.

A ranking scores its 250 best survivors. Building a `Listing` and its
`Organisation` for each took a fifth of a ranking at 100,000 open listings
(docs/matching.md, "Speed"), yet a page shows 20 of them and a stored ranking
keeps 50. So they are scored from their values (`ListingValues`: the fields
`signals.score` and `rules` read, under the same names), and each candidate's
`Listing` is read from the database when something first asks for it, with the
listings of the candidates ranked near it (`ComputedCandidate`, a page of 50).
"""

from django.db import connection
from django.db.models import OuterRef

from listings.models import Listing
from members.models import Organisation

from .signals import Candidate

TAG_COLUMNS = {
    "themes": "theme_id",
    "formats": "format_id",
    "target_groups": "targetgroup_id",
    "languages": "language_id",
}
# Candidates whose listings are read together, the first time one is asked for:
# a stored ranking keeps 50 (rankings.KEPT), a page shows 20.
PAGE = 50


def with_tags(qs) -> list:
    """The listings with their tag ids as sets (`themes_ids`, …) and, for those
    that name no working language, their organisation's (`organisation_languages`)."""
    # Deferred: django-countries cleans a multiple country field slowly, and the
    # candidates' own preferences play no part in their score.
    listings = list(qs.select_related("organisation").defer("preferred_countries"))
    found = _other_tags(listings)
    for listing in listings:
        _tags_set(listing, found)
    return listings


def _other_tags(listings) -> dict:
    """Formats, target groups and, for listings that name no working language,
    their organisation's, in one query (themes and languages are on the row)."""
    silent = {listing.organisation_id for listing in listings if not listing.language_ids}
    return tag_ids(
        [listing.pk for listing in listings],
        names=("formats", "target_groups"),
        organisations=silent,
    )


def _tags_set(listing, found: dict) -> None:
    listing.themes_ids = set(listing.theme_ids)
    listing.languages_ids = set(listing.language_ids)
    for name in ("formats", "target_groups"):
        setattr(listing, f"{name}_ids", found[name].get(listing.pk, set()))
    listing.organisation_languages = found["organisations"].get(listing.organisation_id, set())


def tag_ids(ids: list, *, names=tuple(TAG_COLUMNS), organisations=()) -> dict:
    """{"themes": {listing id: {theme ids}}, …} for these `names`, and
    {"organisations": {organisation id: {language ids}}} for these organisations,
    in one UNION ALL query: on a busy database each round trip counts. Written in
    SQL: the ORM took longer to build the IN lists than the database to answer."""
    found = {name: {} for name in [*names, "organisations"]}
    ids = [int(pk) for pk in ids]
    organisations = sorted(int(pk) for pk in organisations)
    parts, params, kinds = [], [], []
    if ids:
        marks = ", ".join(["%s"] * len(ids))
        for name in names:
            table = getattr(Listing, name).through._meta.db_table
            parts.append(
                f"SELECT listing_id, {TAG_COLUMNS[name]}, {len(kinds)} FROM {table} "  # noqa: S608 (names from the models)
                f"WHERE listing_id IN ({marks})"
            )
            params += ids
            kinds.append(name)
    if organisations:
        marks = ", ".join(["%s"] * len(organisations))
        table = Organisation.languages.through._meta.db_table
        parts.append(
            f"SELECT organisation_id, language_id, {len(kinds)} FROM {table} "  # noqa: S608 (names from the models)
            f"WHERE organisation_id IN ({marks})"
        )
        params += organisations
        kinds.append("organisations")
    if not parts:
        return found
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for owner, tag_id, n in cursor.fetchall():
            found[kinds[n]].setdefault(owner, set()).add(tag_id)
    return found


# --- values instead of model instances --------------------------------------

VALUES = (
    "pk",
    "kind",
    "role",
    "title",
    "description",
    "earliest_start",
    "latest_end",
    "duration_days",
    "participants",
    "fewer_opportunities_support",
    "reference",
    "organisation_id",
    "theme_ids",
    "language_ids",
)


class CountryValue:
    """An organisation's country as scoring reads it: the code, and the name
    (in the active language, as django-countries gives it) only when asked."""

    __slots__ = ("code",)

    def __init__(self, code):
        self.code = code

    @property
    def name(self):
        return Organisation._meta.get_field("country").countries.name(self.code)


class OrganisationValues:
    __slots__ = ("pk", "name", "country")

    def __init__(self, pk, name, country):
        self.pk, self.name, self.country = pk, name, CountryValue(country)


class ListingValues:
    """A candidate's listing with the fields scoring reads, by the model's names."""

    def __init__(self, row: tuple, organisation: OrganisationValues):
        for name, value in zip(VALUES, row, strict=True):
            setattr(self, name, value)
        self.id = self.pk
        self.organisation = organisation


def listing_values(ids: list) -> list[ListingValues]:
    """The listings of these ids as values, with their tag ids as `with_tags`
    gives them: in one query on PostgreSQL (each tag list an array), two
    elsewhere."""
    if not ids:
        return []
    qs = Listing.objects.filter(pk__in=ids).order_by()
    arrays = connection.vendor == "postgresql"
    if arrays:
        # Under load each round trip waits for both processes to be scheduled:
        # the tags come in the same one.
        qs = qs.annotate(**_tag_arrays())
    rows = qs.values_list(
        *VALUES, "organisation__name", "organisation__country", *(TAG_ARRAYS if arrays else ())
    )
    organisations = {}
    listings = []
    found = {"formats": {}, "target_groups": {}, "organisations": {}}
    width = len(VALUES)
    for row in rows:
        own, (name, country, *tags) = row[:width], row[width:]
        org = own[VALUES.index("organisation_id")]
        if org not in organisations:
            organisations[org] = OrganisationValues(org, name, country)
        listing = ListingValues(own, organisations[org])
        listings.append(listing)
        if tags:
            formats, groups, spoken = tags
            found["formats"][listing.pk] = set(formats)
            found["target_groups"][listing.pk] = set(groups)
            if not listing.language_ids and spoken:
                found["organisations"][org] = set(spoken)
    if not arrays:
        found = _other_tags(listings)
    for listing in listings:
        _tags_set(listing, found)
    return listings


TAG_ARRAYS = ("formats_array", "target_groups_array", "organisation_languages_array")


def _tag_arrays() -> dict:
    """The annotations `TAG_ARRAYS`: each listing's formats and target groups and
    its organisation's working languages, as arrays of ids (PostgreSQL)."""
    from django.contrib.postgres.expressions import ArraySubquery

    def ids(through, column, owner, outer):
        rows = through.objects.filter(**{owner: OuterRef(outer)}).order_by()
        return ArraySubquery(rows.values(column))

    return dict(
        zip(
            TAG_ARRAYS,
            (
                ids(Listing.formats.through, "format_id", "listing_id", "pk"),
                ids(Listing.target_groups.through, "targetgroup_id", "listing_id", "pk"),
                ids(
                    Organisation.languages.through,
                    "language_id",
                    "organisation_id",
                    "organisation_id",
                ),
            ),
            strict=True,
        )
    )


class ListingPages:
    """The `Listing`s of a ranking's candidates, in ranking order, read a page
    at a time when first asked for (each with its organisation, and the tag ids
    its values had)."""

    def __init__(self, values: list[ListingValues]):
        self.values = values
        self.read = {}

    def listing(self, position: int) -> Listing:
        found = self.get(position)
        if found is None:
            pk = self.values[position].pk
            raise Listing.DoesNotExist(f"Listing {pk} was ranked, then deleted")
        return found

    def get(self, position: int) -> Listing | None:
        """The listing at this position, or None if it was deleted since."""
        pk = self.values[position].pk
        if pk not in self.read:
            start = position - position % PAGE
            page = self.values[start : start + PAGE]
            found = Listing.objects.select_related("organisation").defer("preferred_countries")
            found = found.in_bulk([v.pk for v in page])
            for v in page:
                if v.pk in found:
                    self.read[v.pk] = _with_tags_of(found[v.pk], v)
        return self.read.get(pk)


def _with_tags_of(listing: Listing, values: ListingValues) -> Listing:
    for name in ("themes", "languages", "formats", "target_groups"):
        setattr(listing, f"{name}_ids", getattr(values, f"{name}_ids"))
    listing.organisation_languages = values.organisation_languages
    return listing


class ComputedCandidate(Candidate):
    """A candidate of a computed ranking: scored from its listing's values, its
    `Listing` read when first asked for (`ListingPages`). Made with a `Listing`
    (`dataclasses.replace` does), it is an ordinary candidate."""

    _pages = None
    _position = 0

    @classmethod
    def of(cls, scored: Candidate, pages: ListingPages, position: int) -> "ComputedCandidate":
        candidate = cls(
            listing=scored.listing,
            score=scored.score,
            reasons=scored.reasons,
            role=scored.role,
            signals=scored.signals,
            fits=scored.fits,
        )
        candidate._pages, candidate._position = pages, position
        return candidate

    @property
    def listing(self) -> Listing:
        if self._listing is None:
            self._listing = self._pages.listing(self._position)
        return self._listing

    @listing.setter
    def listing(self, value) -> None:
        # Values: what it was scored from, the listing itself read when asked for.
        self.values = value
        self._listing = value if isinstance(value, Listing) else None

    @property
    def still_listed(self) -> bool:
        if self._listing is None:
            self._listing = self._pages.get(self._position)
        return self._listing is not None


def listed(candidates: list, limit: int | None = None) -> list:
    """The first `limit` candidates (all if None) whose listing still exists.

    A listing the secretariat deletes between its ranking and its display is
    left out, not a failed page; only the pages of those kept are read."""
    kept = []
    for c in candidates:
        if limit is not None and len(kept) >= limit:
            break
        if c.still_listed:
            kept.append(c)
    return kept
