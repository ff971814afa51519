"""One way to change a status, for every model that has one.

Each model declares its allowed transitions as a dict next to its TextChoices;
`change_status` checks them, locks the row so that a second person acting at the
same moment is told "someone else was faster", saves with update_fields and
records who, when and why in the model's history (django-simple-history).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from .refusals import Refusal

# django-simple-history keeps a change reason in a 100-character column.
HISTORY_REASON_LENGTH = 100


def history_reason(text) -> str:
    """A reason as the history can keep it; the full text stays on the object
    (a review comment, a decline reason, the secretariat's message)."""
    text = str(text or "").strip()
    if len(text) <= HISTORY_REASON_LENGTH:
        return text
    return text[: HISTORY_REASON_LENGTH - 1] + "…"


class TransitionNotAllowed(Refusal):
    """The object is not in a state from which this change is allowed."""


class StaleState(TransitionNotAllowed):
    """Someone changed the object between the page being shown and the action."""


def allowed(transitions: dict, current: str, target: str) -> bool:
    return target in transitions.get(current, ())


def check_transition(transitions: dict, current: str, target: str, labels=None) -> None:
    if not allowed(transitions, current, target):
        label = dict(labels or {})
        raise TransitionNotAllowed(
            _("A %(current)s item cannot become %(target)s.")
            % {"current": label.get(current, current), "target": label.get(target, target)}
        )


def change_status(
    obj,
    *,
    to: str,
    by=None,
    reason: str = "",
    transitions: dict,
    expected: str | None = None,
    field: str = "status",
    changes: dict | None = None,
):
    """Move `obj` to the status `to`; return the saved, locked copy.

    `expected` is the status the person saw: if the row moved on meanwhile the
    change is refused rather than applied to a state they never saw.
    `changes` are further fields saved in the same UPDATE (timestamps, comments).
    """
    model = type(obj)
    with transaction.atomic():
        locked = model._default_manager.select_for_update().get(pk=obj.pk)
        current = getattr(locked, field)
        if expected is not None and current != expected:
            raise StaleState(
                _("Someone else was faster: this item is now %(status)s.")
                % {"status": getattr(locked, f"get_{field}_display")()}
            )
        choices = model._meta.get_field(field).choices
        check_transition(transitions, current, to, choices)
        setattr(locked, field, to)
        for name, value in (changes or {}).items():
            setattr(locked, name, value)
        locked._change_reason = history_reason(reason) or f"{current} → {to}"
        if by is not None:
            locked._history_user = by
        locked.save(update_fields=[field, *(changes or {})])
    obj.__dict__.update({f: getattr(locked, f) for f in [field, *(changes or {})]})
    return locked
