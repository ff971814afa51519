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
