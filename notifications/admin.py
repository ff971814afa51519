from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin_decisions import Decision, DecisionsMixin
from core.workflow import TransitionNotAllowed

from .models import Notification, NotificationState
from .services import notification_resend


def _resend(notification, by, reason):
    # A colleague (or the worker) got there first: say so rather than claim a
    # queueing that did not happen.
    if not notification_resend(notification=notification):
        notification.refresh_from_db(fields=["state"])
        raise TransitionNotAllowed(
            _("Only a failed e-mail can be sent again: this one is %(state)s.")
            % {"state": notification.get_state_display()}
        )


NOTIFICATION_DECISIONS = [
    Decision(
        name="resend",
        label=_("Send again"),
        run=_resend,
        applies=lambda n: n.state == NotificationState.FAILED,
        done=_("Queued to be sent again: %(object)s"),
    )
]


@admin.register(Notification)
class NotificationAdmin(DecisionsMixin, admin.ModelAdmin):
    """The secretariat's view of the outbox: what failed, why, and a way to send it again."""

    # Few columns, so that the list fits 1280 px; the person and the sending time
    # are on the change page.
    list_display = ["kind", "email", "state", "attempts", "short_error", "created_at"]
    list_filter = ["state", "kind"]
    search_fields = ["email", "key", "last_error"]
    readonly_fields = [f.name for f in Notification._meta.fields]
    date_hierarchy = "created_at"
    actions = ["resend"]
    decisions = NOTIFICATION_DECISIONS

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("last error"))
    def short_error(self, obj):
        return obj.last_error[:80]

    @admin.action(description=_("Resend the selected failed notifications"), permissions=["change"])
    def resend(self, request, queryset):
        resent = sum(notification_resend(notification=n) for n in queryset)
        left = queryset.count() - resent
        self.message_user(
            request,
            ngettext(
                "%(count)d notification queued to be sent again.",
                "%(count)d notifications queued to be sent again.",
                resent,
            )
            % {"count": resent},
            messages.SUCCESS,
        )
        if left:
            self.message_user(
                request,
                ngettext(
                    "%(count)d notification was not failed and was left as it is.",
                    "%(count)d notifications were not failed and were left as they are.",
                    left,
                )
                % {"count": left},
                messages.WARNING,
            )
