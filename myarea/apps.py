from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MyAreaConfig(AppConfig):
    """A member's area: what waits for them in every app, and a new
    organisation's first steps. It reads every domain app, so it sits above them."""

    name = "myarea"
    verbose_name = _("My area")
