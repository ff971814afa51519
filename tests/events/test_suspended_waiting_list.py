"""A suspended organisation on an event's waiting list keeps its turn and takes no
place that frees up (events.take_a_place): the next active organisation waiting
takes it and is told; the suspended one is told nothing. Reinstated, it takes a
place in its turn again."""

import pytest

from events.models import RegistrationStatus
from events.services import registration_cancel
from notifications.models import Notification
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory, reinstate, suspend

pytestmark = pytest.mark.django_db


@pytest.fixture
def dora():
    person = UserFactory(full_name="Dora Dahl")
    MembershipFactory(user=person, organisation=OrganisationFactory(name="Tyrol Academy"))
    return person


@pytest.fixture
def full(event, register, boras, alice, centre_val_de_loire, charlie, dora):
    """One place, Borås's; Centre-Val de Loire waits first, then Dora's academy."""
    event.capacity = 1
    event.save()
    first = register(event, boras, alice)
    second = register(event, centre_val_de_loire, charlie)
    third = register(event, dora.memberships.get().organisation, dora)
    assert (second.status, third.status) == (RegistrationStatus.WAITING,) * 2
    return first, second, third


def registered_notices(person):
    return Notification.objects.filter(kind="event_registered", recipient=person).count()


def test_a_suspended_organisation_waiting_is_passed_over_for_the_next_active_one(
    full, centre_val_de_loire, charlie, dora
):
    first, second, third = full
    suspend(centre_val_de_loire)
    assert registration_cancel(registration=first) == third
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == RegistrationStatus.WAITING
    assert third.status == RegistrationStatus.REGISTERED
    assert registered_notices(charlie) == 0
    assert registered_notices(dora) == 1


def test_a_place_nobody_active_waits_for_stays_free(
    event, register, full, centre_val_de_loire, charlie, dora
):
    first, second, third = full
    registration_cancel(registration=third)
    suspend(centre_val_de_loire)
    assert registration_cancel(registration=first) is None
    second.refresh_from_db()
    assert second.status == RegistrationStatus.WAITING
    assert registered_notices(charlie) == 0


def test_a_reinstated_organisation_takes_the_next_place_in_its_turn(
    full, centre_val_de_loire, charlie, dora
):
    first, second, third = full
    suspend(centre_val_de_loire)
    reinstate(centre_val_de_loire)
    assert registration_cancel(registration=first) == second
    third.refresh_from_db()
    assert third.status == RegistrationStatus.WAITING
    assert registered_notices(charlie) == 1 and registered_notices(dora) == 0


def test_a_reinstated_organisation_takes_a_place_left_free_before_a_newcomer(
    event, register, full, centre_val_de_loire, charlie
):
    first, second, third = full
    registration_cancel(registration=third)
    suspend(centre_val_de_loire)
    registration_cancel(registration=first)
    reinstate(centre_val_de_loire)
    newcomer = OrganisationFactory()
    person = UserFactory()
    MembershipFactory(user=person, organisation=newcomer)
    late = register(event, newcomer, person)
    second.refresh_from_db()
    assert second.status == RegistrationStatus.REGISTERED
    assert late.status == RegistrationStatus.WAITING
    assert registered_notices(charlie) == 1


def test_the_waiting_suspended_organisation_reads_why_it_takes_no_place(
    client, full, centre_val_de_loire, charlie, event, django_assert_max_num_queries
):
    suspend(centre_val_de_loire)
    client.force_login(charlie)
    with django_assert_max_num_queries(12):
        page = client.get(event.get_absolute_url()).text
    assert "is on the waiting list" in page
    assert "takes no place that frees up while it is not an active member" in page
    reinstate(centre_val_de_loire)
    page = client.get(event.get_absolute_url()).text
    assert "is on the waiting list" in page
    assert "takes no place that frees up" not in page


def test_a_reinstated_organisation_takes_the_place_left_free_at_once_and_is_told(
    full, centre_val_de_loire, charlie, django_capture_on_commit_callbacks
):
    first, second, third = full
    registration_cancel(registration=third)
    suspend(centre_val_de_loire)
    registration_cancel(registration=first)  # the place stays free: no one active waits
    with django_capture_on_commit_callbacks(execute=True):
        reinstate(centre_val_de_loire)
    second.refresh_from_db()
    assert second.status == RegistrationStatus.REGISTERED
    assert registered_notices(charlie) == 1


def test_a_reinstatement_that_is_rolled_back_gives_no_place(
    full, centre_val_de_loire, charlie, django_capture_on_commit_callbacks
):
    first, second, third = full
    registration_cancel(registration=third)
    suspend(centre_val_de_loire)
    registration_cancel(registration=first)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        reinstate(centre_val_de_loire)
    assert len(callbacks) >= 1  # waits for the commit
    second.refresh_from_db()
    assert second.status == RegistrationStatus.WAITING
    assert registered_notices(charlie) == 0
