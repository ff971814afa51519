"""Uploads that survive a form error.

A browser never sends a file twice: when a form with a logo comes back with an
error elsewhere, the person would have to choose the file again, and often does
not notice. So a valid upload of an invalid form is kept in the storage under
an unguessable name, the page carries a signed token for it, and the next
submission uses it unless another file is chosen. (django-file-resubmit did this
with the cache, whose local-memory default is per process, and is unmaintained.)

A kept file is read back once; the ones nobody came back for are deleted after
KEEP_SECONDS, whenever another file is kept.
"""

import datetime
import logging
import posixpath
import uuid

from django import forms
from django.core import signing
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db.models.fields.files import FieldFile
from django.forms.formsets import BaseFormSet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

FOLDER = "kept-uploads"
SALT = "core.uploads.kept"
KEEP_SECONDS = 60 * 60 * 24


def upload_keep(upload: UploadedFile) -> str:
    """Store the upload for the next submission; return the token that names it."""
    uploads_forget_stale()
    name = posixpath.basename(upload.name or "upload")
    path = default_storage.save(f"{FOLDER}/{uuid.uuid4().hex}/{name}", upload)
    upload.seek(0)
    return signing.dumps(
        {"path": path, "name": name, "type": getattr(upload, "content_type", "") or ""},
        salt=SALT,
    )


def upload_take(token: str) -> UploadedFile | None:
    """The kept upload as a fresh one (validated again like any other), or None
    when the token is forged, too old or already used."""
    try:
        kept = signing.loads(token, salt=SALT, max_age=KEEP_SECONDS)
    except signing.BadSignature:
        return None
    path = kept["path"]
    if not path.startswith(f"{FOLDER}/") or not default_storage.exists(path):
        return None
    with default_storage.open(path, "rb") as stored:
        content = stored.read()
    default_storage.delete(path)
    upload = SimpleUploadedFile(kept["name"], content, content_type=kept["type"])
    upload.kept_token = token
    return upload


def uploads_forget_stale(*, now=None) -> int:
    """Delete the kept uploads nobody came back for."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(seconds=KEEP_SECONDS)
    forgotten = 0
    try:
        folders, _files = default_storage.listdir(FOLDER)
    except (FileNotFoundError, NotADirectoryError):
        return 0
    for folder in folders:
        _subfolders, files = default_storage.listdir(f"{FOLDER}/{folder}")
        for name in files:
            path = f"{FOLDER}/{folder}/{name}"
            try:
                if default_storage.get_modified_time(path) < limit:
                    default_storage.delete(path)
                    forgotten += 1
            except (FileNotFoundError, OSError):
                logger.warning("Could not forget the kept upload %s", path, exc_info=True)
    return forgotten


class KeptFileInput(forms.ClearableFileInput):
    """A file input that says which file is kept from the previous submission,
    and sends its token along (a hidden input named <field>_kept)."""

    template_name = "core/widgets/kept_file_input.html"
    kept = None  # (token, file name), set by KeepUploadsMixin on an invalid form

    def kept_name(self, name: str) -> str:
        return f"{name}_kept"

    def value_from_datadict(self, data, files, name):
        upload = super().value_from_datadict(data, files, name)
        token = data.get(self.kept_name(name))
        if upload is None and token:
            # No new file chosen and the box to remove it not ticked: the kept one.
            # The form asks more than once (has_changed, then clean): take it once.
            taken = self.__dict__.setdefault("_taken", {})
            if token not in taken:
                taken[token] = upload_take(token)
            if taken[token] is not None:
                taken[token].seek(0)
            return taken[token]
        return upload

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["kept_input"] = self.kept_name(name)
        context["widget"]["kept"] = self.kept
        context["widget"]["kept_label"] = _("Kept from your last try:")
        context["widget"]["kept_help"] = _("Choose another file to replace it.")
        return context


def uploads_keep(*forms_or_formsets) -> None:
    """The page is shown again with an error: keep each valid new upload of these
    forms (and of the forms of these formsets) for the next submission."""
    for item in forms_or_formsets:
        for form in item.forms if isinstance(item, BaseFormSet) else [item]:
            _keep_uploads_of(form)


def _keep_uploads_of(form) -> None:
    if not form.is_bound:
        return
    cleaned = getattr(form, "cleaned_data", {})
    for name, field in form.fields.items():
        if not isinstance(field.widget, KeptFileInput) or name in form.errors:
            continue
        upload = cleaned.get(name)
        # A new upload (as sent, or re-encoded by core.images), not the stored file.
        if isinstance(upload, File) and not isinstance(upload, FieldFile):
            field.widget.kept = (upload_keep(upload), posixpath.basename(upload.name))


class KeepUploadsMixin:
    """A form with KeptFileInput fields that keeps its valid uploads when it is
    invalid (a page of several forms calls uploads_keep itself)."""

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self._errors:
            _keep_uploads_of(self)
