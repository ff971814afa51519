"""import_listings reads an export of the old form: all rows or none."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from listings.models import Listing, ListingStatus
from members.models import Organisation
from notifications.models import Notification
from tests.factories import in_days

pytestmark = pytest.mark.django_db

EXAMPLE = Path(settings.BASE_DIR) / "docs" / "import-example.csv"
HEADER = EXAMPLE.read_text(encoding="utf-8").splitlines()[0]


def run(path, *args):
    lines = []

    class Out:
        def write(self, text):
            lines.append(text)

        def flush(self):
            pass

    call_command("import_listings", str(path), *args, stdout=Out())
    return "".join(lines)


def row(**values):
    base = {
        "external_ref": "FORM-1",
        "kind": "request",
        "organisation_name": "Centre-Val de Loire Region - Service Orientation",
        "organisation_country": "FR",
        "title": "Exchange on gender equality in guidance services",
        "description": "We look for a partner institution for an exchange on gender equality "
        "in education and guidance services.",
        "themes": "gender-equality",
        "formats": "study-visit",
        "role": "send",
        "earliest_start": in_days(30).isoformat(),
        "latest_end": in_days(60).isoformat(),
        "duration_days": "6",
        "participants": "8",
    }
    return {**base, **values}


def write_csv(tmp_path, rows, name="rows.csv"):
    import csv

    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER.split(","))
        writer.writeheader()
        for values in rows:
            writer.writerow(values)
    return path


def test_import_example_file_with_create_organisations(vocabulary):
    out = run(EXAMPLE, "--create-organisations")
    assert "row 2: FORM-2024-017: created REQ-" in out
    assert "organisation created: Centre-Val de Loire Region - Service Orientation" in out
    assert "row 3: FORM-2024-018: created OFF-" in out
    request = Listing.objects.get(external_ref="FORM-2024-017")
    offer = Listing.objects.get(external_ref="FORM-2024-018")
    assert request.status == ListingStatus.OPEN
    assert request.published_at is not None
    assert {t.slug for t in offer.themes.all()} == {"gender-equality", "inclusion"}
    assert {lang.code for lang in offer.languages.all()} == {"en", "sv"}
    assert request.history.first().history_change_reason == "Imported (FORM-2024-017)"
    boras = Organisation.objects.get(country="SE")
    assert (boras.kind, boras.region, boras.city) == ("local_authority", "SE232", "Borås")
    assert {lang.code for lang in boras.languages.all()} == {"sv", "en"}
    assert not Notification.objects.exists()


def test_import_twice_updates_instead_of_duplicating(vocabulary, tmp_path):
    run(EXAMPLE, "--create-organisations")
    changed = EXAMPLE.read_text(encoding="utf-8").replace(
        "We host a week on gender inclusion in VET", "We host a fortnight on gender inclusion"
    )
    path = tmp_path / "again.csv"
    path.write_text(changed, encoding="utf-8")
    out = run(path)
    assert "row 3: FORM-2024-018: updated OFF-" in out
    assert Listing.objects.count() == 2
    assert Listing.objects.get(external_ref="FORM-2024-018").title == (
        "We host a fortnight on gender inclusion"
    )


def test_import_unknown_organisation_is_refused_without_the_option(vocabulary):
    with pytest.raises(CommandError) as refused:
        run(EXAMPLE)
    assert "row 2, field “organisation”" in str(refused.value)
    assert "--create-organisations" in str(refused.value)
    assert not Listing.objects.exists()
    assert not Organisation.objects.exists()


def test_import_finds_the_organisation_by_oid_or_by_name_and_country(
    vocabulary, tmp_path, centre_val_de_loire, charlie
):
    centre_val_de_loire.oid = "E10000001"
    centre_val_de_loire.save()
    path = write_csv(
        tmp_path,
        [
            row(
                external_ref="A",
                organisation_oid="E10000001",
                organisation_name="",
                organisation_country="",
                contact_email="CHARLIE@centre-valdeloire.example",
            ),
            row(
                external_ref="B",
                organisation_name="centre-val de loire region - service orientation",
            ),
        ],
    )
    run(path)
    assert set(Listing.objects.values_list("organisation", flat=True)) == {centre_val_de_loire.pk}
    assert Listing.objects.get(external_ref="A").contact == charlie


def test_import_one_invalid_row_refuses_the_whole_file_naming_row_and_field(
    vocabulary, tmp_path, centre_val_de_loire
):
    path = write_csv(
        tmp_path,
        [
            row(external_ref="GOOD"),
            row(external_ref="BAD", duration_days="40"),
            row(external_ref="WORSE", themes=""),
        ],
    )
    with pytest.raises(CommandError) as refused:
        run(path, "--create-organisations")
    message = str(refused.value)
    assert "Nothing imported" in message
    assert "row 3, field “duration_days”: The duration (40 days) does not fit" in message
    assert "row 4, field “themes”: Choose at least one theme." in message
    assert "row 2" not in message
    assert not Listing.objects.exists()


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"kind": "wish"}, "kind", "Write “request” or “offer”."),
        ({"status": "matched"}, "status", "Write “open” or “draft”"),
        ({"external_ref": ""}, "external_ref", "This field is required."),
        ({"contact_email": "alice@boras.example"}, "contact_email", "Choose a colleague"),
        ({"themes": "no-such-theme"}, "themes", "Select a valid choice"),
        ({"participants": "600"}, "participants", "less than or equal to 500"),
        ({"earliest_start": "30/02/2030"}, "earliest_start", "Enter a valid date."),
        ({"organisation_name": "", "organisation_oid": ""}, "organisation", "OID, or its name"),
    ],
)
def test_import_invalid_row_is_explained(
    vocabulary, tmp_path, centre_val_de_loire, alice, values, field, message
):
    path = write_csv(tmp_path, [row(**values)])
    with pytest.raises(CommandError) as refused:
        run(path)
    assert f"row 2, field “{field}”: " in str(refused.value)
    assert message in str(refused.value)
    assert not Listing.objects.exists()


def test_import_new_organisation_with_a_bad_region_is_refused(vocabulary, tmp_path):
    path = write_csv(
        tmp_path,
        [row(organisation_name="New Org", organisation_kind="ngo", organisation_region="XX99999")],
    )
    with pytest.raises(CommandError) as refused:
        run(path, "--create-organisations")
    assert "field “organisation_region”" in str(refused.value)
    assert not Organisation.objects.exists()


def test_import_json_file(vocabulary, tmp_path, centre_val_de_loire):
    path = tmp_path / "rows.json"
    path.write_text(
        json.dumps(
            [
                row(external_ref="J1", themes=["Gender equality", "green-skills"], status="draft"),
            ]
        ),
        encoding="utf-8",
    )
    out = run(path)
    assert "row 1: J1: created REQ-" in out
    listing = Listing.objects.get()
    assert listing.status == ListingStatus.DRAFT
    assert {t.slug for t in listing.themes.all()} == {"gender-equality", "green-skills"}


def test_import_json_that_is_not_a_list_is_refused(tmp_path):
    path = tmp_path / "rows.json"
    path.write_text('{"external_ref": "x"}', encoding="utf-8")
    with pytest.raises(CommandError, match="must be a list of objects"):
        run(path)


def test_import_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run(tmp_path / "nowhere.csv")
