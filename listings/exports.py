"""The secretariat's CSV export of a filtered list of requests and offers."""

import csv

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils import timezone

from core.spreadsheets import cell_safe

from .filters import ExportFilter
from .models import Listing

COLUMNS = [
    ("reference", lambda x: x.reference),
    ("kind", lambda x: x.kind),
    ("status", lambda x: x.status),
    ("organisation", lambda x: x.organisation.name),
    ("country", lambda x: x.organisation.country.code),
    ("title", lambda x: x.title),
    ("themes", lambda x: ";".join(t.slug for t in x.themes.all())),
    ("formats", lambda x: ";".join(f.slug for f in x.formats.all())),
    ("role", lambda x: x.role),
    ("earliest_start", lambda x: x.earliest_start.isoformat()),
    ("latest_end", lambda x: x.latest_end.isoformat()),
    ("duration_days", lambda x: x.duration_days),
    ("participants", lambda x: x.participants),
    ("expires_on", lambda x: x.expires_on.isoformat()),
    ("published_at", lambda x: x.published_at.isoformat() if x.published_at else ""),
]


@staff_member_required
def export_csv(request):
    # Every listing, drafts included: for the staff who may view listings in the admin.
    if not request.user.has_perm("listings.view_listing"):
        raise PermissionDenied
    queryset = (
        Listing.objects.select_related("organisation")
        .prefetch_related("themes", "formats")
        .order_by("-created_at")
    )
    listings = ExportFilter(request.GET or None, queryset=queryset).qs
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="listings-{stamp}.csv"'
    writer = csv.writer(response)
    writer.writerow([name for name, _ in COLUMNS])
    for listing in listings:
        writer.writerow([cell_safe(str(get(listing))) for _, get in COLUMNS])
    return response
