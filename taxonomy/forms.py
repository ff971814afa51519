"""Form fields and filters that list a vocabulary in the reader's language.

A field declared on a form class keeps the queryset it was given at import, with
the ordering of the language active then; these sort the terms when they are
shown, so a French reader gets the working languages from "Albanais" to
"Ukrainien" and the themes in the secretariat's order, then alphabetically."""

import django_filters
from django import forms
from django_filters import fields as filter_fields

from .selectors import sort_key


def term_order(term):
    return (getattr(term, "position", 0), sort_key(term.name))


class TermChoiceIterator(forms.models.ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for term in sorted(self.queryset, key=term_order):
            yield self.choice(term)


class TermChoiceField(forms.ModelChoiceField):
    iterator = TermChoiceIterator


class TermMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = TermChoiceIterator


class _TermFilterIterator(filter_fields.ModelChoiceIterator, TermChoiceIterator):
    pass


class _TermFilterField(filter_fields.ModelChoiceField):
    iterator = _TermFilterIterator


class TermFilter(django_filters.ModelChoiceFilter):
    field_class = _TermFilterField
