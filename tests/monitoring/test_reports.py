"""The exports and the command say what the dashboard says."""

import csv
import io
import json

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from core.spreadsheets import sheet_title
from monitoring.exports import datasets, datasets_xlsx, pact_report_xlsx
from monitoring.selectors import kpis_for

pytestmark = pytest.mark.django_db


def _workbook(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def _sheet_rows(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_xlsx_export_holds_every_table_with_the_same_figures(secretariat_client, partnership):
    response = secretariat_client.get(reverse("monitoring:export-xlsx"), {"year": 2025})
    workbook = _workbook(response)
    expected = datasets(kpis_for(year=2025))
    assert workbook.sheetnames == [d.sheet for d in expected]
    for dataset in expected:
        rows = _sheet_rows(workbook[dataset.sheet])
        assert rows == [dataset.headers] + dataset.rows
    summary = dict(_sheet_rows(workbook["Figures"])[1:])
    assert summary["Participants"] == 15
    assert summary["Share with fewer opportunities (%)"] == 20.0
    assert summary["Median days from match to exchange"] == 78.5


def test_csv_export_of_a_chart_lists_its_figures(secretariat_client, partnership):
    response = secretariat_client.get(
        reverse("monitoring:export-csv", args=["themes"]), {"year": 2025}
    )
    assert response["Content-Disposition"] == 'attachment; filename="monitoring-themes.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        ["Theme", "Requested", "Offered", "Gap"],
        ["Gender equality", "2", "1", "1"],
        ["Green skills", "1", "1", "0"],
    ]


def test_csv_export_of_flows_names_the_countries(secretariat_client, partnership):
    response = secretariat_client.get(reverse("monitoring:export-csv", args=["flows"]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1] == ["France", "Sweden", "2"]


def test_csv_export_of_an_unknown_chart_is_not_found(secretariat_client):
    response = secretariat_client.get(reverse("monitoring:export-csv", args=["salaries"]))
    assert response.status_code == 404


def test_exports_follow_the_dashboards_permissions(client, alice, bob, partnership):
    url = reverse("monitoring:export-xlsx")
    assert client.get(url).status_code == 302
    client.force_login(bob)
    assert client.get(url).status_code == 403
    client.force_login(alice)
    assert client.get(url, {"organisation": partnership.valencia.pk}).status_code == 404
    summary = dict(_sheet_rows(_workbook(client.get(url, {"year": 2025}))["Figures"])[1:])
    # Borås: E1 and E2, not E3.
    assert summary["Exchanges planned"] == 0
    assert summary["Exchanges completed"] == 2


def test_pact_report_has_one_sheet_per_section_and_a_row_per_year(secretariat_client, partnership):
    workbook = _workbook(secretariat_client.get(reverse("monitoring:pact-report")))
    assert workbook.sheetnames == [
        "People who benefited",
        "Organisations involved",
        "Exchanges by format",
        "Fewer opportunities",
    ]
    assert _sheet_rows(workbook["People who benefited"]) == [
        ["Year", "Participants", "VET learners", "Apprentices", "Adult learners", "Staff"],
        [2024, 6, 0, 0, 0, 6],
        [2025, 15, 4, 3, 2, 6],
    ]
    assert _sheet_rows(workbook["Organisations involved"])[1:] == [[2024, 2, 2, 2], [2025, 3, 3, 2]]
    assert _sheet_rows(workbook["Exchanges by format"])[1:] == [
        [2024, "Study visit", 0, 1],
        [2025, "Staff job shadowing", 0, 1],
        [2025, "Study visit", 1, 1],
    ]
    assert _sheet_rows(workbook["Fewer opportunities"])[1:] == [
        [2024, 6, 2, 33.3, 20],
        [2025, 15, 3, 20.0, 20],
    ]


def test_kpis_command_prints_the_figures_as_json(partnership):
    out = io.StringIO()
    call_command("kpis", "--year", "2025", "--json", stdout=out)
    printed = json.loads(out.getvalue())
    expected = json.loads(json.dumps(kpis_for(year=2025), default=str))
    assert printed == expected
    assert printed["participants"]["total"] == 15


def test_kpis_command_prints_readable_figures(partnership):
    out = io.StringIO()
    call_command("kpis", "--year", "2025", "--organisation", "valencia", stdout=out)
    text = out.getvalue()
    assert "Participants: 5" in text
    assert "Median days from submission to confirmed match: 17.5" in text
    assert "Gender equality" not in text


def test_kpis_command_refuses_an_unknown_theme(partnership):
    with pytest.raises(CommandError, match="No theme with the slug 'cooking'"):
        call_command("kpis", "--theme", "cooking")


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_every_sheet_title_of_the_exports_is_one_excel_accepts(language, partnership):
    """Excel refuses a sheet title over 31 characters or with []:*?/\\ (a translated
    title is often longer: Swedish's "people who benefited" is 39)."""
    with translation.override(language):
        books = [pact_report_xlsx(), datasets_xlsx(datasets(kpis_for()))]
    for book in books:
        for title in load_workbook(io.BytesIO(book)).sheetnames:
            assert len(title) <= 31 and not set("[]:*?/\\") & set(title), (language, title)


def test_a_sheet_title_is_cut_to_what_excel_accepts():
    assert (
        sheet_title("Personer som har fått ta del av utbyten") == "Personer som har fått ta del av"
    )
    assert sheet_title("Requests/offers: [2025]") == "Requests-offers- -2025-"


def test_a_name_typed_as_a_formula_comes_out_of_the_exports_as_text(
    secretariat_client, partnership
):
    """A name typed as =HYPERLINK(...) would run as a formula in the spreadsheet
    someone downloads: every export writes it as the text it is."""
    typed = '=HYPERLINK("https://evil.example","Gender equality")'
    partnership.green.name = typed
    partnership.green.save()
    response = secretariat_client.get(
        reverse("monitoring:export-csv", args=["themes"]), {"year": 2025}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert [row[0] for row in rows[1:]] == ["Gender equality", f"'{typed}"]
    sheet = _workbook(secretariat_client.get(reverse("monitoring:export-xlsx"), {"year": 2025}))[
        "Themes"
    ]
    cell = sheet.cell(row=3, column=1)
    assert (cell.data_type, cell.value) == ("s", f"'{typed}")
    partnership.visit.name = "+Study visit"
    partnership.visit.save()
    report = _workbook(secretariat_client.get(reverse("monitoring:pact-report")))
    formats = [row[1] for row in _sheet_rows(report["Exchanges by format"])[1:]]
    assert "'+Study visit" in formats and "+Study visit" not in formats
