from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/register/", views.event_register, name="register"),
    path("<int:pk>/bring/", views.listing_bring, name="bring"),
    path("<int:pk>/cancel/", views.registration_cancel, name="cancel"),
    path("<int:pk>/meet/<int:registration_pk>/", views.meeting_ask, name="meeting-ask"),
    path("<int:pk>/requests/<int:request_pk>/answer/", views.meeting_answer, name="meeting-answer"),
    path(
        "<int:pk>/meetings/<int:meeting_pk>/follow-up/",
        views.meeting_follow_up,
        name="meeting-follow-up",
    ),
    path("<int:pk>/agenda/", views.agenda, name="agenda"),
    path("<int:pk>/agenda.ics", views.agenda_calendar, name="agenda-ics"),
    path("<int:pk>/availability/", views.availability, name="availability"),
    path("<int:pk>/agenda/print/", views.agenda_print, name="agenda-print"),
    path("feed/<str:token>/agenda.ics", views.agenda_feed, name="agenda-feed"),
]
