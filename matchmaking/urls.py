from django.urls import path

from . import views

app_name = "matchmaking"

urlpatterns = [
    path("", views.match_list, name="list"),
    path("<int:pk>/", views.match_detail, name="detail"),
    path("<int:pk>/answer/", views.match_answer_view, name="answer"),
    path("<int:pk>/decline/", views.match_decline, name="decline"),
]
