"""Hostile files and double clicks (issue 14, "every 500"): import_listings names
the row and field instead of printing a traceback, and a listing is saved once."""

import pytest
from django.core.management import CommandError

from listings.models import Listing
from members.models import Organisation
from tests.listings.test_import import EXAMPLE, row, run, write_csv

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("encoding", "words"),
    [("latin-1", "UTF-8"), ("cp1252", "UTF-8")],
)
def test_import_of_a_file_not_in_utf8_is_refused_clearly(tmp_path, vocabulary, encoding, words):
    path = tmp_path / "rows.csv"
    path.write_bytes(EXAMPLE.read_text(encoding="utf-8").encode(encoding, errors="replace"))
    with pytest.raises(CommandError) as refused:
        run(path, "--create-organisations")
    assert words in str(refused.value)
    assert not Listing.objects.exists()


def test_import_of_a_utf16_spreadsheet_export_is_read(tmp_path, vocabulary):
    path = tmp_path / "rows.csv"
    path.write_bytes(EXAMPLE.read_text(encoding="utf-8").encode("utf-16"))
    out = run(path, "--create-organisations")
    assert "row 2: FORM-2024-017: created REQ-" in out
    assert Organisation.objects.filter(city="Borås").exists()


def test_import_of_a_nul_character_names_the_row_and_field(
    tmp_path, vocabulary, centre_val_de_loire
):
    path = write_csv(tmp_path, [row(title="Exchange\x00 on guidance")])
    with pytest.raises(CommandError) as refused:
        run(path)
    assert "row 2, field “title”" in str(refused.value)
    assert not Listing.objects.exists()


def test_import_of_a_nul_in_the_reference_names_the_row(tmp_path, vocabulary, centre_val_de_loire):
    path = write_csv(tmp_path, [row(external_ref="FORM\x00-1")])
    with pytest.raises(CommandError) as refused:
        run(path)
    assert "row 2, field “external_ref”" in str(refused.value)


def test_import_of_an_oversized_cell_is_refused_clearly(tmp_path, vocabulary, centre_val_de_loire):
    path = write_csv(tmp_path, [row(description="x" * 200_000)])
    with pytest.raises(CommandError) as refused:
        run(path)
    assert "row 2" in str(refused.value)
    assert "too long" in str(refused.value)


def test_import_of_an_oversized_reference_is_refused_clearly(
    tmp_path, vocabulary, centre_val_de_loire
):
    path = write_csv(tmp_path, [row(external_ref="R" * 65)])
    with pytest.raises(CommandError) as refused:
        run(path)
    assert "row 2, field “external_ref”" in str(refused.value)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"earliest_start": "0001-01-01"}, "latest_end"),
        ({"latest_end": "9999-12-31"}, "latest_end"),
        ({"earliest_start": "9999-12-01", "latest_end": "9999-12-31"}, "latest_end"),
    ],
)
def test_import_of_a_window_in_year_1_or_9999_is_refused(
    tmp_path, vocabulary, centre_val_de_loire, values, field
):
    path = write_csv(tmp_path, [row(**values)])
    with pytest.raises(CommandError) as refused:
        run(path)
    assert f"row 2, field “{field}”" in str(refused.value)
    assert not Listing.objects.exists()


@pytest.mark.parametrize("name", ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)"])
def test_import_refuses_a_formula_as_an_organisation_name(tmp_path, vocabulary, name):
    path = write_csv(
        tmp_path, [row(organisation_name=name, organisation_kind="ngo", organisation_country="FR")]
    )
    with pytest.raises(CommandError) as refused:
        run(path, "--create-organisations")
    assert "row 2, field “organisation_name”" in str(refused.value)
    assert not Organisation.objects.exists()


def test_import_refuses_a_reference_repeated_in_one_file(tmp_path, vocabulary, centre_val_de_loire):
    path = write_csv(
        tmp_path,
        [row(external_ref="FORM-1"), row(external_ref="FORM-1", title="Another one entirely")],
    )
    with pytest.raises(CommandError) as refused:
        run(path)
    assert "row 3, field “external_ref”: Row 2 of this file has the same reference" in str(
        refused.value
    )
    assert not Listing.objects.exists()


def test_a_double_clicked_listing_form_saves_one_draft(charlie_client, request_data):
    first = charlie_client.post("/listings/new/request/", request_data)
    second = charlie_client.post("/listings/new/request/", request_data)
    assert Listing.objects.count() == 1
    listing = Listing.objects.get()
    assert first["Location"] == second["Location"] == listing.get_absolute_url()
    shown = charlie_client.get(second["Location"]).content.decode()
    assert "already saved" in shown


def test_two_listings_with_different_titles_are_both_saved(charlie_client, request_data):
    charlie_client.post("/listings/new/request/", request_data)
    charlie_client.post("/listings/new/request/", {**request_data, "title": "A second request"})
    assert Listing.objects.count() == 2


def test_the_web_form_refuses_a_window_reaching_year_9999(charlie_client, request_data):
    response = charlie_client.post(
        "/listings/new/request/", {**request_data, "latest_end": "9999-12-31"}
    )
    assert response.status_code == 200
    assert not Listing.objects.exists()
