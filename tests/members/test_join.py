"""A visitor applies to join the partnership; bad input changes nothing."""

import pytest

from members.models import Membership, MembershipStatus, Organisation, Role, User
from notifications.models import Notification
from tests.factories import LanguageFactory, OrganisationFactory, ThemeFactory

from .helpers import application_data, image_upload, svg_upload

pytestmark = pytest.mark.django_db


def test_join_creates_an_applicant_organisation_and_an_inactive_account(
    client, secretariat, mailoutbox, django_capture_on_commit_callbacks
):
    theme = ThemeFactory(name="Work-based learning")
    language = LanguageFactory(code="fi", name="Finnish")
    data = application_data(themes=[theme.pk], languages=[language.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/members/join/", data)

    assert response.status_code == 302
    assert response["Location"] == "/members/join/thanks/"
    organisation = Organisation.objects.get(oid="E10123456")
    assert organisation.status == MembershipStatus.APPLICANT
    assert organisation.slug == "vocational-school-of-tampere"
    assert list(organisation.themes.all()) == [theme]
    assert list(organisation.languages.all()) == [language]
    assert not organisation.logo
    person = User.objects.get(email="tuula@tampere.example")
    assert not person.is_active
    assert not person.has_usable_password()
    assert person.job_title == "International coordinator"
    assert person.privacy_consent_at is not None
    assert Membership.objects.get(user=person).role == Role.COORDINATOR
    (to_secretariat,) = [m for m in mailoutbox if m.to == ["staff@earlall.example"]]
    assert "Vocational School of Tampere" in to_secretariat.subject
    assert [m.to for m in mailoutbox if m is not to_secretariat] == [["tuula@tampere.example"]]


def test_an_application_is_not_public(client):
    client.post("/members/join/", application_data())
    organisation = Organisation.objects.get(oid="E10123456")
    assert client.get(organisation.get_absolute_url()).status_code == 404
    assert "Vocational School of Tampere" not in client.get("/members/").text


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "This field is required."),
        ("email", "", "This field is required."),
        ("oid", "E123", "An Erasmus+ Organisation ID is the letter E followed by 8 digits"),
        ("region", "SE232", "The region SE232 is not in the chosen country"),
        ("consent", "", "Please agree to the privacy notice to apply."),
    ],
)
def test_join_refuses_bad_input_next_to_the_field(client, field, value, message):
    response = client.post("/members/join/", application_data(**{field: value}))
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert message.split("%")[0] in response.text.replace("&#x27;", "'")
    assert not Organisation.objects.exists()
    assert not User.objects.exists()


PROFILE = {"name": "Borås", "kind": "local_authority", "country": "SE", "region": "SE232"}


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (svg_upload, "SVG logos are not accepted"),
        (lambda: image_upload(size=(2500, 100)), "the limit is 2000 × 2000"),
        (lambda: image_upload("logo.gif", image_format="GIF"), "must be a PNG or JPEG"),
    ],
)
def test_profile_refuses_a_wrong_logo(alice_client, boras, upload, message):
    response = alice_client.post("/members/manage/boras/edit/", {**PROFILE, "logo": upload()})
    assert message in " ".join(response.context["form"].errors["logo"])
    boras.refresh_from_db()
    assert not boras.logo


def test_profile_refuses_an_oversized_logo(alice_client, boras):
    from members import validators

    original = validators.LOGO_MAX_BYTES
    validators.LOGO_MAX_BYTES = 100
    try:
        response = alice_client.post(
            "/members/manage/boras/edit/", {**PROFILE, "logo": image_upload()}
        )
    finally:
        validators.LOGO_MAX_BYTES = original
    assert "The logo is too large" in " ".join(response.context["form"].errors["logo"])


def test_greek_regions_use_the_eu_code(client):
    response = client.post("/members/join/", application_data(country="GR", region="EL30", oid=""))
    assert response.status_code == 302
    assert Organisation.objects.get(country="GR").region == "EL30"


