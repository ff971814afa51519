"""The error summary of a page whose form was refused (base.html): every form in
the page's context, so that each form gets it without its template asking."""

from django import template
from django.forms import BaseForm
from django.forms.formsets import BaseFormSet

register = template.Library()


@register.simple_tag(takes_context=True)
def page_errors(context) -> list[dict]:
    """Each error of the submitted forms in the context: its message, the field's
    label and the id of the control to focus (empty for a form-wide error)."""
    errors, seen = [], set()
    for value in context.flatten().values():
        if isinstance(value, BaseForm | BaseFormSet) and id(value) not in seen:
            seen.add(id(value))
            errors.extend(_errors(value))
    return errors


def _errors(value):
    # An unbound form has no errors; asking a bound one runs its validation once.
    if not value.is_bound:
        return
    if isinstance(value, BaseFormSet):
        for message in value.non_form_errors():
            yield {"message": message, "label": "", "anchor": ""}
        for form in value.forms:
            yield from _errors(form)
        return
    # In the order of the form, form-wide errors first: the model's own checks run
    # after clean() and would list their field's error after those below it.
    order = {name: position for position, name in enumerate(value.fields)}
    for name, messages in sorted(value.errors.items(), key=lambda item: order.get(item[0], -1)):
        field = value[name] if name in value.fields else None
        for message in messages:
            if field is None or field.is_hidden:
                yield {"message": message, "label": "", "anchor": ""}
            else:
                # A label written as a sentence ends with a full stop: "….: message" otherwise.
                label = str(field.label or "").rstrip(" .:")
                yield {"message": message, "label": label, "anchor": _anchor(field)}


def _anchor(field) -> str:
    # A group of checkboxes or radios (and a split date) has no single control
    # with the field's id: its first one has the id with "_0".
    if field.field.widget.use_fieldset:
        return f"{field.auto_id}_0"
    return field.id_for_label or field.auto_id
