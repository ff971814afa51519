"""The inbox: every notification a person received, emailed or not, and the
page where they choose which emails they want."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.pagination import filtered_page

from . import services
from .emails import inbox_text
from .forms import InboxFilter, PreferencesForm
from .selectors import inbox_for


@login_required
def inbox(request):
    filterset = InboxFilter(request.GET, queryset=inbox_for(user=request.user))
    context = filtered_page(request, filterset)
    for notification in context["page_obj"]:
        notification.subject = inbox_text(notification.kind, notification.context, body=False)[0]
    return render(request, "notifications/inbox.html", context)


@login_required
def detail(request, pk):
    # Someone else's notification answers 404: it does not reveal that it exists.
    notification = get_object_or_404(inbox_for(user=request.user), pk=pk)
    services.notification_mark_read(notification=notification)
    subject, body = inbox_text(notification.kind, notification.context)
    return render(
        request,
        "notifications/detail.html",
        {"notification": notification, "subject": subject, "body": body},
    )


@login_required
@require_POST
def mark_read(request, pk):
    notification = get_object_or_404(inbox_for(user=request.user), pk=pk)
    services.notification_mark_read(notification=notification)
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_all_read(request):
    count = services.notifications_mark_all_read(user=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)d notification marked as read.",
            "%(count)d notifications marked as read.",
            count,
        )
        % {"count": count},
    )
    return redirect("notifications:inbox")


@login_required
def preferences(request):
    form = PreferencesForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.user_preferences_update(
            user=request.user,
            email_notifications=form.cleaned_data["email_notifications"],
            weekly_digest=form.cleaned_data["weekly_digest"],
        )
        messages.success(request, _("Your notification preferences are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
