from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("join/", views.join, name="join"),
    path("join/thanks/", views.join_thanks, name="join-thanks"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation-detail"),
    path("my-organisation/", views.my_organisation, name="my-organisation"),
    path("my-organisation/switch/", views.organisation_switch, name="organisation-switch"),
    path("manage/<slug:slug>/", views.organisation_manage, name="organisation-manage"),
    path("manage/<slug:slug>/edit/", views.organisation_edit, name="organisation-edit"),
    path("manage/<slug:slug>/invite/", views.colleague_invite, name="colleague-invite"),
    path(
        "manage/<slug:slug>/colleagues/<int:pk>/role/",
        views.colleague_role,
        name="colleague-role",
    ),
    path(
        "manage/<slug:slug>/colleagues/<int:pk>/remove/",
        views.colleague_remove,
        name="colleague-remove",
    ),
    path(
        "manage/<slug:slug>/invitations/<int:pk>/withdraw/",
        views.invitation_withdraw,
        name="invitation-withdraw",
    ),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation-accept"),
    path("account/", views.account, name="account"),
    path("account/email/<str:token>/", views.email_confirm, name="email-confirm"),
    path("account/data/", views.account_data, name="account-data"),
    path("account/delete/", views.account_delete, name="account-delete"),
]
