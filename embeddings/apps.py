from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmbeddingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "embeddings"
    verbose_name = _("Meaning of descriptions")
