"""Another member organisation says 'we are interested' in an open request or offer."""

import pytest

from listings.models import ExpressionOfInterest, ListingStatus
from tests.factories import ExpressionOfInterestFactory, OfferFactory, RequestFactory

pytestmark = pytest.mark.django_db

ANSWER = {
    "role": "host",
    "what_we_bring": "A week-long programme with our VET schools and guidance centres.",
    "who_takes_part": "Our international coordinator and two guidance counsellors.",
    "when": "December, the second week",
    "message": "We would be glad to host you in Borås.",
}


@pytest.fixture
def request_of_centre(centre_val_de_loire, charlie):
    return RequestFactory(
        organisation=centre_val_de_loire,
        contact=charlie,
        title="Exchange on gender equality in guidance services",
    )


def url(listing):
    return f"/listings/{listing.reference}/interest/"


def test_interest_is_recorded_and_the_secretariat_told(
    alice_client,
    alice,
    boras,
    request_of_centre,
    secretariat,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    page = alice_client.get(request_of_centre.get_absolute_url())
    assert "We are interested" in page.text
    assert alice_client.get(url(request_of_centre)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(url(request_of_centre), ANSWER, follow=True)
    assert "the secretariat has your expression of interest" in response.text
    interest = ExpressionOfInterest.objects.get()
    assert interest.organisation == boras
    assert interest.user == alice
    assert interest.role == "host"
    [mail] = mailoutbox
    assert mail.to == [secretariat.email]
    assert "Working Life Department of the municipality of Borås" in mail.subject
    assert request_of_centre.reference in mail.body


def test_interest_count_is_shown_to_the_requester_only(
    charlie_client, client, alice, request_of_centre
):
    ExpressionOfInterestFactory(listing=request_of_centre)
    ExpressionOfInterestFactory(listing=request_of_centre)
    page = charlie_client.get(request_of_centre.get_absolute_url())
    assert 'data-testid="interest-count">2<' in page.text
    client.force_login(alice)
    assert "interest-count" not in client.get(request_of_centre.get_absolute_url()).text


def test_interest_twice_is_refused_with_a_message(alice_client, boras, request_of_centre):
    ExpressionOfInterestFactory(listing=request_of_centre, organisation=boras)
    response = alice_client.post(url(request_of_centre), ANSWER)
    assert "Your organisation has already expressed interest in this request." in response.text
    assert ExpressionOfInterest.objects.count() == 1


def test_interest_in_own_request_is_refused(charlie_client, request_of_centre):
    response = charlie_client.post(url(request_of_centre), ANSWER)
    assert "Your organisation cannot express interest in its own request." in response.text
    assert not ExpressionOfInterest.objects.exists()
    page = charlie_client.get(request_of_centre.get_absolute_url())
    assert "We are interested" not in page.text


def test_interest_when_closed_is_refused(alice_client, request_of_centre):
    request_of_centre.interest_closed = True
    request_of_centre.save()
    response = alice_client.post(url(request_of_centre), ANSWER)
    assert "This request no longer takes expressions of interest." in response.text
    assert not ExpressionOfInterest.objects.exists()
    response = alice_client.get(url(request_of_centre), follow=True)
    assert "This request no longer takes expressions of interest." in response.text


def test_interest_beyond_the_cap_is_refused(alice_client, request_of_centre):
    request_of_centre.interest_cap = 1
    request_of_centre.save()
    ExpressionOfInterestFactory(listing=request_of_centre)
    response = alice_client.post(url(request_of_centre), ANSWER)
    assert "received the most expressions of interest it takes" in response.text
    assert ExpressionOfInterest.objects.count() == 1


@pytest.fixture
def offer_of_centre(centre_val_de_loire, charlie):
    return OfferFactory(
        organisation=centre_val_de_loire,
        contact=charlie,
        role="host",
        title="Guidance centres of Orléans host a study visit",
    )


def test_interest_in_an_offer_is_kept_and_the_secretariat_told(
    alice_client,
    boras,
    offer_of_centre,
    secretariat,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    page = alice_client.get(offer_of_centre.get_absolute_url())
    assert "We are interested" in page.text
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(url(offer_of_centre), ANSWER, follow=True)
    assert "the secretariat has your expression of interest" in response.text
    interest = ExpressionOfInterest.objects.get()
    assert (interest.listing, interest.organisation) == (offer_of_centre, boras)
    [mail] = mailoutbox
    assert "in the offer “Guidance centres of Orléans host a study visit”" in mail.body
    assert "interest" in mail.alternatives[0][0]


def test_interest_in_an_offer_is_counted_for_its_organisation(charlie_client, offer_of_centre):
    ExpressionOfInterestFactory(listing=offer_of_centre)
    page = charlie_client.get(offer_of_centre.get_absolute_url())
    assert 'data-testid="interest-count">1<' in page.text
    assert "1 expression of interest" in charlie_client.get("/listings/mine/").text


def test_interest_in_an_offer_beyond_the_cap_is_refused(alice_client, offer_of_centre):
    offer_of_centre.interest_cap = 1
    offer_of_centre.save()
    ExpressionOfInterestFactory(listing=offer_of_centre)
    assert "We are interested" not in alice_client.get(offer_of_centre.get_absolute_url()).text
    response = alice_client.post(url(offer_of_centre), ANSWER)
    assert "This offer has received the most expressions of interest it takes." in response.text
    assert ExpressionOfInterest.objects.count() == 1


def test_interest_in_own_offer_is_refused(charlie_client, offer_of_centre):
    assert "We are interested" not in charlie_client.get(offer_of_centre.get_absolute_url()).text
    response = charlie_client.post(url(offer_of_centre), ANSWER)
    assert "Your organisation cannot express interest in its own offer." in response.text
    assert not ExpressionOfInterest.objects.exists()


def test_interest_in_an_offer_twice_is_refused(alice_client, boras, offer_of_centre):
    ExpressionOfInterestFactory(listing=offer_of_centre, organisation=boras)
    response = alice_client.post(url(offer_of_centre), ANSWER)
    assert "Your organisation has already expressed interest in this offer." in response.text
    assert ExpressionOfInterest.objects.count() == 1


def test_interest_in_a_matched_offer_is_refused(alice_client, centre_val_de_loire):
    offer = OfferFactory(organisation=centre_val_de_loire, status=ListingStatus.MATCHED)
    response = alice_client.post(url(offer), ANSWER)
    assert "Only an open request or offer takes expressions of interest." in response.text
    assert not ExpressionOfInterest.objects.exists()


def test_listing_pages_link_the_organisation_to_its_profile(
    alice_client, offer_of_centre, request_of_centre
):
    profile = 'href="/members/organisations/centre-val-de-loire/"'
    assert profile in alice_client.get(offer_of_centre.get_absolute_url()).text
    assert alice_client.get("/members/organisations/centre-val-de-loire/").status_code == 200
    browse = alice_client.get("/listings/").text
    assert browse.count(profile) == 2


def test_interest_in_a_private_request_answers_404(alice_client, centre_val_de_loire):
    draft = RequestFactory(organisation=centre_val_de_loire, status=ListingStatus.SUBMITTED)
    assert alice_client.post(url(draft), ANSWER).status_code == 404
    assert not ExpressionOfInterest.objects.exists()


def test_interest_needs_a_member_organisation(client, stranger, request_of_centre):
    client.force_login(stranger)
    assert client.post(url(request_of_centre), ANSWER).status_code == 403
    assert not ExpressionOfInterest.objects.exists()


def test_interest_form_explains_missing_answers(alice_client, request_of_centre):
    response = alice_client.post(url(request_of_centre), {**ANSWER, "what_we_bring": ""})
    assert "This field is required." in response.text
    assert not ExpressionOfInterest.objects.exists()


def test_interest_settings_cap_and_close_by_the_owner(charlie_client, request_of_centre):
    settings_url = f"/listings/{request_of_centre.reference}/interest-settings/"
    charlie_client.post(settings_url, {"interest_cap": "3", "interest_closed": "on"})
    request_of_centre.refresh_from_db()
    assert request_of_centre.interest_cap == 3
    assert request_of_centre.interest_closed is True


def test_interest_settings_refuse_a_zero_cap(charlie_client, request_of_centre):
    settings_url = f"/listings/{request_of_centre.reference}/interest-settings/"
    response = charlie_client.post(settings_url, {"interest_cap": "0"}, follow=True)
    assert "greater than or equal to 1" in response.text
    request_of_centre.refresh_from_db()
    assert request_of_centre.interest_cap is None


def test_interest_settings_by_another_organisation_are_forbidden(alice_client, request_of_centre):
    settings_url = f"/listings/{request_of_centre.reference}/interest-settings/"
    assert alice_client.post(settings_url, {"interest_closed": "on"}).status_code == 403
    request_of_centre.refresh_from_db()
    assert request_of_centre.interest_closed is False


def test_interest_admin_lists_every_expression_of_interest(
    secretariat_client, request_of_centre, django_assert_max_num_queries
):
    for _ in range(12):
        ExpressionOfInterestFactory(listing=request_of_centre)
    with django_assert_max_num_queries(12):
        response = secretariat_client.get("/admin/listings/expressionofinterest/")
    assert response.status_code == 200
    assert request_of_centre.reference in response.text
    page = secretariat_client.get(f"/admin/listings/listing/{request_of_centre.pk}/change/")
    assert "A week-long programme with our VET schools." in page.text
