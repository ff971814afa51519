from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Match, MatchParty


class MatchPartyInline(admin.TabularInline):
    model = MatchParty
    extra = 0
    autocomplete_fields = ["organisation"]
    raw_id_fields = ["listing"]
    readonly_fields = ["answered_by", "answered_at"]


@admin.register(Match)
class MatchAdmin(SimpleHistoryAdmin):
    list_display = ["request", "status", "confirmed_by", "confirmed_at"]
    list_filter = ["status"]
    list_select_related = ["request", "confirmed_by"]
    search_fields = ["request__reference", "request__title", "parties__organisation__name"]
    raw_id_fields = ["request"]
    readonly_fields = ["confirmed_by", "confirmed_at", "answered_at"]
    inlines = [MatchPartyInline]
