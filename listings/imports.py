"""Importing requests and offers from an export of the existing form.

One row is one organisation's request or offer. Every row is validated by the
same ListingForm as the web pages; any invalid row refuses the whole file, so
nothing is ever half-imported (the caller runs this in one transaction).
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.workflow import change_status
from members import services as member_services
from members.models import Organisation
from taxonomy.models import Format, Language, TargetGroup, Theme

from . import services
from .forms import ListingForm
from .models import Funding, Listing, ListingKind, ListingStatus

LIST_SEPARATOR = ";"
# Longer than any field of the form (a description is at most 5000 characters).
MAX_CELL = 10_000
# A cell starting with one of these runs as a formula when a spreadsheet opens an
# export of the organisations (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@")
LISTING_COLUMNS = [
    "title",
    "description",
    "themes",
    "formats",
    "target_groups",
    "role",
    "earliest_start",
    "latest_end",
    "duration_days",
    "participants",
    "languages",
    "preferred_countries",
    "fewer_opportunities_support",
    "funding",
    "expires_on",
]
MULTI = {"themes", "formats", "target_groups", "languages", "preferred_countries"}


class ImportRefused(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class RowError(Exception):
    field: str
    message: str


@dataclass
class Vocabulary:
    """Names or slugs (codes for languages) as typed in the form, to the form's values."""

    maps: dict = field(default_factory=dict)

    @classmethod
    def load(cls):
        maps = {}
        for name, model in (("themes", Theme), ("formats", Format), ("target_groups", TargetGroup)):
            maps[name] = {}
            for term in model.objects.all():
                maps[name][term.slug.lower()] = term.slug
                maps[name][term.name.lower()] = term.slug
        maps["languages"] = {}
        for language in Language.objects.all():
            maps["languages"][language.code.lower()] = language.code
            maps["languages"][language.name.lower()] = language.code
        return cls(maps)

    def values(self, name: str, values: list[str]) -> list[str]:
        known = self.maps.get(name)
        if known is None:
            return [v.upper() for v in values] if name == "preferred_countries" else values
        return [known.get(v.lower(), v) for v in values]


def _text(row: dict, name: str) -> str:
    value = row.get(name)
    return "" if value is None else str(value).strip()


def _list(row: dict, name: str) -> list[str]:
    value = row.get(name)
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in _text(row, name).split(LIST_SEPARATOR) if v.strip()]


def check_cells(row: dict) -> None:
    """Refuse what no field takes before it reaches a query: a NUL character
    (PostgreSQL refuses it) or a cell longer than any field."""
    for name, value in row.items():
        for cell in value if isinstance(value, list) else [value]:
            text = "" if cell is None else str(cell)
            if "\x00" in text or "\x00" in str(name):
                raise RowError(str(name).replace("\x00", ""), _("Null characters are not allowed."))
            if len(text) > MAX_CELL:
                raise RowError(
                    str(name),
                    _("The cell is too long (%(length)s characters, at most %(max)s).")
                    % {"length": len(text), "max": MAX_CELL},
                )
    ref = _text(row, "external_ref")
    limit = Listing._meta.get_field("external_ref").max_length
    if len(ref) > limit:
        raise RowError("external_ref", _("At most %(max)s characters.") % {"max": limit})


def find_organisation(row: dict, *, create: bool, vocabulary: Vocabulary) -> tuple:
    """The row's organisation by OID, else by name and country; (organisation, created)."""
    oid = _text(row, "organisation_oid").upper()
    name = _text(row, "organisation_name")
    country = _text(row, "organisation_country").upper()
    if oid:
        found = Organisation.objects.filter(oid=oid).first()
    elif name and country:
        found = Organisation.objects.filter(name__iexact=name, country=country).first()
    else:
        raise RowError("organisation", _("Give the organisation's OID, or its name and country."))
    if found:
        return found, False
    if not create:
        raise RowError(
            "organisation",
            _(
                "“%(name)s” (%(id)s) is not in the tool: add it first, or import with "
                "--create-organisations."
            )
            % {"name": name or oid, "id": oid or country},
        )
    return _create_organisation(
        row, oid=oid, name=name, country=country, vocabulary=vocabulary
    ), True


