"""What Excel asks of the spreadsheets people download (the monitoring's exports,
an event's lists): a sheet's title of at most 31 characters, none of []:*?/\\.
A longer title (a translated one often is) makes Excel offer to "repair" the file
and drop the sheet's name; openpyxl only warns."""

import re

SHEET_TITLE_MAX = 31
NOT_IN_A_SHEET_TITLE = re.compile(r"[\[\]:*?/\\]")


def sheet_title(text) -> str:
    """`text` as a sheet's title Excel accepts."""
    title = NOT_IN_A_SHEET_TITLE.sub("-", str(text)).strip()
    return title[:SHEET_TITLE_MAX].rstrip() or "-"


# Excel, LibreOffice and Google Sheets run a cell that starts with one of these as
# a formula (a tab or a carriage return first, they read on): a name typed as
# =HYPERLINK(...) would become a link or a command in the secretariat's export.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_safe(value):
    """`value` for a cell of a downloaded CSV or XLSX: text a spreadsheet would run
    as a formula gets a leading apostrophe and shows as typed; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def row_safe(row) -> list:
    return [cell_safe(value) for value in row]
