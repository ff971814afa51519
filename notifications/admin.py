from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["kind", "email", "state", "attempts", "created_at", "sent_at"]
    list_filter = ["state", "kind"]
    search_fields = ["email", "key", "last_error"]
    readonly_fields = [f.name for f in Notification._meta.fields]
    date_hierarchy = "created_at"
