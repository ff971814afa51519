"""The secretariat previews, publishes and unpublishes case studies in the admin;
only published ones are public."""

import pytest

from casestudies.services import case_study_publish, case_study_unpublish
from core.workflow import TransitionNotAllowed
from tests.factories import CaseStudyFactory, PublishedCaseStudyFactory

pytestmark = pytest.mark.django_db


def run_action(client, action, case_study):
    return client.post(
        "/admin/casestudies/casestudy/",
        {"action": action, "_selected_action": [case_study.pk]},
        follow=True,
    )


def test_secretariat_publishes_a_draft_with_the_admin_action(
    secretariat_client, secretariat, client
):
    draft = CaseStudyFactory()
    response = run_action(secretariat_client, "publish", draft)

    assert "1 case study(ies) published." in response.text
    draft.refresh_from_db()
    assert draft.status == "published"
    assert draft.published_at is not None
    assert draft.history.first().history_user == secretariat
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_secretariat_unpublishes_and_the_page_is_gone_for_visitors(secretariat_client, client):
    published = PublishedCaseStudyFactory()
    run_action(secretariat_client, "unpublish", published)
    published.refresh_from_db()
    assert published.status == "unpublished"
    client.logout()
    assert client.get(published.get_absolute_url()).status_code == 404
    assert published.title not in client.get("/case-studies/").text


def test_republishing_keeps_the_first_publication_date(secretariat):
    published = PublishedCaseStudyFactory()
    first = published.published_at
    case_study_unpublish(case_study=published, by=secretariat)
    case_study_publish(case_study=published, by=secretariat)
    published.refresh_from_db()
    assert published.status == "published"
    assert published.published_at == first


def test_a_draft_cannot_be_unpublished(secretariat_client, secretariat):
    draft = CaseStudyFactory()
    with pytest.raises(TransitionNotAllowed):
        case_study_unpublish(case_study=draft, by=secretariat)
    response = run_action(secretariat_client, "unpublish", draft)
    assert "cannot become" in response.text
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_admin_shows_a_preview_link_and_status_is_read_only(secretariat_client):
    draft = CaseStudyFactory()
    response = secretariat_client.get(f"/admin/casestudies/casestudy/{draft.pk}/change/")
    assert f'href="{draft.get_absolute_url()}"' in response.text
    assert 'name="status"' not in response.text
    assert secretariat_client.get(draft.get_absolute_url()).status_code == 200


def test_an_unpublished_case_study_stays_visible_to_its_organisations(
    alice_client, secretariat, boras, centre_val_de_loire
):
    from tests.factories import exchange_between

    exchange = exchange_between(host=boras, sender=centre_val_de_loire, status="completed")
    published = PublishedCaseStudyFactory(exchange=exchange)
    case_study_unpublish(case_study=published, by=secretariat)
    response = alice_client.get(published.get_absolute_url())
    assert response.status_code == 200
    assert "Unpublished" in response.text
    assert "Edit the draft" in response.text
