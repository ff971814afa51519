from django.urls import path

from . import views
from .feeds import NewCaseStudiesFeed

app_name = "casestudies"

urlpatterns = [
    path("", views.case_study_list, name="list"),
    path("feed/", NewCaseStudiesFeed(), name="feed"),
    path("<slug:slug>/", views.case_study_detail, name="detail"),
    path("<slug:slug>/print/", views.case_study_print, name="print"),
    path("<slug:slug>/edit/", views.case_study_edit, name="edit"),
]
