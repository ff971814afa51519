"""What this app holds about a person, for their personal data export
(members.privacy): the requests and offers they wrote and their interests."""

from members.privacy import export_section, iso

from .models import ExpressionOfInterest, Listing


@export_section("listings_written")
def listings_written(user) -> list:
    return [
        {"reference": listing.reference, "title": listing.title, "at": iso(listing.created_at)}
        for listing in Listing.objects.filter(created_by=user)
    ]


@export_section("expressions_of_interest")
def expressions_of_interest(user) -> list:
    return [
        {"listing": i.listing.reference, "what_we_bring": i.what_we_bring, "at": iso(i.created_at)}
        for i in ExpressionOfInterest.objects.filter(user=user).select_related("listing")
    ]
