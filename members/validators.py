"""Validators for the European identifiers an organisation carries."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

OID_PATTERN = r"^E\d{8}$"
NUTS_PATTERN = r"^[A-Z]{2}[A-Z0-9]{1,3}$"

validate_oid = RegexValidator(
    OID_PATTERN,
    _("An Erasmus+ Organisation ID is the letter E followed by 8 digits, e.g. E10000001."),
    code="invalid_oid",
)

validate_nuts_format = RegexValidator(
    NUTS_PATTERN,
    _("A NUTS code is the country code followed by 1 to 3 characters, e.g. SE232."),
    code="invalid_nuts",
)

# NUTS uses the EU style guide's codes where they differ from ISO 3166-1.
NUTS_PREFIX = {"GR": "EL", "GB": "UK"}


def nuts_prefix(country_code: str) -> str:
    return NUTS_PREFIX.get(country_code, country_code)


def validate_nuts_for_country(region: str, country_code: str) -> None:
    """Refuse a NUTS code of another country (SE232 for a French organisation)."""
    if not region:
        return
    validate_nuts_format(region)
    prefix = nuts_prefix(str(country_code))
    if not re.match(rf"^{prefix}", region):
        raise ValidationError(
            _("The region %(region)s is not in the chosen country; its code starts with %(p)s."),
            code="nuts_country",
            params={"region": region, "p": prefix},
        )


LOGO_MAX_BYTES = 1024 * 1024
LOGO_MAX_SIDE = 2000
LOGO_FORMATS = {"PNG", "JPEG"}


def validate_logo(upload) -> None:
    """A logo is a PNG or JPEG of at most 1 MB and 2000 × 2000 pixels.

    SVG is refused: it can carry scripts, and the directory shows logos inline.
    The pixels are counted from the header, before anything is decoded.
    """
    from core.images import check_pixels, image_header

    if getattr(upload, "_committed", False) and not hasattr(upload, "content_type"):
        return  # already stored, so already checked (and re-encoded) on upload
    name = (getattr(upload, "name", "") or "").lower()
    if name.endswith((".svg", ".svgz")):
        raise ValidationError(
            _("SVG logos are not accepted: upload a PNG or JPEG image."), code="logo_svg"
        )
    if upload.size > LOGO_MAX_BYTES:
        raise ValidationError(
            _("The logo is too large (%(size)s KB); the limit is %(limit)s KB."),
            code="logo_size",
            params={"size": upload.size // 1024, "limit": LOGO_MAX_BYTES // 1024},
        )
    image_format, size = image_header(upload)
    if size is not None:
        check_pixels(size, max_side=LOGO_MAX_SIDE, label=_("The logo"))
    if image_format not in LOGO_FORMATS:
        raise ValidationError(_("The logo must be a PNG or JPEG image."), code="logo_type")
