"""Listings expire, owners are asked 'still current?', renew once or close."""

import datetime
import re

import pytest
from django.core.management import call_command

from listings import services
from listings.models import ListingStatus
from listings.tasks import listings_lifecycle
from notifications.models import Notification
from tests.factories import RequestFactory, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def ours(centre_val_de_loire, charlie):
    def make(**kwargs):
        return RequestFactory(organisation=centre_val_de_loire, contact=charlie, **kwargs)

    return make


def test_expire_listings_command_expires_the_overdue_and_tells_the_owner(
    ours, charlie, mailoutbox, django_capture_on_commit_callbacks
):
    overdue = ours(expires_on=in_days(-1), title="Overdue")
    current = ours(expires_on=in_days(0), title="Expires today")
    out = []
    with django_capture_on_commit_callbacks(execute=True):
        call_command("expire_listings", stdout=_Collect(out))
    overdue.refresh_from_db()
    current.refresh_from_db()
    assert overdue.status == ListingStatus.EXPIRED
    assert current.status == ListingStatus.OPEN
    assert overdue.history.first().history_change_reason == "The expiry date passed"
    assert any(f"expired {overdue.reference}" in line for line in out)
    expired_mail = [m for m in mailoutbox if "has expired" in m.subject]
    assert [m.to for m in expired_mail] == [[charlie.email]]
    assert "Overdue" in expired_mail[0].subject


def test_expired_listing_leaves_the_open_lists(alice_client, ours):
    listing = ours(expires_on=in_days(-1), title="Overdue")
    call_command("expire_listings", stdout=_Collect([]))
    response = alice_client.get("/listings/")
    assert "Overdue" not in response.text
    assert alice_client.get(listing.get_absolute_url()).status_code == 404


def test_lifecycle_task_runs_twice_without_doing_twice(ours):
    ours(expires_on=in_days(-3))
    ours(expires_on=in_days(14))
    assert listings_lifecycle() == {"expired": 1, "reminded": 1}
    assert listings_lifecycle() == {"expired": 0, "reminded": 1}
    assert Notification.objects.filter(kind="listing_expired").count() == 1
    assert Notification.objects.filter(kind="listing_expiring").count() == 1


