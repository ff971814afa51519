from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("signed-in/", views.signed_in, name="signed-in"),
    path("privacy/", views.privacy, name="privacy"),
]
