"""Requests and offers moved from the exchanges app to the listings app without
moving a row: a database of the old layout comes through the migrations with its
listings, interests, saved searches, matches, notifications and permissions."""

import datetime

import pytest
from django.apps import apps as live_apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.secretariat import SECRETARIAT_GROUP, sync_secretariat_group
from listings.models import ExpressionOfInterest, Listing, SavedSearch
from matchmaking.models import Match
from notifications.models import Notification

# A database of the old layout is a deployment's, hence PostgreSQL: the move is
# proven there (CI's second run), and the embedded run saves the half-minute of
# migrating every app back and forth. Transactional, as migrations run outside
# a test's transaction.
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def migrate(targets):
    """Migrate the test database to `targets`; the apps of the resulting state."""
    executor = MigrationExecutor(connection)
    state = executor.migrate(targets)
    ContentType.objects.clear_cache()
    return state.apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def old_layout_data(apps):
    """What a database of the old layout holds, written with the old models."""
    sync_secretariat_group(apps)
    User = apps.get_model("members", "User")
    Organisation = apps.get_model("members", "Organisation")
    Theme = apps.get_model("taxonomy", "Theme")
    Listing = apps.get_model("exchanges", "Listing")
    ContentType = apps.get_model("contenttypes", "ContentType")
    boras = Organisation.objects.create(
        name="Borås", slug="boras", kind="local_authority", country="SE", status="active"
    )
    centre = Organisation.objects.create(
        name="Centre-Val de Loire", slug="cvl", kind="regional_authority", country="FR"
    )
    claire = User.objects.create(email="claire@example.org", full_name="Claire")
    # The vocabularies ship with the taxonomy migrations, which stay applied.
    theme, _ = Theme.objects.get_or_create(
        slug="gender-equality", defaults={"name": "Gender equality"}
    )
    window = {"earliest_start": datetime.date(2030, 1, 1), "latest_end": datetime.date(2030, 3, 1)}
    request = Listing.objects.create(
        kind="request",
        reference="REQ-A1B2C3",
        organisation=centre,
        title="Gender equality in guidance",
        description="We look for a partner.",
        role="send",
        duration_days=6,
        participants=8,
        expires_on=datetime.date(2030, 6, 1),
        status="matched",
        contact=claire,
        **window,
    )
    request.themes.add(theme)
    offer = Listing.objects.create(
        kind="offer",
        reference="OFF-D4E5F6",
        organisation=boras,
        title="A week on gender inclusion",
        description="We host.",
        role="host",
        duration_days=5,
        participants=12,
        expires_on=datetime.date(2030, 6, 1),
        status="matched",
        **window,
    )
    apps.get_model("exchanges", "HistoricalListing").objects.create(
        id=request.pk,
        history_date=datetime.datetime(2029, 12, 1, tzinfo=datetime.UTC),
        history_type="+",
        history_change_reason="Created",
        kind="request",
        reference=request.reference,
        organisation_id=centre.pk,
        title=request.title,
        description=request.description,
        role="send",
        duration_days=6,
        participants=8,
        expires_on=request.expires_on,
        created_at=datetime.datetime(2029, 12, 1, tzinfo=datetime.UTC),
        **window,
    )
    apps.get_model("exchanges", "ExpressionOfInterest").objects.create(
        listing=request,
        organisation=boras,
        role="host",
        what_we_bring="A programme",
        who_takes_part="Our team",
        when="Spring",
    )
    apps.get_model("exchanges", "SavedSearch").objects.create(
        user=claire, name="Gender", query="theme=gender-equality", notify=True
    )
    match = apps.get_model("matchmaking", "Match").objects.create(request=request)
    apps.get_model("matchmaking", "MatchParty").objects.create(
        match=match, organisation=boras, listing=offer, role="host"
    )
    listing_type = ContentType.objects.get(app_label="exchanges", model="listing")
    apps.get_model("notifications", "Notification").objects.create(
        key="published:REQ-A1B2C3",
        kind="listing_published",
        recipient=claire,
        email=claire.email,
        content_type=listing_type,
        object_id=str(request.pk),
    )
    permission = apps.get_model("auth", "Permission").objects.get(
        content_type=listing_type, codename="change_listing"
    )
    claire.user_permissions.add(permission)
    return {"listing_type": listing_type.pk, "permission": permission.pk}


def test_a_database_of_the_old_layout_keeps_everything_after_the_move():
    old_apps = migrate([("listings", None)])
    try:
        assert not old_apps.is_installed("listings") or not old_apps.all_models["listings"]
        before = old_layout_data(old_apps)
    finally:
        # Whatever happens, the tests after this one find the current schema.
        migrate(latest())

    request = Listing.objects.get(reference="REQ-A1B2C3")
    assert request.organisation.slug == "cvl"
    assert [t.slug for t in request.themes.all()] == ["gender-equality"]
    assert request.history.get().history_change_reason == "Created"
    assert ExpressionOfInterest.objects.get().listing == request
    assert SavedSearch.objects.get().user.email == "claire@example.org"
    match = Match.objects.get()
    assert match.request == request
    assert match.parties.get().listing.reference == "OFF-D4E5F6"
    # The content type row changed its label in place: same row, new app.
    listing_type = ContentType.objects.get_for_model(Listing)
    assert listing_type.pk == before["listing_type"]
    assert not ContentType.objects.filter(app_label="exchanges", model="listing").exists()
    assert Notification.objects.get().subject_object == request
    # Permissions kept their rows, so whoever held them holds them still.
    assert Permission.objects.get(pk=before["permission"]).content_type_id == listing_type.pk
    claire = request.contact
    assert claire.has_perm("listings.change_listing")
    secretariat = Group.objects.get(name=SECRETARIAT_GROUP)
    assert secretariat.permissions.filter(
        content_type__app_label="listings", codename="change_savedsearch"
    ).exists()
    assert not Permission.objects.filter(
        content_type__app_label="exchanges", codename__contains="listing"
    ).exists()
    assert live_apps.get_model("listings", "Request")._meta.db_table == "exchanges_listing"
