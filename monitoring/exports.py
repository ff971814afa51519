"""The figures behind every chart and table, as rows: the page's accessible
tables, the CSV and the XLSX exports all read them from here."""

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django_countries import countries
from openpyxl import Workbook

from core.figure_sections import figure_sections
from core.spreadsheets import row_safe, sheet_title
from taxonomy.models import KpiCategory

from .selectors import CATEGORIES, kpis_for, years_with_exchanges

CATEGORY_LABELS = dict(KpiCategory.choices)


@dataclass
class Dataset:
    slug: str
    title: str
    headers: list
    rows: list
    # Excel limits sheet names to 31 characters, without : / ? * [ ].
    sheet: str = ""


def _summary_rows(kpis) -> list:
    listings, matches = kpis["listings"], kpis["matches"]
    exchanges, people, reach = kpis["exchanges"], kpis["participants"], kpis["reach"]
    rows = []
    for key, label in (("requests", _("Requests")), ("offers", _("Offers"))):
        rows += [
            [f"{label}: {_('submitted')}", listings[key]["submitted"]],
            [f"{label}: {_('open')}", listings[key]["open"]],
            [f"{label}: {_('matched')}", listings[key]["matched"]],
            [f"{label}: {_('expired')}", listings[key]["expired"]],
        ]
    rows += [
        [_("Matches confirmed, waiting for answers"), matches["confirmed"]],
        [_("Matches accepted"), matches["accepted"]],
        [_("Matches declined"), matches["declined"]],
        [_("Median days from submission to confirmed match"), kpis["median_days_to_match"]],
        [_("Median days from match to exchange"), kpis["median_days_match_to_exchange"]],
        [_("Exchanges planned"), exchanges["planned"]],
        [_("Exchanges completed"), exchanges["completed"]],
        [_("Participants"), people["total"]],
    ]
    rows += [[CATEGORY_LABELS[c], people[c]] for c in CATEGORIES]
    rows += [
        [_("Participants with fewer opportunities"), people["fewer_opportunities"]],
        [_("Share with fewer opportunities (%)"), people["fewer_opportunities_share"]],
        [_("Target for fewer opportunities (%)"), people["fewer_opportunities_target"]],
        [_("Organisations involved"), reach["organisations"]],
        [_("Countries involved"), reach["countries"]],
        [_("Regions involved"), reach["regions"]],
    ]
    return [[str(label), value] for label, value in rows]


def datasets(kpis) -> list[Dataset]:
    names = dict(countries)
    return [
        Dataset(
            "summary",
            str(_("Figures")),
            [str(_("Figure")), str(_("Value"))],
            _summary_rows(kpis),
            str(_("Figures")),
        ),
        Dataset(
            "by-month",
            str(_("Exchanges and participants by month")),
            [str(_("Month")), str(_("Exchanges")), str(_("Participants"))],
            [[m["month"], m["exchanges"], m["participants"]] for m in kpis["by_month"]],
            str(_("By month")),
        ),
        Dataset(
            "themes",
            str(_("Themes: requested against offered")),
            [str(_("Theme")), str(_("Requested")), str(_("Offered")), str(_("Gap"))],
            [[t["theme"], t["requested"], t["offered"], t["gap"]] for t in kpis["themes"]],
            str(_("Themes")),
        ),
        Dataset(
            "flows",
            str(_("Flows from sending to hosting country")),
            [str(_("Sending country")), str(_("Hosting country")), str(_("Exchanges"))],
            [
                [
                    names.get(f["sending"], f["sending"]),
                    names.get(f["host"], f["host"]),
                    f["exchanges"],
                ]
                for f in kpis["flows"]
            ],
            str(_("Flows")),
        ),
        Dataset(
            "formats",
            str(_("Exchanges by format")),
            [str(_("Format")), str(_("Planned")), str(_("Completed"))],
            [[f["format"], f["planned"], f["completed"]] for f in kpis["by_format"]],
            str(_("Formats")),
        ),
        # The other apps' tables (events: core.figure_sections), after monitoring's own.
        *(Dataset(**table) for table in figure_sections(kpis.get("filters") or {})),
    ]


def dataset_csv(dataset: Dataset) -> str:
    # As in _sheet: typed names are written as text, never as formulas.
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(row_safe(dataset.headers))
    writer.writerows(row_safe(row) for row in dataset.rows)
    return out.getvalue()


def _save(workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _sheet(workbook, title, headers, rows):
    # Names of themes, formats and events are typed by people: none may run as a
    # formula in the downloaded file (core.spreadsheets).
    sheet = workbook.create_sheet(sheet_title(title))
    sheet.append(row_safe(headers))
    for row in rows:
        sheet.append(row_safe(row))
    return sheet


def datasets_xlsx(all_datasets: list[Dataset]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for dataset in all_datasets:
        _sheet(workbook, dataset.sheet, dataset.headers, dataset.rows)
    return _save(workbook)


def pact_report_rows(*, organisation=None, years=None) -> dict:
    """The Pact for Skills survey, per year: one list of rows per section."""
    years = years if years is not None else years_with_exchanges()
    people, reach, formats, fewer = [], [], [], []
    for year in years:
        kpis = kpis_for(year=year, organisation=organisation)
        p, r = kpis["participants"], kpis["reach"]
        people.append([year, p["total"]] + [p[c] for c in CATEGORIES])
        reach.append([year, r["organisations"], r["countries"], r["regions"]])
        formats += [[year, f["format"], f["planned"], f["completed"]] for f in kpis["by_format"]]
        fewer.append(
            [
                year,
                p["total"],
                p["fewer_opportunities"],
                p["fewer_opportunities_share"],
                p["fewer_opportunities_target"],
            ]
        )
    return {
        "people": people,
        "organisations": reach,
        "formats": formats,
        "fewer_opportunities": fewer,
    }


PACT_SECTIONS = [
    (
        "people",
        _("People who benefited"),
        [_("Year"), _("Participants")] + [CATEGORY_LABELS[c] for c in CATEGORIES],
    ),
    (
        "organisations",
        _("Organisations involved"),
        [_("Year"), _("Organisations"), _("Countries"), _("Regions")],
    ),
    ("formats", _("Exchanges by format"), [_("Year"), _("Format"), _("Planned"), _("Completed")]),
    (
        "fewer_opportunities",
        _("Fewer opportunities"),
        [
            _("Year"),
            _("Participants"),
            _("With fewer opportunities"),
            _("Share (%)"),
            _("Target (%)"),
        ],
    ),
]


def pact_report_xlsx(*, organisation=None, years=None) -> bytes:
    rows = pact_report_rows(organisation=organisation, years=years)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for key, title, headers in PACT_SECTIONS:
        _sheet(workbook, str(title), [str(h) for h in headers], rows[key])
    return _save(workbook)
