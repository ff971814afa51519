from django.contrib import admin

from .models import Format, Language, TargetGroup, Theme


@admin.register(Theme)
class TermAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "active"]
    list_editable = ["position", "active"]
    list_filter = ["active"]
    search_fields = ["name", "description"]
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
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
