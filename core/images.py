"""Uploaded images are decoded, checked and written anew before they are stored.

An upload is never stored as sent: Pillow decodes it and encodes a fresh file in
the format it detected, under a random name with that format's extension. Bytes
appended to an image (HTML, scripts, a polyglot), metadata (GPS positions in
EXIF) and the uploader's file name are left behind.
"""

import io
import uuid
import warnings

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

# Pillow refuses images above twice this many pixels even before our own checks
# (a "decompression bomb": a small file that claims a huge canvas).
MAX_PIXELS = 40_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

EXTENSIONS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}


def image_header(file) -> tuple[str | None, tuple[int, int] | None]:
    """(format, (width, height)) read from the header without decoding the
    pixels; (None, None) when Pillow does not recognise an image, and a size
    past the limit when the file claims more pixels than Pillow accepts."""
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                return image.format, image.size
    except Image.DecompressionBombError:
        return "unknown", (MAX_PIXELS + 1, 1)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None, None
    finally:
        file.seek(position)


def check_pixels(size, *, max_side: int, label=None) -> None:
    width, height = size
    if width > max_side or height > max_side or width * height > MAX_PIXELS:
        raise ValidationError(
            _("%(label)s is %(w)s × %(h)s pixels; the limit is %(max)s × %(max)s."),
            code="image_dimensions",
            params={"label": label or _("The image"), "w": width, "h": height, "max": max_side},
        )


def image_reencoded(file) -> ContentFile:
    """A new file holding only the decoded pixels, named <random>.<format>."""
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as source:
                image_format = source.format
                source.load()
                image = ImageOps.exif_transpose(source)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            _("This image has too many pixels."), code="image_dimensions"
        ) from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        # The header looked right but the pixels do not decode: a broken or forged file.
        raise ValidationError(
            _("This image cannot be read; please upload another file."), code="image_broken"
        ) from exc
    if image_format not in EXTENSIONS:
        raise ValidationError(_("Please upload a PNG, JPEG or WebP image."), code="image_type")
    if image_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    output = io.BytesIO()
    options = {"quality": 90} if image_format in ("JPEG", "WEBP") else {"optimize": True}
    image.save(output, format=image_format, **options)
    return ContentFile(output.getvalue(), name=f"{uuid.uuid4().hex}.{EXTENSIONS[image_format]}")


class ReencodedImageFormField(forms.FileField):
    """A file field that runs the given checks on the upload as sent, then hands
    on the re-encoded image. (forms.ImageField would decode the upload a second
    time, and its generic message explains less than the checks do.)"""

    def __init__(self, *, checks=(), **kwargs):
        self.checks = list(checks)
        kwargs.pop("max_length", None)
        super().__init__(**kwargs)

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        for check in self.checks:
            check(upload)
        return image_reencoded(upload)


class ReencodedImageField(models.ImageField):
    """A model ImageField whose forms (the members' pages and the admin alike)
    re-encode the upload; the field's validators check it first."""

    def formfield(self, **kwargs):
        return super().formfield(
            **{"form_class": ReencodedImageFormField, "checks": self.validators, **kwargs}
        )
