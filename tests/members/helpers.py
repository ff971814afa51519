import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def image_upload(name="logo.png", size=(120, 60), image_format="PNG", content_type="image/png"):
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def svg_upload():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    return SimpleUploadedFile("logo.svg", svg, content_type="image/svg+xml")


def application_data(**overrides):
    data = {
        "name": "Vocational School of Tampere",
        "kind": "vet_provider",
        "country": "FI",
        "region": "FI197",
        "city": "Tampere",
        "website": "https://tampere.example",
        "oid": "E10123456",
        "description": "A VET school hosting study visits on work-based learning.",
        "full_name": "Tuula Toivonen",
        "email": "tuula@tampere.example",
        "job_title": "International coordinator",
        "consent": "on",
    }
    data.update(overrides)
    return data
