from django.conf import settings
from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Format, Language, TargetGroup, Theme

# A term is found by its name in any language, whatever the admin's own language.
NAMES = [f"name_{code}" for code, _name in settings.LANGUAGES]


@admin.register(Theme)
class TermAdmin(TranslationAdmin):
    """The name is entered per language (English required); a language left
    empty reads in English on the site."""

    list_display = ["name", "slug", "position", "active"]
    list_editable = ["position", "active"]
    list_filter = ["active"]
    search_fields = [*NAMES, "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Format)
class FormatAdmin(TermAdmin):
    list_display = ["name", "slug", "min_days", "max_days", "position", "active"]
    list_editable = ["min_days", "max_days", "position", "active"]


@admin.register(TargetGroup)
class TargetGroupAdmin(TermAdmin):
    list_display = ["name", "slug", "kpi_category", "fewer_opportunities", "position", "active"]
    list_editable = ["kpi_category", "position", "active"]
    list_filter = ["active", "kpi_category"]


@admin.register(Language)
class LanguageAdmin(TranslationAdmin):
    list_display = ["name", "code"]
    search_fields = [*NAMES, "code"]
