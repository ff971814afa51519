from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import CaseStudy


class NewCaseStudiesFeed(Feed):
    feed_type = Atom1Feed
    title = _("RSP Mobility Matchmaking: new case studies")
    subtitle = _("Exchanges between members of the Regional Skills Partnership, told by them.")
    link = reverse_lazy("casestudies:list")

    def items(self):
        return CaseStudy.objects.published().order_by("-published_at")[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
