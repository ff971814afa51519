import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Match, MatchStatus


class MatchFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=MatchStatus.choices, label=_("Status"), empty_label=_("All")
    )

    class Meta:
        model = Match
        fields = ["status"]
