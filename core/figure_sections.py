"""Figures an app adds to the monitoring dashboard and its exports without the
monitoring app importing it (events and monitoring are independent siblings in
the import layers). Each app registers a maker from its AppConfig.ready();
monitoring.exports asks every maker for its tables.

A maker takes the dashboard's filters as the figures name them (`kpis["filters"]`:
year, and the organisation's name when one is chosen) and returns a list of
{"slug", "title", "headers", "rows", "sheet"} (the fields of monitoring's Dataset).
"""

from .registry import Registry

_makers = Registry()
figure_section = _makers.register


def figure_sections(filters: dict) -> list[dict]:
    return [table for maker in _makers.values() for table in maker(filters)]
