"""Past and planned exchanges (the mobilities that took place)."""

from django.urls import path  # noqa: F401

app_name = "pastexchanges"

urlpatterns: list = []
