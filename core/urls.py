from django.conf import settings
from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("signed-in/", views.signed_in, name="signed-in"),
    path("privacy/", views.privacy, name="privacy"),
]

if settings.BENCHMARK_BARE_VIEW:
    # The yardstick of `benchmark_pages`: served only when a benchmark asks for it.
    urlpatterns.append(path("benchmark/bare/", views.bare, name="benchmark-bare"))
