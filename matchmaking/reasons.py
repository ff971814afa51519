"""Why a candidate fits, in the users' words.

A reason is stored as plain JSON, `{"code", "fit", "params"}`, on MatchParty and
in notification contexts, and turned into a sentence only when shown, so each
person reads it in their own language. Words stored as they were written (the
reasons of the first demo data, before they had codes) are a "note".

Rendering never raises: a reason of an unknown shape or age shows as what can be
read of it, so one odd row cannot take a match page or an email down.
"""

import datetime
import logging

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .concepts import concept_label

logger = logging.getLogger(__name__)

NOTE = "note"

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


def note(text: str, fit: bool = True) -> dict:
    """A reason in words written by a person: shown as written, in every language."""
    return reason(NOTE, fit, text=text)


def as_reason(item) -> dict | None:
    """Any stored reason in the one format; None for what holds no reason."""
    if isinstance(item, str):
        return note(item) if item.strip() else None
    if not isinstance(item, dict):
        return None
    params = item.get("params")
    params = params if isinstance(params, dict) else {}
    code = item.get("code")
    if not isinstance(code, str) or not code:
        text = item.get("text")
        return note(text, bool(item.get("fit", True))) if isinstance(text, str) else None
    return {"code": code, "fit": bool(item.get("fit", True)), "params": params}


def as_reasons(items) -> list[dict]:
    if not isinstance(items, list | tuple):
        items = [items]
    return [r for r in map(as_reason, items) if r is not None]


class _Lenient(dict):
    """Parameters that answer a missing name with an ellipsis instead of a KeyError."""

    def __missing__(self, key):
        return "…"


def period(start: datetime.date, end: datetime.date) -> str:
    """'9–14 December', or '28 November – 3 December' across months."""
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{date_format(end, 'j F')}"
    return f"{date_format(start, 'j F')} – {date_format(end, 'j F')}"


def _params(params: dict) -> dict:
    params = dict(params)
    if "start" in params and "end" in params:
        try:
            params["dates"] = period(
                datetime.date.fromisoformat(str(params.pop("start"))),
                datetime.date.fromisoformat(str(params.pop("end"))),
            )
        except ValueError:
            pass
    if isinstance(params.get("concepts"), list):
        params["concepts"] = ", ".join(_concept(str(c)) for c in params["concepts"])
    return params


def _concept(concept: str) -> str:
    try:
        return concept_label(concept)
    except KeyError:  # a concept the lexicon has since dropped
        return concept.replace("-", " ")


def reason_text(item) -> str:
    item = as_reason(item)
    if item is None:
        return ""
    code, params = item["code"], item["params"]
    if code == NOTE:
        return str(params.get("text", ""))
    template = TEMPLATES.get(code)
    if template is None:
        # A code this version does not know (older or newer): its words if it has any.
        logger.warning("Unknown match reason %r", code)
        return str(params.get("text") or code.replace("_", " "))
    try:
        return str(template) % _Lenient(_params(params))
    except (TypeError, ValueError):
        logger.warning("Match reason %r has parameters of another shape: %r", code, params)
        return str(template).split("%", 1)[0].strip(" :") or code.replace("_", " ")


def reasons_text(items) -> list[str]:
    return [text for text in map(reason_text, as_reasons(items or [])) if text]


def reasons_marked(items) -> list[tuple[str, bool]]:
    """Each reason with whether it speaks for the candidate (False: a mismatch)."""
    return [(reason_text(item), item["fit"]) for item in as_reasons(items or [])]
