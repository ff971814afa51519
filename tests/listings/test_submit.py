"""A member submits a request or an offer on behalf of their organisation."""

import pytest

from listings.models import Listing, ListingStatus
from notifications.models import Notification
from tests.factories import RequestFactory, in_days
from tests.otp import verified_login

pytestmark = pytest.mark.django_db


def post(client, data, action="submit", url="/listings/new/request/"):
    return client.post(url, {**data, "action": action})


def test_listing_submit_sends_it_to_the_secretariat(
    charlie_client,
    request_data,
    secretariat,
    centre_val_de_loire,
    charlie,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(charlie_client, request_data)
    listing = Listing.objects.get()
    assert response.status_code == 302
    assert response["Location"] == listing.get_absolute_url()
    assert listing.status == ListingStatus.SUBMITTED
    assert listing.organisation == centre_val_de_loire
    assert listing.kind == "request"
    assert listing.submitted_at is not None
    assert {t.slug for t in listing.themes.all()} == {"gender-equality"}
    assert {lang.code for lang in listing.languages.all()} == {"en", "fr"}
    assert listing.expires_on == in_days(60)
    assert listing.history.first().history_user == charlie
    [mail] = mailoutbox
    assert mail.to == [secretariat.email]
    assert "Exchange on gender equality in guidance services" in mail.subject
    assert f"/admin/listings/listing/{listing.pk}/change/" in mail.body
    assert "Centre-Val de Loire Region" in mail.alternatives[0][0]


def test_listing_draft_is_saved_and_resumed(charlie_client, request_data):
    post(charlie_client, request_data, action="save")
    listing = Listing.objects.get()
    assert listing.status == ListingStatus.DRAFT
    assert not Notification.objects.exists()

    page = charlie_client.get(f"/listings/{listing.reference}/edit/")
    assert "Exchange on gender equality in guidance services" in page.text
    data = {**request_data, "title": "Gender equality in guidance: a partner wanted"}
    post(charlie_client, data, url=f"/listings/{listing.reference}/edit/")
    listing.refresh_from_db()
    assert listing.title == "Gender equality in guidance: a partner wanted"
    assert listing.status == ListingStatus.SUBMITTED


def test_listing_offer_form_asks_for_capacity(charlie_client, taxonomy):
    response = charlie_client.get("/listings/new/offer/")
    assert response.status_code == 200
    assert "Capacity" in response.text
    assert "New offer" in response.text


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"latest_end": in_days(20).isoformat()}, "latest_end", "must end after it starts"),
        (
            {"earliest_start": in_days(-30).isoformat(), "latest_end": in_days(-1).isoformat()},
            "latest_end",
            "The window is in the past.",
        ),
        ({"duration_days": "40"}, "duration_days", "does not fit in the window"),
        ({"duration_days": "20"}, "duration_days", "A Study visit lasts between 2 and 10 days."),
        ({"participants": "0"}, "participants", "greater than or equal to 1"),
        ({"participants": "501"}, "participants", "less than or equal to 500"),
        ({"themes": []}, "themes", "Choose at least one theme."),
        ({"formats": []}, "formats", "Choose at least one format."),
        ({"description": "Too short."}, "description", "at least 50 characters"),
        ({"description": "x" * 5001}, "description", "at most 5000 characters"),
        ({"expires_on": in_days(400).isoformat()}, "expires_on", "at most 12 months away"),
        ({"expires_on": in_days(-1).isoformat()}, "expires_on", "expiry date is in the past"),
    ],
)
def test_listing_invalid_input_is_refused_next_to_the_field(
    charlie_client, request_data, change, field, message
):
    response = post(charlie_client, {**request_data, **change})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    assert any(message in error for error in errors[field])
    assert message.replace("'", "&#x27;") in response.text or message in response.text
    assert not Listing.objects.exists()


def test_listing_contact_must_be_a_colleague(charlie_client, request_data, alice):
    response = post(charlie_client, {**request_data, "contact": str(alice.pk)})
    assert "Choose a colleague of your organisation as the contact person." in response.text
    assert not Listing.objects.exists()


def test_listing_text_is_stored_as_typed_and_escaped_on_output(charlie_client, request_data):
    title = "<script>alert('x')</script> & gender"
    post(charlie_client, {**request_data, "title": title})
    listing = Listing.objects.get()
    assert listing.title == title
    page = charlie_client.get(listing.get_absolute_url())
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;" in page.text