def test_beat_runs_the_lifecycle_task(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert listings_lifecycle.name in tasks
    assert listings_lifecycle.name == "listings.tasks.listings_lifecycle"


def test_reminder_asks_still_current_with_one_click_links(
    client, ours, charlie, mailoutbox, django_capture_on_commit_callbacks
):
    listing = ours(expires_on=in_days(14), title="Still current?")
    ours(expires_on=in_days(15), title="Not yet")
    with django_capture_on_commit_callbacks(execute=True):
        reminded = services.listings_remind_expiring()
    assert reminded == [listing]
    [mail] = mailoutbox
    assert mail.to == [charlie.email]
    assert "still current" in mail.subject.lower()
    renew_url, close_url = re.findall(r"http://\S+/listings/link/\S+/", mail.body)
    assert 'href="' + renew_url in mail.alternatives[0][0]

    path = renew_url.split("://", 1)[1].split("/", 1)[1]
    page = client.get(f"/{path}")
    assert "Yes, renew it" in page.text
    listing.refresh_from_db()
    assert listing.renewed is False  # opening the link alone changes nothing
    response = client.post(f"/{path}")
    assert "Renewed: thank you." in response.text
    listing.refresh_from_db()
    assert listing.renewed is True
    assert listing.status == ListingStatus.OPEN
    assert listing.expires_on > in_days(14)


def test_reminder_close_link_closes(client, ours):
    listing = ours(expires_on=in_days(10))
    token = services.listing_link_token(listing, "close")
    client.post(f"/listings/link/{token}/")
    listing.refresh_from_db()
    assert listing.status == ListingStatus.CLOSED
    assert listing.history.first().history_change_reason == "Closed by the organisation"


def test_listing_link_tampered_or_old_is_refused(client, ours, settings):
    listing = ours(expires_on=in_days(10))
    token = services.listing_link_token(listing, "close")
    response = client.post(f"/listings/link/{token[:-2]}xx/")
    assert response.status_code == 400
    assert "no longer valid" in response.text
    listing.refresh_from_db()
    assert listing.status == ListingStatus.OPEN


def test_listing_link_expires(client, ours, monkeypatch):
    listing = ours(expires_on=in_days(10))
    token = services.listing_link_token(listing, "close")
    monkeypatch.setattr(services, "LINK_MAX_AGE", -1)
    assert client.post(f"/listings/link/{token}/").status_code == 400
    listing.refresh_from_db()
    assert listing.status == ListingStatus.OPEN


def test_expired_listing_is_renewed_once_by_its_owner(charlie_client, charlie, ours):
    listing = ours(status=ListingStatus.EXPIRED, expires_on=in_days(-2))
    response = charlie_client.post(f"/listings/{listing.reference}/renew/", follow=True)
    assert "Renewed: the listing is open again." in response.text
    listing.refresh_from_db()
    assert listing.status == ListingStatus.OPEN
    assert listing.renewed is True
    assert listing.expires_on > in_days(0)
    assert listing.history.first().history_user == charlie

    listing.status = ListingStatus.EXPIRED
    listing.save()
    response = charlie_client.post(f"/listings/{listing.reference}/renew/", follow=True)
    assert "This listing has already been renewed once." in response.text
    listing.refresh_from_db()
    assert listing.status == ListingStatus.EXPIRED


def test_renew_twice_by_link_is_refused_with_a_message(client, ours):
    listing = ours(renewed=True, expires_on=in_days(5))
    token = services.listing_link_token(listing, "renew")
    response = client.post(f"/listings/link/{token}/")
    assert "already been renewed once" in response.text
    listing.refresh_from_db()
    assert listing.expires_on == in_days(5)


def test_renew_by_another_organisation_is_forbidden(alice_client, ours):
    listing = ours(status=ListingStatus.EXPIRED, expires_on=in_days(-2))
    # Another organisation's expired listing is not theirs to see.
    assert alice_client.post(f"/listings/{listing.reference}/renew/").status_code == 404
    listing.refresh_from_db()
    assert listing.status == ListingStatus.EXPIRED


def test_expired_listing_can_be_closed(charlie_client, ours):
    listing = ours(status=ListingStatus.EXPIRED, expires_on=in_days(-2))
    charlie_client.post(f"/listings/{listing.reference}/close/")
    listing.refresh_from_db()
    assert listing.status == ListingStatus.CLOSED


def test_expiry_skips_a_listing_closed_meanwhile(ours, monkeypatch):
    listing = ours(expires_on=in_days(-1))
    other = ours(expires_on=in_days(-1))
    real = services.listing_expire

    def owner_was_faster(*, listing):
        if listing.pk == other.pk:
            services.listing_close(listing=listing, by=None)
        return real(listing=listing)

    monkeypatch.setattr(services, "listing_expire", owner_was_faster)
    assert [x.pk for x in services.listings_expire_due()] == [listing.pk]
    other.refresh_from_db()
    assert other.status == ListingStatus.CLOSED


def test_reminder_is_sent_once_per_expiry_date(ours):
    listing = ours(expires_on=in_days(14))
    services.listings_remind_expiring()
    services.listings_remind_expiring(today=datetime.date.today() + datetime.timedelta(days=1))
    assert Notification.objects.filter(kind="listing_expiring").count() == 1
    listing.expires_on = in_days(10)
    listing.save()
    services.listings_remind_expiring()
    assert Notification.objects.filter(kind="listing_expiring").count() == 2


class _Collect:
    def __init__(self, lines):
        self.lines = lines

    def write(self, text):
        self.lines.append(text)

    def flush(self):
        pass


@pytest.mark.parametrize(("action", "status"), [("withdraw", "withdrawn"), ("close", "closed")])
def test_withdraw_and_close_ask_first_on_a_page_of_their_own(charlie_client, ours, action, status):
    listing = ours(status=ListingStatus.OPEN)
    detail = charlie_client.get(listing.get_absolute_url()).text
    assert f'href="/listings/{listing.reference}/{action}/"' in detail
    page = charlie_client.get(f"/listings/{listing.reference}/{action}/").text
    assert 'data-testid="consequences"' in page
    assert "cannot be opened again" in page
    assert f'action="/listings/{listing.reference}/{action}/"' in page
    listing.refresh_from_db()
    assert listing.status == ListingStatus.OPEN  # asking changed nothing
    charlie_client.post(f"/listings/{listing.reference}/{action}/")
    listing.refresh_from_db()
    assert listing.status == status


def test_another_organisation_cannot_open_the_withdraw_page(alice_client, ours):
    listing = ours(status=ListingStatus.OPEN)
    assert alice_client.get(f"/listings/{listing.reference}/withdraw/").status_code in (403, 404)


def test_a_matched_listing_leads_its_owner_to_the_match(charlie_client, ours):
    # The owner of a matched request saw its status and an interest count, and
    # no way on to the partners the secretariat had found.
    listing = ours(status=ListingStatus.MATCHED)

    html = charlie_client.get(listing.get_absolute_url()).text

    assert 'data-testid="matched-note"' in html
    assert 'href="/matches/"' in html


def test_an_open_listing_has_no_match_note(charlie_client, ours):
    html = charlie_client.get(ours(status=ListingStatus.OPEN).get_absolute_url()).text
    assert 'data-testid="matched-note"' not in html
