"""The role in the users' words: a request says what the organisation wants to do,
an offer what it can do. The stored value is the organisation's own role."""

import pytest

from tests.factories import OfferFactory, RequestFactory

pytestmark = pytest.mark.django_db


def options(page: str) -> str:
    start = page.index('name="role"')
    return page[start : page.index("</select>", start)]


def test_request_form_asks_what_we_want_to_do(charlie_client, taxonomy):
    page = charlie_client.get("/listings/new/request/").text
    assert "We want to" in page
    assert "What your organisation wants to do" in page
    role = options(page)
    assert '<option value="send">send participants abroad</option>' in role
    assert '<option value="host">host visitors</option>' in role
    assert '<option value="either">either</option>' in role


def test_offer_form_asks_what_we_can_do(charlie_client, taxonomy):
    page = charlie_client.get("/listings/new/offer/").text
    assert "We can" in page
    assert "What your organisation can do" in page
    role = options(page)
    assert '<option value="host">host</option>' in role
    assert '<option value="send">send</option>' in role
    assert "Role sought" not in page


def test_a_school_wanting_a_host_picks_send_and_reads_it_back(
    charlie_client, request_data, centre_val_de_loire
):
    charlie_client.post("/listings/new/request/", {**request_data, "action": "save"})
    listing = centre_val_de_loire.listings.get()
    assert listing.role == "send"
    page = charlie_client.get(listing.get_absolute_url()).text
    assert '<dt class="col-sm-4">We want to</dt>' in page
    assert 'data-testid="listing-role">send participants abroad<' in page
    assert "Role sought" not in page


@pytest.mark.parametrize(
    ("factory", "role", "question", "answer"),
    [
        (RequestFactory, "host", "We want to", "host visitors"),
        (RequestFactory, "either", "We want to", "send participants abroad or host visitors"),
        (OfferFactory, "host", "We can", "host visitors"),
        (OfferFactory, "either", "We can", "host visitors or send participants abroad"),
    ],
)
def test_detail_and_browse_say_the_role_in_words(
    alice_client, centre_val_de_loire, factory, role, question, answer
):
    listing = factory(organisation=centre_val_de_loire, role=role)
    page = alice_client.get(listing.get_absolute_url()).text
    assert f'<dt class="col-sm-4">{question}</dt>' in page
    assert f'data-testid="listing-role">{answer}<' in page
    assert f"{question} {answer}" in alice_client.get("/listings/").text


def test_browse_filters_by_what_organisations_do(alice_client, centre_val_de_loire):
    host = OfferFactory(organisation=centre_val_de_loire, role="host", title="Orléans hosts")
    sender = RequestFactory(organisation=centre_val_de_loire, role="send", title="Tours sends")
    either = RequestFactory(organisation=centre_val_de_loire, role="either", title="Blois both")
    page = alice_client.get("/listings/").text
    assert "Organisations that" in page
    assert '<option value="host">host visitors</option>' in page
    hosting = alice_client.get("/listings/?role=host").text
    assert host.title in hosting and either.title in hosting
    assert sender.title not in hosting


def test_in_french_a_listing_says_what_we_want_and_the_filter_what_organisations_do(
    alice_client, alice, centre_val_de_loire
):
    """One English phrase, two French grammars: "Nous voulons envoyer…" on the
    listing, "Organismes qui envoient…" in the browse filter."""
    listing = RequestFactory(organisation=centre_val_de_loire, role="send")
    alice.language = "fr"
    alice.save(update_fields=["language"])
    page = alice_client.get(listing.get_absolute_url()).text
    assert 'data-testid="listing-role">envoyer des participants à l&#x27;étranger<' in page
    browse = alice_client.get("/listings/").text
    assert '<option value="send">envoient des participants à l&#x27;étranger</option>' in browse