@pytest.mark.parametrize(
    "overrides",
    [{"name": "Someone else", "oid": "E10000001"}, {"name": "borås school", "oid": ""}],
)
def test_a_duplicate_application_is_flagged_to_the_secretariat_not_created(
    client, secretariat, mailoutbox, django_capture_on_commit_callbacks, overrides
):
    OrganisationFactory(name="Borås School", country="SE", oid="E10000001")
    data = application_data(country="SE", region="SE232", **overrides)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/members/join/", data)

    assert response.status_code == 302
    assert Organisation.objects.count() == 1
    assert not User.objects.filter(email="tuula@tampere.example").exists()
    assert sorted(Notification.objects.values_list("kind", flat=True)) == [
        "membership_application_received",
        "membership_duplicate",
    ]
    assert mailoutbox[0].to == ["staff@earlall.example"]
    assert "Possible duplicate application" in mailoutbox[0].subject
    assert "Borås School" in mailoutbox[0].body


def test_an_existing_member_applying_for_another_organisation_keeps_their_account(client, alice):
    client.post("/members/join/", application_data(email="ALICE@boras.example"))
    alice.refresh_from_db()
    assert alice.is_active
    assert alice.has_usable_password()
    # Linked only once she confirms from her mailbox (tests/members/test_join_abuse.py).
    assert alice.memberships.count() == 1


def test_an_application_racing_another_for_the_same_oid_is_flagged(secretariat, monkeypatch):
    from members import services

    OrganisationFactory(name="Tampere VET", country="FI", oid="E10123456")
    # As if the other application committed between our check and our insert.
    original, calls = services.application_duplicate_of, []

    def not_yet_visible(**kwargs):
        calls.append(kwargs)
        return None if len(calls) == 1 else original(**kwargs)

    monkeypatch.setattr(services, "application_duplicate_of", not_yet_visible)
    result = services.application_submit(
        organisation={
            "name": "Another name",
            "kind": "vet_provider",
            "country": "FI",
            "oid": "E10123456",
        },
        applicant={"full_name": "T", "email": "t@example.org", "job_title": "x"},
    )
    assert result is None
    assert Organisation.objects.count() == 1
    assert Notification.objects.get(email="staff@earlall.example").kind == "membership_duplicate"


def test_the_applicant_is_told_once_that_the_application_arrived_and_what_follows(
    client, secretariat, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/members/join/", application_data(), HTTP_ACCEPT_LANGUAGE="fr")

    acknowledgement = Notification.objects.get(kind="membership_application_received")
    assert acknowledgement.recipient == User.objects.get(email="tuula@tampere.example")
    assert acknowledgement.language == "fr"
    (email,) = [m for m in mailoutbox if m.to == ["tuula@tampere.example"]]
    assert "Vocational School of Tampere" in email.subject
    assert email.alternatives[0][0].count("<li>") == 3


def test_a_duplicate_application_gets_the_same_acknowledgement_as_a_new_one(
    client, secretariat, mailoutbox, django_capture_on_commit_callbacks
):
    OrganisationFactory(name="Tampere VET", country="FI", oid="E10123456")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/members/join/", application_data())

    (email,) = [m for m in mailoutbox if m.to == ["tuula@tampere.example"]]
    # In the applicant's words: nothing tells them the organisation is known already.
    assert email.subject == "We have your application for Vocational School of Tampere"
    assert "Tampere VET" not in email.body


def test_a_profile_refused_elsewhere_keeps_the_chosen_logo_for_the_next_try(alice_client, boras):
    url = "/members/manage/boras/edit/"
    response = alice_client.post(url, {**PROFILE, "region": "FRB", "logo": image_upload()})
    assert response.status_code == 200
    assert "region" in response.context["form"].errors
    assert 'data-testid="kept-upload"' in response.text
    token = response.context["form"].fields["logo"].widget.kept[0]

    # The browser sends no file the second time; the kept one is used.
    response = alice_client.post(url, {**PROFILE, "logo_kept": token})

    assert response.status_code == 302
    boras.refresh_from_db()
    assert boras.logo.name.startswith("logos/")


def test_a_forged_kept_logo_token_is_ignored(alice_client, boras):
    response = alice_client.post(
        "/members/manage/boras/edit/", {**PROFILE, "logo_kept": "kept-uploads/x.png"}
    )
    assert response.status_code == 302
    boras.refresh_from_db()
    assert not boras.logo
