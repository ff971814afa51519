"""The admin's history pages ("revert to this version") ask the same permission
as the change page: the secretariat cannot change a staff account through them."""

import pytest

from tests.factories import UserFactory
from tests.otp import verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return UserFactory(email="root@earlall.example", is_staff=True, is_superuser=True)


def test_the_secretariat_cannot_change_a_superusers_address_by_reverting(
    client, secretariat, superuser
):
    version = superuser.history.order_by("-history_id").first()
    verified_login(client, secretariat)
    url = f"/admin/members/user/{superuser.pk}/history/{version.history_id}/"
    response = client.post(
        url,
        {
            "email": "attacker@evil.example",
            "full_name": "Root",
            "job_title": "",
            "language": "en",
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
            "last_login_0": "",
            "last_login_1": "",
        },
    )
    assert response.status_code == 403
    superuser.refresh_from_db()
    assert superuser.email == "root@earlall.example"


def test_staff_who_may_only_view_cannot_revert_a_listing(client):
    from django.contrib.auth.models import Permission

    from listings.models import ListingStatus
    from tests.factories import RequestFactory
    from tests.otp import totp_device

    listing = RequestFactory(status=ListingStatus.OPEN, title="As it is")
    version = listing.history.order_by("-history_id").first()
    viewer = UserFactory(email="auditor@earlall.example", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_listing"))
    totp_device(viewer)
    verified_login(client, viewer)
    url = f"/admin/listings/listing/{listing.pk}/history/{version.history_id}/"
    assert client.post(url, {"title": "Changed"}).status_code == 403
    listing.refresh_from_db()
    assert listing.title == "As it is"


def test_every_admin_with_history_asks_the_change_permission_to_revert():
    from django.contrib.admin import site as admin_site
    from simple_history.admin import SimpleHistoryAdmin as Original

    from core.history_admin import SimpleHistoryAdmin

    unguarded = [
        model._meta.label
        for model, model_admin in admin_site._registry.items()
        if isinstance(model_admin, Original) and not isinstance(model_admin, SimpleHistoryAdmin)
    ]
    assert not unguarded, f"import SimpleHistoryAdmin from core.history_admin: {unguarded}"
