"""An Atom feed of newly opened listings: the fields the public teaser shows
(kind, themes, country), not the titles and texts that only members may browse,
so that it can be read without signing in."""

from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Listing

FEED_SIZE = 50


class NewListingsFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("New opportunities — RSP Mobility Matchmaking")
    subtitle = gettext_lazy("Requests and offers newly open for partners.")
    link = reverse_lazy("listings:browse")

    def items(self):
        return (
            Listing.objects.proposable()
            .select_related("organisation")
            .prefetch_related("themes")
            .order_by("-published_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        themes = ", ".join(theme.name for theme in item.themes.all())
        return f"{item.get_kind_display()}: {themes} ({item.organisation.country.name})"

    def item_link(self, item):
        # The detail is for members; everyone else lands on the teaser.
        return reverse("listings:browse")

    def item_description(self, item):
        themes = ", ".join(theme.name for theme in item.themes.all())
        return _("%(kind)s from %(country)s. Themes: %(themes)s.") % {
            "kind": item.get_kind_display(),
            "country": item.organisation.country.name,
            "themes": themes,
        }

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]

    def item_pubdate(self, item):
        return item.published_at

    def item_guid(self, item):
        return item.reference

    item_guid_is_permalink = False
