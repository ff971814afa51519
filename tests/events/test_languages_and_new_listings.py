"""An event's working languages, and requests and offers described for an event."""

import re

import pytest
from django.urls import reverse

from events.models import Registration
from events.services import EventError, event_register, meeting_request, registration_bring
from listings.models import Listing, ListingStatus
from tests.factories import (
    LanguageFactory,
    MembershipFactory,
    OfferFactory,
    RequestFactory,
    in_days,
)
from tests.listings.conftest import taxonomy  # noqa: F401 (a fixture)


@pytest.fixture
def english(db):
    return LanguageFactory(code="en", name="English")


@pytest.fixture
def swedish(db):
    return LanguageFactory(code="sv", name="Swedish")


@pytest.fixture
def french(db):
    return LanguageFactory(code="fr", name="French")


def test_event_page_shows_its_working_languages_in_the_readers_language(
    client, event, english, swedish
):
    swedish.name_fr = "Suédois"
    swedish.save()
    event.languages.set([english, swedish])
    html = client.get(event.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-testid="event-languages">English, Swedish</dd>' in html
    html = client.get(event.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert 'data-testid="event-languages">Anglais, Suédois</dd>' in html


def test_admin_lists_the_events_working_languages(
    secretariat_client, event, english, django_assert_max_num_queries
):
    event.languages.set([english])
    with django_assert_max_num_queries(12):
        page = secretariat_client.get(reverse("admin:events_event_changelist"))
    assert '<td class="field-working_languages">English</td>' in page.content.decode()


@pytest.fixture
def no_common_language(event, boras, alice, centre_val_de_loire, charlie, swedish, french):
    """Borås speaks Swedish, Centre-Val de Loire French: both are registered."""
    boras.languages.set([swedish])
    centre_val_de_loire.languages.set([french])
    request = RequestFactory(organisation=centre_val_de_loire)
    offer = OfferFactory(organisation=boras)
    theirs = event_register(
        event=event,
        organisation=centre_val_de_loire,
        people=[charlie],
        listings=[request],
        by=charlie,
    )
    mine = event_register(
        event=event, organisation=boras, people=[alice], listings=[offer], by=alice
    )
    return mine, theirs


def test_people_to_meet_and_requests_note_no_shared_language(
    client, event, no_common_language, alice, django_assert_max_num_queries
):
    mine, theirs = no_common_language
    meeting_request(requester=mine, invitee=theirs, by=alice)
    client.force_login(alice)
    client.get(event.get_absolute_url())  # the rankings are stored on first sight
    with django_assert_max_num_queries(40):
        html = client.get(event.get_absolute_url()).content.decode()
    card = html[html.index('data-testid="to-meet"') :]
    assert "no shared language" in card[: card.index("</ul>")]
    assert 'data-testid="language-note">no shared language' in html


def test_no_note_when_the_event_is_held_in_a_language_both_speak(
    client, event, no_common_language, alice, boras, centre_val_de_loire, english
):
    boras.languages.add(english)
    centre_val_de_loire.languages.add(english)
    event.languages.set([english])
    client.force_login(alice)
    html = client.get(event.get_absolute_url()).content.decode()
    assert 'data-testid="to-meet"' in html
    assert "no shared language" not in html


def test_note_when_the_shared_language_is_not_the_events(
    client, event, no_common_language, alice, boras, centre_val_de_loire, english, swedish
):
    boras.languages.add(english)
    centre_val_de_loire.languages.add(english)
    event.languages.set([swedish])
    client.force_login(alice)
    html = client.get(event.get_absolute_url()).content.decode()
    assert "no shared language" in html


def test_at_most_one_person_reads_in_the_singular(event, boras, alice, bob):
    event.people_per_organisation = 1
    event.save()
    with pytest.raises(EventError, match="At most 1 person per organisation can come."):
        event_register(event=event, organisation=boras, people=[alice, bob], by=alice)


@pytest.fixture
def listing_form_data(taxonomy, alice):  # noqa: F811
    """A valid offer of Borås, as the listing form posts it."""
    return {
        "title": "Study visit on gender inclusion in vocational training",
        "themes": ["gender-equality"],
        "formats": ["study-visit"],
        "target_groups": ["guidance-staff"],
        "role": "host",
        "earliest_start": in_days(30).isoformat(),
        "latest_end": in_days(60).isoformat(),
        "duration_days": "6",
        "participants": "8",
        "languages": ["en", "sv"],
        "funding": "accredited",
        "description": (
            "We host a study visit on how our vocational schools bring women into "
            "male-dominated trades, with visits to companies."
        ),
        "contact": str(alice.pk),
        "expires_on": "",
    }


def test_registration_page_links_to_a_new_request_that_comes_back(alice_client, event):
    html = alice_client.get(reverse("events:register", args=[event.pk])).content.decode()
    bring = reverse("events:bring", args=[event.pk])
    link = f"{reverse('listings:listing-create', args=['request'])}?next={bring}"
    assert f'href="{link}"' in html
    assert "Describe a new request for this event" in html


def test_new_draft_comes_back_ticked_and_registers_with_it(
    alice_client, event, alice, boras, listing_form_data
):
    bring = reverse("events:bring", args=[event.pk])
    create = reverse("listings:listing-create", args=["offer"])
    saved = alice_client.post(f"{create}?next={bring}", {**listing_form_data, "action": "save"})
    draft = Listing.objects.get(organisation=boras)
    assert draft.status == ListingStatus.DRAFT
    assert saved["Location"] == f"{bring}?listing={draft.reference}"
    # Not registered yet: the registration page, with the draft ticked.
    back = alice_client.get(saved["Location"])
    assert back["Location"].startswith(reverse("events:register", args=[event.pk]))
    page = alice_client.get(back["Location"]).content.decode()
    # The listings' box for the draft (not a person's box with the same id) is ticked.
    box = re.search(rf'<input[^>]*name="listings"[^>]*value="{draft.pk}"[^>]*>', page)
    assert box is not None and "checked" in box.group(0)
    alice_client.post(
        reverse("events:register", args=[event.pk]), {"people": [alice.pk], "listings": [draft.pk]}
    )
    assert list(Registration.objects.get(event=event).listings.all()) == [draft]


def test_registered_organisation_confirms_the_new_draft(
    alice_client, event, alice, boras, register, django_assert_max_num_queries
):
    registration = register(event, boras, alice)
    draft = OfferFactory(organisation=boras, status=ListingStatus.DRAFT)
    url = f"{reverse('events:bring', args=[event.pk])}?listing={draft.reference}"
    with django_assert_max_num_queries(12):
        page = alice_client.get(url)
    assert draft.title in page.content.decode()
    assert not registration.listings.exists()  # a GET changes nothing
    alice_client.post(url)
    assert list(registration.listings.all()) == [draft]


def test_nobody_brings_another_organisations_listing(
    client, event, register, boras, alice, charlie, centre_val_de_loire
):
    registration = register(event, boras, alice)
    theirs = OfferFactory(organisation=centre_val_de_loire, status=ListingStatus.DRAFT)
    client.force_login(alice)
    url = f"{reverse('events:bring', args=[event.pk])}?listing={theirs.reference}"
    assert client.post(url).status_code == 404
    assert (
        client.get(
            f"{reverse('events:register', args=[event.pk])}?listing={theirs.reference}"
        ).status_code
        == 404
    )
    with pytest.raises(EventError):
        registration_bring(registration=registration, listing=theirs, by=alice)
    colleague_elsewhere = MembershipFactory(organisation=centre_val_de_loire).user
    with pytest.raises(EventError):
        registration_bring(
            registration=registration,
            listing=OfferFactory(organisation=boras),
            by=colleague_elsewhere,
        )
    assert not registration.listings.exists()


def test_listing_form_never_sends_back_to_another_site(alice_client, boras, listing_form_data):
    create = reverse("listings:listing-create", args=["offer"])
    saved = alice_client.post(
        f"{create}?next=https://evil.example/", {**listing_form_data, "action": "save"}
    )
    draft = Listing.objects.get(organisation=boras)
    assert saved["Location"] == draft.get_absolute_url()
