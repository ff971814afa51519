"""Checks on uploaded images: a photo is a PNG, JPEG or WebP of sensible size.

SVG is refused because it can carry scripts; Pillow reads the file itself, so a
renamed file is judged by what it is, not by its name.
"""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from core.images import check_pixels, image_header

ALLOWED_IMAGE_FORMATS = {"PNG", "JPEG", "WEBP"}
MAX_IMAGE_BYTES = 5 * 1024 * 1024
# A 24-megapixel camera's photo fits; a claimed 20000 × 20000 canvas does not.
MAX_IMAGE_SIDE = 8000


def validate_image_upload(file) -> None:
    if getattr(file, "_committed", False) and not hasattr(file, "content_type"):
        return  # already stored, so already checked when it was uploaded
    if file.size > MAX_IMAGE_BYTES:
        raise ValidationError(
            _("This image is %(size)s; the most we accept is %(limit)s."),
            code="image_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(MAX_IMAGE_BYTES)},
        )
    image_format, size = image_header(file)
    if size is not None:
        check_pixels(size, max_side=MAX_IMAGE_SIDE)
    if image_format not in ALLOWED_IMAGE_FORMATS:
        raise ValidationError(
            _("Please upload a PNG, JPEG or WebP image (SVG and other files are refused)."),
            code="image_type",
        )
