"""One way to change a status, for every model that has one.

Each model declares its allowed transitions in one place, its class attribute
`transitions` ({field: {from: {to, …}}}); `change_status` reads and checks them,
locks the row so that a second person acting at the same moment is told "someone
else was faster", saves with update_fields and records who, when and why in the
model's history (django-simple-history).
"""

from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext as _

from .refusals import Refusal

# Sent once a status has changed, inside the change's transaction, by both
# `change_status` and `change_status_of_locked`: sender the concrete model,
# with `instance`, `field`, `before` and `after`. The bulk path writes with one
# UPDATE, which sends no post_save, so what is kept from a status (stored
# rankings, cached counts) listens to this signal rather than to post_save.
status_changed = Signal()


def status_change_saving(instance) -> bool:
    """True while `change_status` saves `instance`: a post_save receiver that
    also listens to `status_changed` skips this save, or it would run twice."""
    return getattr(instance, "_status_change_saving", False)


# django-simple-history keeps a change reason in a 100-character column.
HISTORY_REASON_LENGTH = 100


def history_reason(text) -> str:
    """A reason as the history can keep it; the full text stays on the object
    (a review comment, a decline reason, the secretariat's message)."""
    text = str(text or "").strip()
    if len(text) <= HISTORY_REASON_LENGTH:
        return text
    return text[: HISTORY_REASON_LENGTH - 1] + "…"


def save_with_history(obj, *, by, reason="", update_fields=None):
    """Save `obj` with who and why in its history (django-simple-history): the
    one place that knows how the history learns them."""
    obj._history_user = by
    if reason:
        obj._change_reason = history_reason(reason)
    obj.save(update_fields=update_fields)
    return obj


class TransitionNotAllowed(Refusal):
    """The object is not in a state from which this change is allowed."""


class StaleState(TransitionNotAllowed):
    """Someone changed the object between the page being shown and the action."""


def transitions_of(model, field: str = "status") -> dict:
    """The transitions `model` declares for `field`: {from: {to, …}}."""
    try:
        return model.transitions[field]
    except (AttributeError, KeyError):
        raise TypeError(
            f"{model.__name__} declares no transitions for its {field!r} field: "
            f"add them to {model.__name__}.transitions."
        ) from None


def allowed(model, current: str, target: str, field: str = "status") -> bool:
    return target in transitions_of(model, field).get(current, ())


def check_transition(model, current: str, target: str, field: str = "status") -> None:
    if not allowed(model, current, target, field):
        label = dict(model._meta.get_field(field).choices or {})
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
        check_transition(model, current, to, field)
        setattr(locked, field, to)
        for name, value in (changes or {}).items():
            setattr(locked, name, value)
        locked._change_reason = history_reason(reason) or f"{current} → {to}"
        if by is not None:
            locked._history_user = by
        locked._status_change_saving = True
        try:
            locked.save(update_fields=[field, *(changes or {})])
        finally:
            del locked._status_change_saving
        status_changed.send(
            sender=model._meta.concrete_model,
            instance=locked,
            field=field,
            before=current,
            after=to,
        )
    obj.__dict__.update({f: getattr(locked, f) for f in [field, *(changes or {})]})
    return locked


def change_status_of_locked(objs: list, *, to: str, by=None, reason: str = ""):
    """Move rows the caller already holds locked (select_for_update, in a fixed
    order) to the status `to`, with what `change_status` records for each: who,
    when and why in its history. One UPDATE and one INSERT of history rows
    whatever their number, where `change_status` takes three queries a row: a
    confirmation with six parties would otherwise spend most of its time here.

    `status_changed` is sent for each row, as by `change_status`; post_save is
    not (no row was saved one by one).
    """
    if not objs:
        return
    model = type(objs[0])
    for obj in objs:
        check_transition(model, obj.status, to)
    model._default_manager.filter(pk__in=[obj.pk for obj in objs]).update(status=to)
    before = {obj.pk: obj.status for obj in objs}
    for obj in objs:
        obj._change_reason = history_reason(reason) or f"{obj.status} → {to}"
        obj.status = to
    model.history.bulk_history_create(objs, default_user=by, update=True)
    for obj in objs:
        status_changed.send(
            sender=model._meta.concrete_model,
            instance=obj,
            field="status",
            before=before[obj.pk],
            after=to,
        )
