"""Dates as every reader of the partnership reads them the same way.

Django's English formats write 12/01/2026 for 1 December (a European reads 12
January) and "12:33 a.m." for 00:33. Here every language writes the day, the
month's name and the year, and a 24-hour time: "1 Dec 2026, 00:33",
"1 déc 2026, 00:33". Only the display formats are set: the input formats stay
each language's own (settings.FORMAT_MODULE_PATH falls back to Django's).
"""
