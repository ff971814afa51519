"""The admin's bulk actions change things: staff who may only view a list see it
but cannot run them (the decision buttons ask the same, core.admin_decisions)."""

import pytest
from django.contrib.admin import site as admin_site
from django.contrib.auth.models import Permission

from core.secretariat import PRODUCT_APPS
from members.models import MembershipStatus
from tests.factories import UserFactory
from tests.otp import totp_device, verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewer(client):
    """Staff past the second factor who may view organisations, nothing more."""
    user = UserFactory(email="auditor@earlall.example", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_organisation"))
    totp_device(user)
    verified_login(client, user)
    return user


def test_staff_who_may_only_view_cannot_suspend_a_member(client, viewer, boras):
    changelist = "/admin/members/organisation/"
    assert client.get(changelist).status_code == 200
    response = client.post(
        changelist, {"action": "suspend_memberships", "_selected_action": [boras.pk]}
    )
    assert response.status_code in (200, 302)
    boras.refresh_from_db()
    assert boras.status == MembershipStatus.ACTIVE


def test_every_admin_action_asks_for_a_permission_beyond_viewing():
    lacking = [
        f"{model._meta.label}: {name}"
        for model, model_admin in admin_site._registry.items()
        if model._meta.app_label in PRODUCT_APPS
        for func, name, _description in model_admin._get_base_actions()
        if not getattr(func, "allowed_permissions", None)
    ]
    assert not lacking, f"actions anyone who may view the list can run: {lacking}"


def test_staff_who_may_not_view_listings_cannot_export_them(client, viewer):
    from tests.factories import RequestFactory

    RequestFactory(title="A draft nobody outside should read", status="draft")
    response = client.get("/listings/export.csv")
    assert response.status_code == 403
    assert b"A draft nobody outside" not in response.content
