"""Why a candidate fits, in the users' words.

A reason is stored as plain JSON ({"code", "fit", "params"}) on MatchParty and
in notification contexts, and turned into a sentence only when shown, so each
person reads it in their own language and from their own side: a reason about
who hosts whom names both organisations, and says "you" to the one reading.
`fit` is True (speaks for the candidate), False (a mismatch) or None (to know).
"""

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .concepts import concept_label

TEMPLATES = {
    "text_close": _("the descriptions speak of the same thing (similarity %(similarity)s)"),
    "text_related": _("the descriptions are related (similarity %(similarity)s)"),
    "text_far": _("the descriptions speak of other things (similarity %(similarity)s)"),
    "no_text": _("the descriptions are not compared yet"),
    "themes": _("both work on %(themes)s"),
    "no_themes": _("no shared theme"),
    "concepts": _("both descriptions speak of %(concepts)s"),
    "formats": _("same format: %(formats)s"),
    "target_groups": _("same target groups: %(groups)s"),
    "dates": _("dates overlap %(dates)s"),
    "dates_both": _(
        "dates overlap %(dates)s, room for both stays (%(days)s and %(their_days)s days)"
    ),
    "languages": _("shared language: %(languages)s"),
    "preferred_country": _("in a preferred country: %(country)s"),
    "different_country": _("different country"),
    "same_country": _("same country"),
    "fewer_opportunities": _("supports participants with fewer opportunities"),
    "interest": _("expressed interest"),
    "track_record": _("%(exchanges)s completed exchanges on these themes"),
    "track_record_rated": _(
        "%(exchanges)s completed exchanges on these themes, rated %(rating)s/5 by partners"
    ),
    "both_requests": _("both look for partners on this theme"),
    "co_participant": _("%(organisation)s would take part alongside you, with another host"),
    "reciprocal": _("reciprocal: %(organisation)s could host you and you could host it later"),
}

# Who hosts whom, from three sides: the host reading, the guest reading, anyone else.
SIDES = {
    "capacity": (
        _("you can host %(capacity)s; %(guest)s brings %(participants)s"),
        _("%(host)s can host %(capacity)s; you bring %(participants)s"),
        _("%(host)s can host %(capacity)s; %(guest)s brings %(participants)s"),
    ),
    "capacity_short": (
        _("you can host only %(capacity)s; %(guest)s brings %(participants)s"),
        _("%(host)s can host only %(capacity)s; you bring %(participants)s"),
        _("%(host)s can host only %(capacity)s; %(guest)s brings %(participants)s"),
    ),
    "group_unknown": (
        _("you can host %(capacity)s; %(guest)s has not said how many it would bring"),
        _("%(host)s can host %(capacity)s; say how many you would bring"),
        _("%(host)s can host %(capacity)s; %(guest)s has not said how many it would bring"),
    ),
}


def reason(code: str, fit: bool | None = True, **params) -> dict:
    return {"code": code, "fit": fit, "params": params}


def period(start: datetime.date, end: datetime.date) -> str:
    """'9–14 December', or '28 November – 3 December' across months."""
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{date_format(end, 'j F')}"
    return f"{date_format(start, 'j F')} – {date_format(end, 'j F')}"


def _template(code: str, params: dict, readers):
    if code in SIDES:
        as_host, as_guest, neutral = SIDES[code]
        if params.get("host_id") in readers:
            return as_host
        if params.get("guest_id") in readers:
            return as_guest
        return neutral
    if code == "track_record" and params.get("rating") is not None:
        return TEMPLATES["track_record_rated"]
    return TEMPLATES.get(code)


def reason_text(item: dict, readers=()) -> str:
    """The sentence, for a reader from these organisations (ids; none: the
    secretariat or anyone else)."""
    params = dict(item.get("params") or {})
    if "start" in params and "end" in params:
        params["dates"] = period(
            datetime.date.fromisoformat(params.pop("start")),
            datetime.date.fromisoformat(params.pop("end")),
        )
    if isinstance(params.get("concepts"), list):
        params["concepts"] = ", ".join(concept_label(c) for c in params["concepts"])
    template = _template(item.get("code"), params, set(readers or ()))
    if template is None:
        return item.get("code", "")
    return str(template) % params


def reasons_text(items, readers=()) -> list[str]:
    return [reason_text(item, readers) for item in items or []]


def reasons_marked(items, readers=()) -> list[tuple[str, bool | None]]:
    """Each reason with whether it speaks for the candidate (False: a mismatch,
    None: something to know)."""
    return [(reason_text(item, readers), item.get("fit", True)) for item in items or []]
