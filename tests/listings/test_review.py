"""The secretariat publishes a submission or returns it with a comment, in the admin."""

import pytest

from listings.models import Listing, ListingStatus
from tests.factories import RequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(centre_val_de_loire, charlie):
    return RequestFactory(
        organisation=centre_val_de_loire,
        contact=charlie,
        created_by=charlie,
        status=ListingStatus.SUBMITTED,
        title="Exchange on gender equality in guidance services",
    )


def test_listing_publish_button_opens_it_and_tells_the_owner(
    secretariat_client,
    secretariat,
    submitted,
    charlie,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    change_url = f"/admin/listings/listing/{submitted.pk}/change/"
    assert "Publish" in secretariat_client.get(change_url).text
    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(
            f"/admin/listings/listing/{submitted.pk}/decide/publish/"
        )
    assert response["Location"] == change_url
    submitted.refresh_from_db()
    assert submitted.status == ListingStatus.OPEN
    assert submitted.published_at is not None
    last = submitted.history.first()
    assert last.history_user == secretariat
    assert last.history_change_reason == "Published by the secretariat"
    [mail] = mailoutbox
    assert mail.to == [charlie.email]
    assert mail.subject == "Your request is open: Exchange on gender equality in guidance services"
    assert submitted.get_absolute_url() in mail.body


def test_listing_publish_action_publishes_the_selected(secretariat_client, submitted):
    response = secretariat_client.post(
        "/admin/listings/request/",
        {"action": "publish_selected", "_selected_action": [submitted.pk]},
        follow=True,
    )
    assert "1 listing published." in response.text
    submitted.refresh_from_db()
    assert submitted.status == ListingStatus.OPEN


def test_listing_publish_of_a_draft_is_refused_with_a_message(secretariat_client, charlie):
    draft = RequestFactory(status=ListingStatus.DRAFT)
    response = secretariat_client.post(
        f"/admin/listings/listing/{draft.pk}/decide/publish/", follow=True
    )
    assert "Someone else was faster" in response.text
    draft.refresh_from_db()
    assert draft.status == ListingStatus.DRAFT


def test_listing_return_with_a_comment_sends_it_back_to_draft(
    secretariat_client, submitted, charlie, mailoutbox, django_capture_on_commit_callbacks
):
    page = secretariat_client.get(f"/admin/listings/listing/{submitted.pk}/change/").text
    assert "Return with a comment" in page
    url = f"/admin/listings/listing/{submitted.pk}/decide/return/"
    with django_capture_on_commit_callbacks(execute=True):
        secretariat_client.post(url, {"reason": "Please add the dates of the visit."})
    submitted.refresh_from_db()
    assert submitted.status == ListingStatus.DRAFT
    assert submitted.review_comment == "Please add the dates of the visit."
    [mail] = mailoutbox
    assert mail.to == [charlie.email]
    assert "Please add the dates of the visit." in mail.body
    assert "needs changes" in mail.subject


def test_listing_return_with_a_long_comment_keeps_it_whole_on_the_listing(
    secretariat_client, submitted
):
    comment = "Please add the dates of the visit and who takes part. " * 10
    secretariat_client.post(
        f"/admin/listings/listing/{submitted.pk}/decide/return/", {"reason": comment}
    )
    submitted.refresh_from_db()
    assert submitted.review_comment == comment.strip()
    reason = submitted.history.first().history_change_reason
    assert reason.startswith("Returned by the secretariat: Please add the dates")
    assert len(reason) == 100


def test_listing_return_without_a_comment_is_refused(secretariat_client, submitted, mailoutbox):
    url = f"/admin/listings/listing/{submitted.pk}/decide/return/"
    response = secretariat_client.post(url, {"reason": "  "}, follow=True)
    assert "Say what the organisation should change." in response.text
    submitted.refresh_from_db()
    assert submitted.status == ListingStatus.SUBMITTED
    assert not mailoutbox


def test_listing_return_action_asks_for_a_comment(secretariat_client, submitted):
    response = secretariat_client.post(
        "/admin/listings/listing/",
        {"action": "return_selected", "_selected_action": [submitted.pk]},
    )
    assert "Return to the organisation with a comment" in response.text
    secretariat_client.post(
        "/admin/listings/listing/",
        {"action": "return_selected", "_selected_action": [submitted.pk], "comment": "Dates?"},
    )
    submitted.refresh_from_db()
    assert submitted.status == ListingStatus.DRAFT


def test_listing_returned_shows_the_comment_to_its_owner(charlie_client, submitted):
    submitted.status = ListingStatus.DRAFT
    submitted.review_comment = "Please add the dates."
    submitted.save()
    assert "Please add the dates." in charlie_client.get(submitted.get_absolute_url()).text


def test_listing_status_is_not_editable_in_the_admin(secretariat_client, submitted):
    page = secretariat_client.get(f"/admin/listings/listing/{submitted.pk}/change/")
    assert 'name="status"' not in page.text
    assert Listing.objects.get().status == ListingStatus.SUBMITTED


def test_listing_admin_list_query_count_is_bounded(
    secretariat_client, django_assert_max_num_queries
):
    for _ in range(30):
        RequestFactory(status=ListingStatus.SUBMITTED)
    with django_assert_max_num_queries(16):
        response = secretariat_client.get("/admin/listings/listing/?status__exact=submitted")
    assert response.status_code == 200
    assert "30 requests and offers" in response.text


def test_the_owner_reads_the_kind_of_listing_in_their_own_language(
    secretariat_client, submitted, charlie, mailoutbox, django_capture_on_commit_callbacks
):
    # The secretariat acts in English; a French owner read "Votre request est ouverte".
    charlie.language = "fr"
    charlie.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        secretariat_client.post(f"/admin/listings/listing/{submitted.pk}/decide/publish/")

    [mail] = mailoutbox
    assert mail.subject.startswith("Votre demande est ouverte")
    assert "request" not in mail.subject


def test_the_secretariat_reads_the_kind_of_a_submission_in_its_language(
    client,
    centre_val_de_loire,
    charlie,
    secretariat,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    # A Swedish member's submission reached the secretariat as "New förfrågan to review".
    draft = RequestFactory(
        organisation=centre_val_de_loire,
        contact=charlie,
        created_by=charlie,
        title="Guidance",
        status=ListingStatus.DRAFT,
    )
    charlie.language = "sv"
    charlie.save(update_fields=["language"])
    client.force_login(charlie)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/listings/{draft.reference}/submit/")
    draft.refresh_from_db()
    assert draft.status == ListingStatus.SUBMITTED

    [mail] = [m for m in mailoutbox if m.to == [secretariat.email]]
    assert mail.subject == "New request to review: Guidance"
