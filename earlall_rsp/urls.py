from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from core.views import healthz, media
from members.views import language_set

admin.site.site_header = _("RSP Mobility Matchmaking — Secretariat")
admin.site.site_title = _("RSP Secretariat")
admin.site.index_title = _("Secretariat workplace")
# The admin's home is the secretariat's desk: what waits, and where to decide it.
admin.site.index_template = "admin/desk/index.html"
# Without the navigation sidebar a list has the width of the screen at 1280 px;
# the desk and the breadcrumbs lead everywhere the sidebar did.
admin.site.enable_nav_sidebar = False

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("core.auth_urls")),
    path("i18n/setlang/", language_set, name="set_language"),
    path("members/", include("members.urls")),
    path("listings/", include("listings.urls")),
    # Requests and offers lived under /opportunities/ and emails already sent link there.
    re_path(
        r"^opportunities/(?P<rest>.*)$",
        RedirectView.as_view(url="/listings/%(rest)s", permanent=True, query_string=True),
    ),
    path("matches/", include("matchmaking.urls")),
    path("exchanges/", include("exchanges.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("case-studies/", include("casestudies.urls")),
    path("inbox/", include("notifications.urls")),
    path("events/", include("events.urls")),
    path("my/", include("myarea.urls")),
    path("", include("core.urls")),
]
if settings.BENCHMARK_BARE_VIEW:
    # The yardstick of `benchmark_pages`: served only when a benchmark asks for it.
    urlpatterns.append(path("benchmark/", include("benchmarks.urls")))
if settings.SERVE_MEDIA:
    # Uploads are only validated raster images (logos, photos); for a site of this
    # size Django serves them, as static() does with DEBUG on. A larger deployment
    # lets the web server or an object store serve MEDIA_ROOT and sets SERVE_MEDIA=false.
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$",
            media,
        )
    ]
