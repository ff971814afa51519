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
    assert [m.to for m in mailoutbox] == [["staff@earlall.example"]]
    assert "Vocational School of Tampere" in mailoutbox[0].subject


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
    assert Notification.objects.get().kind == "membership_duplicate"
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
    assert Notification.objects.get().kind == "membership_duplicate"
