"""The admin with django-simple-history's pages, for every model that keeps a history.

Its "revert to this version" page saves a form like the change page, but asks only
for the permission to view, and of the old version: a member of the secretariat
could change there what the change page refuses them (a superuser's address, and
then their password by a reset). Here saving it asks what the change page asks, of
the object as it is now.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from simple_history import admin as simple_history_admin


class SimpleHistoryAdmin(simple_history_admin.SimpleHistoryAdmin):
    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            current = self.get_object(request, unquote(object_id))
            if current is None:
                raise Http404
            if not self.has_change_permission(request, current):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
