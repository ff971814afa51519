"""The people of a suspended organisation still read their exchange's case-study
draft, and write none of it (members.permissions.is_active_organisation); their
active partners go on writing it, and reinstated, they write it again."""

import pytest
from django.core.exceptions import ValidationError

from casestudies.forms import CaseStudyForm, case_study_formsets
from casestudies.services import case_study_create_draft, case_study_save
from tests.casestudies.test_case_study_draft import edit_data
from tests.factories import exchange_between, reinstate, suspend

pytestmark = pytest.mark.django_db

REFUSAL = "is not an active member of the partnership: it no longer writes case studies"


@pytest.fixture
def draft(boras, centre_val_de_loire):
    exchange = exchange_between(host=boras, sender=centre_val_de_loire, status="completed")
    return case_study_create_draft(exchange=exchange)


def test_a_suspended_organisation_cannot_edit_its_case_study_draft(alice_client, boras, draft):
    suspend(boras)
    edit = f"/case-studies/{draft.slug}/edit/"
    page = alice_client.get(edit)
    assert page.status_code == 403
    assert REFUSAL in page.text
    response = alice_client.post(edit, edit_data(draft))
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.next_steps == ""
    assert not draft.lessons.exists() and not draft.testimonials.exists()


def test_a_suspended_organisation_still_reads_its_draft_without_the_edit_button(
    alice_client, boras, draft
):
    suspend(boras)
    page = alice_client.get(draft.get_absolute_url())
    assert page.status_code == 200
    assert "Edit the draft" not in page.text
    assert f"/case-studies/{draft.slug}/edit/" not in page.text
    assert alice_client.get(f"/case-studies/{draft.slug}/print/").status_code == 200
    exchange_page = alice_client.get(f"/exchanges/{draft.exchange_id}/").text
    assert f"/case-studies/{draft.slug}/edit/" not in exchange_page
    assert alice_client.get("/my/").context["to_do"]["case_studies"].count == 0


def test_the_active_partner_of_a_suspended_organisation_still_writes_the_draft(
    client, charlie, boras, draft
):
    suspend(boras)
    client.force_login(charlie)
    assert "Edit the draft" in client.get(draft.get_absolute_url()).text
    exchange_page = client.get(f"/exchanges/{draft.exchange_id}/").text
    assert f"/case-studies/{draft.slug}/edit/" in exchange_page
    assert client.get("/my/").context["to_do"]["case_studies"].count == 1
    response = client.post(f"/case-studies/{draft.slug}/edit/", edit_data(draft))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.next_steps == "A three-way international mobility project."
    assert draft.lessons.count() == 2


def test_the_service_refuses_a_suspended_organisations_edit(alice, boras, draft):
    suspend(boras)
    data = edit_data(draft, story="Changed")
    form = CaseStudyForm(data, {}, instance=draft)
    formsets = case_study_formsets(data, {}, instance=draft)
    assert form.is_valid() and all(f.is_valid() for f in formsets.values())
    with pytest.raises(ValidationError, match=REFUSAL):
        case_study_save(case_study=draft, by=alice, form=form, formsets=formsets.values())
    draft.refresh_from_db()
    assert draft.story != "Changed"


def test_a_reinstated_organisation_writes_its_draft_again(alice_client, boras, draft):
    suspend(boras)
    edit = f"/case-studies/{draft.slug}/edit/"
    assert alice_client.post(edit, edit_data(draft)).status_code == 403
    reinstate(boras)
    assert "Edit the draft" in alice_client.get(draft.get_absolute_url()).text
    assert alice_client.get("/my/").context["to_do"]["case_studies"].count == 1
    response = alice_client.post(edit, edit_data(draft))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.next_steps == "A three-way international mobility project."


def test_a_suspended_organisations_coordinators_are_not_invited_to_write_the_draft(
    boras,
    centre_val_de_loire,
    alice,
    charlie,
    secretariat,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    from exchanges.services import exchange_complete

    exchange = exchange_between(
        host=boras, sender=centre_val_de_loire, participants_total=8, staff=8, learners=0
    )
    suspend(boras)
    with django_capture_on_commit_callbacks(execute=True):
        exchange_complete(exchange=exchange, by=secretariat)
    assert [m.to for m in mailoutbox] == [["charlie@centre-valdeloire.example"]]