def test_listing_create_needs_a_member_organisation(client, stranger, request_data):
    client.force_login(stranger)
    assert client.get("/listings/new/request/").status_code == 403
    assert post(client, request_data).status_code == 403
    assert not Listing.objects.exists()


def test_listing_create_needs_sign_in(client, request_data):
    response = post(client, request_data)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Listing.objects.exists()


def test_listing_edit_of_an_open_listing_keeps_it_open_and_records_the_change(
    charlie_client, charlie, centre_val_de_loire, request_data
):
    listing = RequestFactory(organisation=centre_val_de_loire, contact=charlie)
    data = {**request_data, "title": "A sharper title", "themes": ["green-skills"]}
    response = post(charlie_client, data, action="save", url=f"/listings/{listing.reference}/edit/")
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.status == ListingStatus.OPEN
    assert listing.title == "A sharper title"
    assert [t.slug for t in listing.themes.all()] == ["green-skills"]
    last = listing.history.first()
    assert last.history_user == charlie
    assert last.history_change_reason.startswith("Edited by the organisation: title, themes")


def test_listing_edit_by_another_organisation_is_forbidden(
    alice_client, centre_val_de_loire, request_data
):
    listing = RequestFactory(organisation=centre_val_de_loire, title="Original title")
    url = f"/listings/{listing.reference}/edit/"
    assert alice_client.get(url).status_code == 403
    response = post(alice_client, {**request_data, "title": "Hijacked"}, url=url)
    assert response.status_code == 403
    listing.refresh_from_db()
    assert listing.title == "Original title"


@pytest.mark.parametrize("status", [ListingStatus.DRAFT, ListingStatus.SUBMITTED])
def test_listing_private_of_another_organisation_answers_404(
    alice_client, centre_val_de_loire, status
):
    listing = RequestFactory(organisation=centre_val_de_loire, status=status)
    for suffix in ("", "edit/"):
        assert alice_client.get(f"/listings/{listing.reference}/{suffix}").status_code == 404
    assert alice_client.post(f"/listings/{listing.reference}/withdraw/").status_code == 404
    listing.refresh_from_db()
    assert listing.status == status


@pytest.mark.parametrize("status", [ListingStatus.DRAFT, ListingStatus.SUBMITTED])
def test_listing_private_is_visible_to_its_organisation_and_the_secretariat(
    client, charlie, secretariat, centre_val_de_loire, status
):
    listing = RequestFactory(organisation=centre_val_de_loire, status=status)
    for user in (charlie, secretariat):
        verified_login(client, user)
        assert client.get(listing.get_absolute_url()).status_code == 200


def test_listing_withdraw_by_its_organisation(charlie_client, charlie, centre_val_de_loire):
    listing = RequestFactory(organisation=centre_val_de_loire)
    response = charlie_client.post(f"/listings/{listing.reference}/withdraw/", follow=True)
    assert "Withdrawn." in response.text
    listing.refresh_from_db()
    assert listing.status == ListingStatus.WITHDRAWN
    assert listing.history.first().history_user == charlie


def test_listing_withdraw_of_an_open_listing_by_another_organisation_is_forbidden(
    alice_client, centre_val_de_loire
):
    listing = RequestFactory(organisation=centre_val_de_loire)
    assert alice_client.post(f"/listings/{listing.reference}/withdraw/").status_code == 403
    listing.refresh_from_db()
    assert listing.status == ListingStatus.OPEN


def test_listing_withdraw_after_a_match_is_refused_with_a_message(
    charlie_client, centre_val_de_loire
):
    listing = RequestFactory(organisation=centre_val_de_loire, status=ListingStatus.MATCHED)
    response = charlie_client.post(f"/listings/{listing.reference}/withdraw/", follow=True)
    assert "This is not possible now: the listing&#x27;s status is “Matched”." in response.text
    listing.refresh_from_db()
    assert listing.status == ListingStatus.MATCHED


def test_preferred_countries_are_ticked_without_ctrl_click(
    charlie_client, request_data, centre_val_de_loire
):
    page = charlie_client.get("/listings/new/request/").text
    assert 'type="checkbox" name="preferred_countries" value="SE"' in page
    assert "Ctrl" not in page
    post(charlie_client, {**request_data, "preferred_countries": ["SE", "JP"]}, action="save")
    listing = centre_val_de_loire.listings.get()
    assert {c.code for c in listing.preferred_countries} == {"SE", "JP"}