def _create_organisation(row, *, oid, name, country, vocabulary) -> Organisation:
    for column in ("organisation_name", "organisation_city"):
        if _text(row, column).startswith(FORMULA_STARTS):
            raise RowError(
                column, _("It cannot start with =, +, - or @: a spreadsheet would run it.")
            )
    codes = vocabulary.values("languages", _list(row, "organisation_languages"))
    languages = list(Language.objects.filter(code__in=codes))
    try:
        # They filled in the partnership's form: they are members already.
        organisation = member_services.organisation_create_member(
            name=name,
            kind=_text(row, "organisation_kind"),
            country=country,
            region=_text(row, "organisation_region").upper(),
            city=_text(row, "organisation_city"),
            oid=oid or None,
            languages=languages,
        )
    except ValidationError as exc:
        field_name, messages = next(iter(exc.message_dict.items()))
        raise RowError(f"organisation_{field_name}", " ".join(messages)) from exc
    if len(languages) != len(set(codes)):
        raise RowError("organisation_languages", _("Unknown language code."))
    return organisation


def _form_data(row: dict, vocabulary: Vocabulary) -> dict:
    data = {}
    for name in LISTING_COLUMNS:
        data[name] = (
            vocabulary.values(name, _list(row, name)) if name in MULTI else _text(row, name)
        )
    data["contact"] = _text(row, "contact_email").lower()
    data["funding"] = data["funding"] or Funding.NONE
    return data


def import_row(row: dict, *, create_organisations: bool, vocabulary: Vocabulary) -> str:
    """Create or update one listing; say what was done."""
    check_cells(row)
    ref = _text(row, "external_ref")
    if not ref:
        raise RowError("external_ref", _("This field is required."))
    kind = _text(row, "kind").lower()
    if kind not in ListingKind.values:
        raise RowError("kind", _("Write “request” or “offer”."))
    status = _text(row, "status").lower() or ListingStatus.OPEN
    if status not in (ListingStatus.OPEN, ListingStatus.DRAFT):
        raise RowError("status", _("Write “open” or “draft”, or leave it empty (open)."))
    organisation, org_created = find_organisation(
        row, create=create_organisations, vocabulary=vocabulary
    )
    existing = Listing.objects.filter(external_ref=ref).first()
    if existing and (existing.organisation_id != organisation.pk or existing.kind != kind):
        raise RowError("external_ref", _("This reference is another organisation's listing."))
    form = ListingForm(
        _form_data(row, vocabulary),
        instance=existing,
        organisation=organisation,
        kind=kind,
        require_contact=False,
        contact_by_email=True,
    )
    if not form.is_valid():
        field_name, messages = next(iter(form.errors.items()))
        raise RowError(
            "contact_email" if field_name == "contact" else field_name, " ".join(messages)
        )
    reason = _("Imported (%(ref)s)") % {"ref": ref}
    if existing:
        try:
            services.listing_update(
                listing=existing, by=None, data=form.cleaned_data, reason=reason
            )
        except ValidationError as exc:
            raise RowError("external_ref", " ".join(exc.messages)) from exc
        done = _("updated %(reference)s") % {"reference": existing.reference}
    else:
        listing = services.listing_create(
            organisation=organisation, kind=kind, by=None, data=form.cleaned_data, external_ref=ref
        )
        if status == ListingStatus.OPEN:
            _open_imported(listing, reason)
        done = _("created %(reference)s (%(status)s)") % {
            "reference": listing.reference,
            "status": listing.get_status_display(),
        }
    if org_created:
        done += " · " + _("organisation created: %(name)s") % {"name": organisation.name}
    return f"{ref}: {done}"


def _open_imported(listing: Listing, reason: str) -> None:
    # Imported listings were reviewed in the old process: open them without
    # notifying anyone, through the same declared transitions.
    now = timezone.now()
    for target, changes in (
        (ListingStatus.SUBMITTED, {"submitted_at": now}),
        (ListingStatus.OPEN, {"published_at": now}),
    ):
        change_status(listing, to=target, reason=reason, changes=changes)


def listings_import(*, rows: list[tuple[int, dict]], create_organisations: bool) -> list[str]:
    """Import every (row number, row) or none: raise ImportRefused naming each bad row."""
    report, errors, seen = [], [], {}
    with transaction.atomic():
        vocabulary = Vocabulary.load()
        for number, row in rows:
            try:
                # A second row with the same reference would overwrite the first.
                ref = _text(row, "external_ref")
                if ref and ref in seen:
                    raise RowError(
                        "external_ref",
                        _("Row %(n)s of this file has the same reference.") % {"n": seen[ref]},
                    )
                seen.setdefault(ref, number)
                with transaction.atomic():
                    report.append(
                        _("row %(n)s: %(done)s")
                        % {
                            "n": number,
                            "done": import_row(
                                row,
                                create_organisations=create_organisations,
                                vocabulary=vocabulary,
                            ),
                        }
                    )
            except RowError as exc:
                errors.append(
                    _("row %(n)s, field “%(field)s”: %(message)s")
                    % {"n": number, "field": exc.field, "message": exc.message}
                )
        if errors:
            transaction.set_rollback(True)
    if errors:
        raise ImportRefused(errors)
    return report
