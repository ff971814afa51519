"""Photos are PNG, JPEG or WebP of sensible size with an alt text, and photos of
people appear only with their consent recorded."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from casestudies.models import Photo
from casestudies.validators import MAX_IMAGE_BYTES, validate_image_upload
from tests.factories import (
    CaseStudyTestimonialFactory,
    PhotoFactory,
    PublishedCaseStudyFactory,
    image_file,
)

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.mark.parametrize("image_format", ["PNG", "JPEG", "WEBP"])
def test_png_jpeg_and_webp_are_accepted(image_format):
    validate_image_upload(image_file(f"photo.{image_format.lower()}", image_format))


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("logo.svg", SVG, "image/svg+xml"),
        SimpleUploadedFile("photo.png", SVG, "image/png"),  # an SVG in disguise
        image_file("photo.gif", "GIF"),
    ],
)
def test_svg_and_other_files_are_refused(upload):
    with pytest.raises(ValidationError, match="PNG, JPEG or WebP"):
        validate_image_upload(upload)


def test_an_oversized_image_is_refused():
    upload = image_file()
    upload.size = MAX_IMAGE_BYTES + 1
    with pytest.raises(ValidationError, match="the most we accept is 5"):
        validate_image_upload(upload)


def edit_data(case_study, **photo):
    return {
        "title": case_study.title,
        "summary": case_study.summary,
        "story": case_study.story,
        "next_steps": "",
        "lessons-TOTAL_FORMS": 0,
        "lessons-INITIAL_FORMS": 0,
        "testimonials-TOTAL_FORMS": 0,
        "testimonials-INITIAL_FORMS": 0,
        "photos-TOTAL_FORMS": 1,
        "photos-INITIAL_FORMS": 0,
        "photos-0-caption": "Visit of a VET school",
        "photos-0-position": 0,
        **{f"photos-0-{k}": v for k, v in photo.items()},
    }


@pytest.fixture
def draft(boras, centre_val_de_loire):
    from casestudies.services import case_study_create_draft
    from tests.factories import exchange_between

    exchange = exchange_between(host=boras, sender=centre_val_de_loire, status="completed")
    return case_study_create_draft(exchange=exchange)


def test_member_uploads_a_photo_with_alt_text(alice_client, draft):
    data = edit_data(draft, image=image_file(), alt_text="Learners at a workbench")
    response = alice_client.post(f"/case-studies/{draft.slug}/edit/", data)
    assert response.status_code == 302
    assert Photo.objects.get().alt_text == "Learners at a workbench"


def test_a_photo_without_alt_text_is_refused(alice_client, draft):
    data = edit_data(draft, image=image_file(), alt_text="")
    response = alice_client.post(f"/case-studies/{draft.slug}/edit/", data)
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert not Photo.objects.exists()


def test_an_svg_photo_is_refused_in_the_member_form(alice_client, draft):
    data = edit_data(
        draft,
        image=SimpleUploadedFile("x.svg", SVG, "image/svg+xml"),
        alt_text="A drawing",
    )
    response = alice_client.post(f"/case-studies/{draft.slug}/edit/", data)
    assert response.status_code == 200
    assert "Upload a valid image" in response.text or "PNG, JPEG or WebP" in response.text
    assert not Photo.objects.exists()


def test_a_testimonial_photo_needs_alt_text(draft):
    testimonial = CaseStudyTestimonialFactory.build(
        case_study=draft, photo=image_file(), photo_alt=""
    )
    with pytest.raises(ValidationError) as error:
        testimonial.full_clean()
    assert "photo_alt" in error.value.message_dict


def test_photos_of_people_show_only_with_consent(client):
    case_study = PublishedCaseStudyFactory()
    PhotoFactory(case_study=case_study, alt_text="The town hall", shows_people=False)
    PhotoFactory(case_study=case_study, alt_text="Group without consent", shows_people=True)
    PhotoFactory(
        case_study=case_study,
        alt_text="Group with consent",
        shows_people=True,
        consent_recorded=True,
    )
    page = client.get(case_study.get_absolute_url()).text
    assert 'alt="The town hall"' in page
    assert 'alt="Group with consent"' in page
    assert "Group without consent" not in page
    listing = client.get("/case-studies/").text
    assert "Group without consent" not in listing


def test_testimonial_photo_shows_only_with_consent(client):
    case_study = PublishedCaseStudyFactory()
    CaseStudyTestimonialFactory(
        case_study=case_study, person_name="No Consent", photo=image_file(), photo_alt="Face A"
    )
    CaseStudyTestimonialFactory(
        case_study=case_study,
        person_name="With Consent",
        photo=image_file(),
        photo_alt="Face B",
        photo_consent=True,
    )
    page = client.get(case_study.get_absolute_url()).text
    assert "No Consent" in page
    assert 'alt="Face A"' not in page
    assert 'alt="Face B"' in page


def test_a_photo_refused_for_its_alt_text_is_kept_for_the_next_try(alice_client, draft):
    response = alice_client.post(
        f"/case-studies/{draft.slug}/edit/", edit_data(draft, image=image_file(), alt_text="")
    )
    assert response.status_code == 200
    assert 'data-testid="kept-upload"' in response.text
    token = response.context["formsets"]["photos"].forms[0].fields["image"].widget.kept[0]

    data = edit_data(draft, alt_text="Learners at a workbench", image_kept=token)
    response = alice_client.post(f"/case-studies/{draft.slug}/edit/", data)

    assert response.status_code == 302, [f.errors for f in response.context["formsets"]["photos"]]
    photo = Photo.objects.get()
    assert photo.alt_text == "Learners at a workbench"
    assert photo.image.name.endswith(".png")
