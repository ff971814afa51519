from django.contrib import admin

from .models import Format, Language, TargetGroup, Theme


@admin.register(Theme, TargetGroup)
class TermAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "active"]
    list_editable = ["position", "active"]
    list_filter = ["active"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Format)
class FormatAdmin(TermAdmin):
    list_display = ["name", "slug", "min_days", "max_days", "position", "active"]


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
