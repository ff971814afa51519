"""Form widgets shared by the apps."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class CheckboxGroup(forms.SelectMultiple):
    """Choices as checkboxes in a fieldset, rendered by the subclass's template.

    A SelectMultiple, not a CheckboxSelectMultiple, so that crispy-forms renders
    the subclass's template instead of its own flat list of checkboxes.
    """

    input_type = "checkbox"
    option_template_name = "django/forms/widgets/checkbox_option.html"
    use_fieldset = True
    # As a checkbox list, not a <select>: each box has its own id and is "checked".
    option_inherits_attrs = True
    add_id_index = True
    checked_attribute = {"checked": True}

    def create_option(self, *args, **kwargs):
        option = super().create_option(*args, **kwargs)
        # crispy-forms gives the field "form-select"; each box is a check input.
        option["attrs"]["class"] = "form-check-input"
        return option

    def id_for_label(self, id_, index=None):
        # As RadioSelect: the legend names the group, each box has its own label.
        return "" if index is None else super().id_for_label(id_, index)

    def use_required_attribute(self, initial):
        return False

    def value_omitted_from_data(self, data, files, name):
        return False


class GroupedCheckboxes(CheckboxGroup):
    """Several choices ticked one by one (no Ctrl-click): the usual ones shown,
    the rest folded under a summary that opens by itself when one of them is
    ticked. Plain HTML, no JavaScript."""

    template_name = "core/widgets/grouped_checkboxes.html"

    def __init__(self, attrs=None, choices=(), *, first=(), first_label="", other_label=""):
        super().__init__(attrs, choices)
        self.first = first
        self.first_label = first_label
        self.other_label = other_label

    def first_values(self) -> set:
        return {str(value) for value in self.first}

    def optgroups(self, name, value, attrs=None):
        first = self.first_values()
        groups = {True: [], False: []}
        for index, (option_value, option_label) in enumerate(self.choices):
            if option_value in ("", None):  # a blank choice or a separator line
                continue
            option = self.create_option(
                name, option_value, option_label, str(option_value) in value, index, attrs=attrs
            )
            groups[str(option_value) in first].append(option)
        return [
            (self.first_label, groups[True], 0),
            (self.other_label, groups[False], 1),
        ]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        others = context["widget"]["optgroups"][1][1]
        context["widget"]["others_ticked"] = [o for o in others if o["selected"]]
        return context


class CountryCheckboxes(GroupedCheckboxes):
    """Countries: those the partnership works with first (settings.COUNTRIES_FIRST)."""

    def __init__(self, attrs=None, choices=()):
        super().__init__(
            attrs,
            choices,
            first=settings.COUNTRIES_FIRST,
            first_label=_("European countries"),
            other_label=_("Other countries"),
        )


class TermPicker(CheckboxGroup):
    """A long list of terms (themes, formats, languages) as checkboxes in columns
    inside a box of bounded height, so the form stays short. The field's label
    becomes the fieldset's legend (crispy-forms does that for use_fieldset).

    static/js/term-picker.js adds a box that filters the list and a live count
    of the ticked terms; without JavaScript it is a plain list of checkboxes.
    """

    template_name = "core/widgets/term_picker.html"
