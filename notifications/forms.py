import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import Notification


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = get_user_model()
        fields = ["email_notifications", "weekly_digest"]


class InboxFilter(django_filters.FilterSet):
    unread = django_filters.BooleanFilter(
        field_name="read_at",
        lookup_expr="isnull",
        label=_("Show"),
        widget=forms.Select(choices=[("", _("All notifications")), ("true", _("Unread only"))]),
    )

    class Meta:
        model = Notification
        fields = ["unread"]
