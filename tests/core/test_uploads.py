"""Findings 2 and 7: an upload is re-encoded under a new name before it is
stored, a claimed giant canvas is a form error (not a 500), and media are never
served as pages of the site."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from casestudies import models as casestudies
from tests.members.helpers import image_upload

pytestmark = pytest.mark.django_db

PROFILE = {"name": "Borås", "kind": "local_authority", "country": "SE", "region": "SE232"}


def png_claiming(width: int, height: int) -> bytes:
    """A PNG of about 80 bytes whose header claims width × height pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00"))
        + chunk(b"IEND", b"")
    )


def polyglot(name="poly.html") -> SimpleUploadedFile:
    upload = image_upload(name)
    content = upload.read() + b"<html><script>alert(document.domain)</script></html>"
    return SimpleUploadedFile(name, content, content_type="text/html")


def test_a_polyglot_logo_is_stored_as_a_clean_png_under_a_new_name(alice_client, boras):
    response = alice_client.post("/members/manage/boras/edit/", {**PROFILE, "logo": polyglot()})
    assert response.status_code == 302
    boras.refresh_from_db()
    assert boras.logo.name.startswith("logos/") and boras.logo.name.endswith(".png")
    assert "poly" not in boras.logo.name
    stored = default_storage.open(boras.logo.name).read()
    assert stored.startswith(b"\x89PNG") and b"<script" not in stored


def test_a_giant_canvas_logo_is_refused_with_a_clear_error(alice_client, boras):
    bomb = SimpleUploadedFile("bomb.png", png_claiming(20000, 20000), "image/png")
    assert len(bomb) < 100
    response = alice_client.post("/members/manage/boras/edit/", {**PROFILE, "logo": bomb})
    assert response.status_code == 200
    assert "the limit is 2000 × 2000" in " ".join(response.context["form"].errors["logo"])
    boras.refresh_from_db()
    assert not boras.logo


@pytest.mark.parametrize(
    "field",
    [casestudies.Photo._meta.get_field("image"), casestudies.Testimonial._meta.get_field("photo")],
)
def test_case_study_photos_have_a_pixel_limit(field):
    bomb = SimpleUploadedFile("bomb.png", png_claiming(20000, 20000), "image/png")
    with pytest.raises(ValidationError, match="pixels"):
        field.formfield().clean(bomb)


def test_case_study_photos_lose_their_location_metadata():
    exif = Image.Exif()
    exif[0x8825] = {2: (59.0, 20.0, 0.0)}  # GPSInfo: a latitude
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "teal").save(buffer, format="JPEG", exif=exif)
    photo = SimpleUploadedFile("IMG_0042.jpg", buffer.getvalue(), "image/jpeg")
    cleaned = casestudies.Photo._meta.get_field("image").formfield().clean(photo)
    assert cleaned.name.endswith(".jpg") and "IMG_0042" not in cleaned.name
    assert not Image.open(io.BytesIO(cleaned.read())).getexif()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "logos").mkdir()
    (tmp_path / "logos" / "logo.png").write_bytes(image_upload().read())
    (tmp_path / "logos" / "poly.html").write_bytes(b"<script>alert(1)</script>")
    return tmp_path


def test_media_are_served_as_images_never_as_pages(client, media_root):
    response = client.get("/media/logos/logo.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == "attachment"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_media_other_than_images_are_not_served(client, media_root):
    assert client.get("/media/logos/poly.html").status_code == 404
