"""Why a candidate fits, in the users' words.

A reason is stored as plain JSON (a code and its parameters) on MatchParty and in
notification contexts, and turned into a sentence only when shown, so each
person reads it in their own language.
"""

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .concepts import concept_label

TEMPLATES = {
    "themes": _("both work on %(themes)s"),
    "no_themes": _("no shared theme"),
    "concepts": _("both descriptions speak of %(concepts)s"),
    "formats": _("same format: %(formats)s"),
    "target_groups": _("same target groups: %(groups)s"),
    "capacity": _("%(host)s can host %(capacity)s; you plan %(participants)s"),
    "capacity_short": _("%(host)s can host only %(capacity)s; you plan %(participants)s"),
    "dates": _("dates overlap %(dates)s"),
    "languages": _("shared language: %(languages)s"),
    "no_language": _("no shared language"),
    "preferred_country": _("in a preferred country: %(country)s"),
    "different_country": _("different country"),
    "same_country": _("same country"),
    "fewer_opportunities": _("supports participants with fewer opportunities"),
    "interest": _("expressed interest"),
    "both_requests": _("both look for partners on this theme"),
    "reciprocal": _("reciprocal: %(organisation)s could host you and you could host it later"),
}


def reason(code: str, fit: bool = True, **params) -> dict:
    return {"code": code, "fit": fit, "params": params}


def period(start: datetime.date, end: datetime.date) -> str:
    """'9–14 December', or '28 November – 3 December' across months."""
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{date_format(end, 'j F')}"
    return f"{date_format(start, 'j F')} – {date_format(end, 'j F')}"


def reason_text(item: dict) -> str:
    params = dict(item.get("params") or {})
    if "start" in params and "end" in params:
        params["dates"] = period(
            datetime.date.fromisoformat(params.pop("start")),
            datetime.date.fromisoformat(params.pop("end")),
        )
    if isinstance(params.get("concepts"), list):
        params["concepts"] = ", ".join(concept_label(c) for c in params["concepts"])
    template = TEMPLATES.get(item.get("code"))
    if template is None:
        return item.get("code", "")
    return str(template) % params


def reasons_text(items) -> list[str]:
    return [reason_text(item) for item in items or []]


def reasons_marked(items) -> list[tuple[str, bool]]:
    """Each reason with whether it speaks for the candidate (False: a mismatch)."""
    return [(reason_text(item), item.get("fit", True)) for item in items or []]
