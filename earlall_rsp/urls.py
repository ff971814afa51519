from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from core.views import healthz

admin.site.site_header = _("RSP Mobility Matchmaking — Secretariat")
admin.site.site_title = _("RSP Secretariat")
admin.site.index_title = _("Secretariat workplace")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("core.auth_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("members/", include("members.urls")),
    path("opportunities/", include("exchanges.urls")),
    path("matches/", include("matchmaking.urls")),
    path("exchanges/", include("exchanges.exchange_urls")),
    path("monitoring/", include("monitoring.urls")),
    path("case-studies/", include("casestudies.urls")),
    path("inbox/", include("notifications.urls")),
    path("", include("core.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
