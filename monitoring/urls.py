from django.urls import path

from . import views

app_name = "monitoring"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export/<slug:dataset>.csv", views.export_csv, name="export-csv"),
    path("export.xlsx", views.export_xlsx, name="export-xlsx"),
    path("pact-for-skills-report.xlsx", views.pact_report, name="pact-report"),
]
