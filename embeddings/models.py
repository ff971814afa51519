"""One vector per listing, beside the listing rather than in its row, so that
listing queries stay lean; tagged with the encoder that made it, so that a
change of encoder recomputes them (`embed_listings --all`)."""

import numpy as np
from django.db import models
from django.utils.translation import gettext_lazy as _


class ListingVector(models.Model):
    listing = models.OneToOneField(
        "listings.Listing",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="vector",
        verbose_name=_("listing"),
    )
    encoder = models.CharField(_("encoder"), max_length=60)
    # float32, little-endian: 1.5 KB for 384 dimensions. PostgreSQL has no
    # pgvector here: similarities are computed in numpy over the candidates.
    vector = models.BinaryField(_("vector"))
    # A hash of the text and the encoder: an edit that does not change the text
    # does not recompute, and an unchanged text is never encoded twice.
    text_hash = models.CharField(_("text hash"), max_length=40)
    # Changes with every write: the in-process cache compares it, not the vector.
    stamp = models.BigIntegerField(_("stamp"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("listing vector")
        verbose_name_plural = _("listing vectors")

    def __str__(self):
        return f"{self.listing_id} ({self.encoder})"

    def as_array(self) -> np.ndarray:
        return np.frombuffer(bytes(self.vector), dtype="<f4")
