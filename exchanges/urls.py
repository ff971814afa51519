"""Past and planned exchanges (the mobilities that took place)."""

from django.urls import path

from . import views

app_name = "exchanges"

urlpatterns = [
    path("", views.past_exchange_list, name="list"),
    path("mine/", views.my_exchanges, name="mine"),
    path("<int:pk>/", views.past_exchange_detail, name="detail"),
    path("<int:pk>/report/", views.exchange_report, name="report"),
    path("<int:pk>/feedback/<slug:organisation>/", views.exchange_feedback, name="feedback"),
]
