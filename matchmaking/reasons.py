"""Why a candidate fits, in the users' words.

A reason is stored as plain JSON, `{"code", "fit", "params"}`, on MatchParty and
in notification contexts, and turned into a sentence only when shown, so each
person reads it in their own language and from their own side: a reason about
who hosts whom names both organisations, and says "you" to the one reading.
`fit` is True (speaks for the candidate), False (a mismatch) or None (to know).
Words stored as they were written (the reasons of the first demo data, before
they had codes) are a "note".

Rendering never raises: a reason of an unknown shape or age shows as what can be
read of it, so one odd row cannot take a match page or an email down.
"""

import datetime
import logging

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries import countries

from core.language import in_a_sentence
from taxonomy.models import Format, Language, TargetGroup, Theme
from taxonomy.selectors import sort_key, term_names

from .concepts import concept_label

logger = logging.getLogger(__name__)

NOTE = "note"

TEMPLATES = {
    # Members read the words only: a raw similarity means nothing to them and
    # overstates a weak one; the secretariat's curation adds the figure (FIGURES).
    "text_close": _("the descriptions speak of the same thing"),
    "text_related": _("the descriptions are related"),
    "text_weak": _("the descriptions have little in common"),
    "text_far": _("the descriptions speak of other things"),
    "no_text": _("the descriptions are not compared yet"),
    "dates_both": _(
        "dates overlap %(dates)s, room for both stays (%(days)s and %(their_days)s days)"
    ),
    "co_participant": _("%(organisation)s would take part alongside you, with another host"),
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

# Stored reasons from before "text_weak": a "related" this low reads as weak.
WEAK_SIMILARITY = 0.1
FIGURES = _("%(sentence)s (similarity %(similarity)s)")


def _track_record(params: dict) -> str:
    # Plural forms differ by language (one, few, many…): ngettext at render time.
    try:
        count = int(params.get("exchanges"))
    except (TypeError, ValueError):
        count = 2
    if params.get("rating") is not None:
        return ngettext(
            "%(exchanges)s completed exchange on these themes, rated %(rating)s/5 by partners",
            "%(exchanges)s completed exchanges on these themes, rated %(rating)s/5 by partners",
            count,
        )
    return ngettext(
        "%(exchanges)s completed exchange on these themes",
        "%(exchanges)s completed exchanges on these themes",
        count,
    )


def _is_weak(params: dict) -> bool:
    try:
        return float(params.get("similarity")) < WEAK_SIMILARITY
    except (TypeError, ValueError):
        return False


# Who hosts whom, from three sides: the host reading, the guest reading, anyone
# else. Older reasons without the guest's name keep their first wording above.
# The roles in the listing form's words (listings.models.ROLE_WORDS): "host
# visitors", "send participants abroad".
SIDES = {
    "hosting": (
        _("you would host visitors from %(guest)s"),
        _("%(host)s can host visitors; you would send participants there"),
        _("%(host)s would host visitors from %(guest)s"),
    ),
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
    fit = item.get("fit", True)
    return {"code": code, "fit": None if fit is None else bool(fit), "params": params}


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
    code = params.pop("country_code", None)
    if isinstance(code, str) and countries.name(code):
        params["country"] = countries.name(code)
    for name, model in TERMS.items():
        named = _term_names(model, params.pop(f"{name}_ids", None))
        if named:
            params[name] = named
    return params


# The parameters that name terms, each with the ids beside it (`themes_ids`):
# the names are the reader's, the stored words only what older reasons have.
TERMS = {"themes": Theme, "formats": Format, "groups": TargetGroup, "languages": Language}


def _term_names(model, ids) -> str | None:
    if not isinstance(ids, list) or not ids:
        return None
    names = term_names(model)
    try:
        found = [names[int(pk)] for pk in ids]
    except (KeyError, TypeError, ValueError):  # a term deleted since: the stored words
        return None
    if model is Language:  # "langue commune : anglais", not "Anglais"
        found = [in_a_sentence(name) for name in found]
    return ", ".join(sorted(found, key=sort_key))


def _concept(concept: str) -> str:
    try:
        return concept_label(concept)
    except KeyError:  # a concept the lexicon has since dropped
        return concept.replace("-", " ")


# Two that send participants abroad side by side, to a third that hosts: the
# co-participant reading, the requester reading, anyone else.
ALONGSIDE = (
    _("you would send participants abroad alongside %(requester)s, with another host"),
    _("%(organisation)s would send participants abroad alongside you, with another host"),
    _("%(organisation)s would send participants abroad alongside %(requester)s, with another host"),
)


def _template(code: str, params: dict, readers):
    if code == "co_participant" and "requester" in params:
        if params.get("organisation_id") in readers:
            return ALONGSIDE[0]
        if params.get("requester_id") in readers:
            return ALONGSIDE[1]
        return ALONGSIDE[2]
    if code in SIDES and "guest" in params:
        as_host, as_guest, neutral = SIDES[code]
        if params.get("host_id") in readers:
            return as_host
        if params.get("guest_id") in readers:
            return as_guest
        return neutral
    if code == "track_record":
        return _track_record(params)
    if code == "text_related" and _is_weak(params):
        return TEMPLATES["text_weak"]
    return TEMPLATES.get(code)


def reason_text(item, readers=(), figures: bool = False) -> str:
    """The sentence, for a reader from these organisations (ids; none: the
    secretariat or anyone else); `figures` adds the raw similarity, for the
    secretariat's curation."""
    item = as_reason(item)
    if item is None:
        return ""
    code, params = item["code"], item["params"]
    if code == NOTE:
        return str(params.get("text", ""))
    template = _template(code, params, set(readers or ()))
    if template is None:
        # A code this version does not know (older or newer): its words if it has any.
        logger.warning("Unknown match reason %r", code)
        return str(params.get("text") or code.replace("_", " "))
    try:
        text = str(template) % _Lenient(_params(params))
        if figures and code.startswith("text_") and "similarity" in params:
            text = str(FIGURES) % {"sentence": text, "similarity": params["similarity"]}
        return text
    except (TypeError, ValueError):
        logger.warning("Match reason %r has parameters of another shape: %r", code, params)
        return str(template).split("%", 1)[0].strip(" :") or code.replace("_", " ")


def reasons_text(items, readers=(), figures: bool = False) -> list[str]:
    texts = (reason_text(item, readers, figures) for item in as_reasons(items or []))
    return [text for text in texts if text]


def reasons_marked(items, readers=(), figures: bool = False) -> list[tuple[str, bool | None]]:
    """Each reason with whether it speaks for the candidate (False: a mismatch,
    None: something to know)."""
    return [(reason_text(item, readers, figures), item["fit"]) for item in as_reasons(items or [])]
