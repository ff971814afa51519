"""A member saves a search and is told when a newly published listing fits it."""

from unittest import mock

import pytest

from listings import services
from listings.models import SAVED_SEARCHES_PER_PERSON, ListingStatus, SavedSearch
from listings.selectors import listing_fits
from notifications.models import Notification
from tests.factories import OrganisationFactory, RequestFactory, SavedSearchFactory

pytestmark = pytest.mark.django_db


def test_saved_search_is_saved_from_the_browse_page(alice_client, alice, taxonomy):
    page = alice_client.get("/listings/?theme=gender-equality&country=FR")
    assert "Save this search" in page.text
    response = alice_client.post(
        "/listings/searches/",
        {"name": "Gender in France", "notify": "on", "query": "theme=gender-equality&country=FR"},
        follow=True,
    )
    assert "Search saved." in response.text
    search = SavedSearch.objects.get()
    assert (search.user, search.notify) == (alice, True)
    assert 'href="/listings/?theme=gender-equality&amp;country=FR"' in response.text


def test_saved_search_without_a_name_is_refused(alice_client, taxonomy):
    response = alice_client.post("/listings/searches/", {"name": "", "query": "kind=offer"})
    assert "This field is required." in response.text
    assert not SavedSearch.objects.exists()


def test_saved_search_is_deleted_by_its_owner_only(client, alice, bob):
    search = SavedSearchFactory(user=alice)
    client.force_login(bob)
    assert client.post(f"/listings/searches/{search.pk}/delete/").status_code == 404
    assert SavedSearch.objects.exists()
    client.force_login(alice)
    client.post(f"/listings/searches/{search.pk}/delete/")
    assert not SavedSearch.objects.exists()


def test_listing_fits_evaluates_the_saved_filter_on_one_listing(taxonomy):
    listing = RequestFactory(
        themes=[taxonomy["gender"]], organisation=OrganisationFactory(country="FR")
    )
    assert listing_fits(listing, "theme=gender-equality")
    assert listing_fits(listing, "theme=gender-equality&country=FR&kind=request")
    assert not listing_fits(listing, "theme=gender-equality&country=SE")
    assert not listing_fits(listing, "theme=green-skills")
    assert not listing_fits(listing, "theme=no-such-theme")
    assert listing_fits(listing, "")


def test_publish_records_saved_search_match_for_fitting_searches(
    alice,
    bob,
    charlie,
    centre_val_de_loire,
    secretariat,
    taxonomy,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    listing = RequestFactory(
        organisation=centre_val_de_loire,
        contact=charlie,
        status=ListingStatus.SUBMITTED,
        themes=[taxonomy["gender"]],
        title="Gender in guidance",
    )
    fits = SavedSearchFactory(user=alice, name="Gender", query="theme=gender-equality")
    SavedSearchFactory(user=bob, name="Green", query="theme=green-skills")
    SavedSearchFactory(user=bob, name="Quiet", query="theme=gender-equality", notify=False)
    SavedSearchFactory(user=charlie, name="Our own", query="theme=gender-equality")
    with django_capture_on_commit_callbacks(execute=True):
        services.listing_publish(listing=listing, by=secretariat)
    [match] = Notification.objects.filter(kind="saved_search_match")
    assert match.recipient == alice
    assert match.context["search"] == "Gender"
    mail = next(m for m in mailoutbox if m.to == [alice.email])
    assert "Gender in guidance" in mail.subject
    assert fits.get_absolute_url() in mail.body


def test_saved_searches_page_lists_mine_with_bounded_queries(
    alice_client, alice, bob, django_assert_max_num_queries
):
    for i in range(15):
        SavedSearchFactory(user=alice, name=f"Mine {i}")
    SavedSearchFactory(user=bob, name="Bob's")
    with django_assert_max_num_queries(7):
        response = alice_client.get("/listings/searches/")
    assert "Mine 14" in response.text
    assert "Bob&#x27;s" not in response.text


def test_saved_searches_are_in_the_secretariat_workplace(secretariat_client, alice):
    SavedSearchFactory(user=alice, name="Gender in France")
    response = secretariat_client.get("/admin/listings/savedsearch/")
    assert response.status_code == 200
    assert "Gender in France" in response.text


def test_a_person_keeps_at_most_twenty_saved_searches(alice_client, alice, taxonomy):
    for i in range(SAVED_SEARCHES_PER_PERSON):
        SavedSearchFactory(user=alice, name=f"Mine {i}")
    response = alice_client.post(
        "/listings/searches/", {"name": "One more", "notify": "on", "query": "kind=offer"}
    )
    assert response.status_code == 200
    assert "the most one person can keep" in response.text
    assert SavedSearch.objects.filter(user=alice).count() == SAVED_SEARCHES_PER_PERSON
    assert not SavedSearch.objects.filter(name="One more").exists()


@pytest.mark.parametrize(
    "query, error",
    [
        ("theme=gender\x00equality", "Null characters are not allowed."),
        ("theme=" + "x" * 100_000, "Ensure this value has at most 2000 characters"),
    ],
)
def test_a_hostile_saved_search_query_is_refused_and_nothing_stored(
    alice_client, taxonomy, query, error
):
    response = alice_client.post("/listings/searches/", {"name": "Odd", "query": query})
    assert response.status_code == 200
    assert error in response.text
    assert not SavedSearch.objects.exists()


def test_publishing_answers_before_the_saved_searches_are_checked(
    alice, centre_val_de_loire, charlie, secretariat, taxonomy, django_capture_on_commit_callbacks
):
    """The saved searches are matched by a Celery task queued on commit, not inside
    the secretariat's request."""
    listing = RequestFactory(
        organisation=centre_val_de_loire,
        contact=charlie,
        status=ListingStatus.SUBMITTED,
        themes=[taxonomy["gender"]],
    )
    SavedSearchFactory(user=alice, query="theme=gender-equality")
    with mock.patch("listings.tasks.listing_notify_saved_searches.delay") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            services.listing_publish(listing=listing, by=secretariat)
    delay.assert_called_once_with(listing.pk)
    assert not Notification.objects.filter(kind="saved_search_match").exists()
    # The task itself, run twice (a retry), tells the search once.
    services.listing_notify_saved_searches(listing)
    services.listing_notify_saved_searches(listing)
    assert Notification.objects.filter(kind="saved_search_match", recipient=alice).count() == 1
