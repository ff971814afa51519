"""The vocabularies' names in every interface language (django-modeltranslation):
`name_en`, `name_fr`, … columns; `term.name` reads the active language's, or the
English one where the secretariat has not entered a translation."""

from modeltranslation.translator import TranslationOptions, register

from .models import Format, Language, TargetGroup, Theme


@register([Theme, Format, TargetGroup, Language])
class NameTranslation(TranslationOptions):
    fields = ("name",)
