from django.urls import path

from . import views

app_name = "myarea"

urlpatterns = [
    path("", views.home, name="home"),
]
