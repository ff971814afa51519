from django.urls import path

from . import views
from .exports import export_csv
from .feeds import NewListingsFeed

app_name = "listings"

urlpatterns = [
    path("", views.browse, name="browse"),
    path("feed/", NewListingsFeed(), name="feed"),
    path("export.csv", export_csv, name="export"),
    path("mine/", views.my_listings_page, name="my-listings"),
    path("searches/", views.saved_searches, name="saved-searches"),
    path("searches/<int:pk>/delete/", views.saved_search_delete, name="saved-search-delete"),
    path("link/<str:token>/", views.listing_link, name="listing-link"),
    path("new/<str:kind>/", views.listing_create, name="listing-create"),
    path("<str:reference>/", views.listing_detail, name="listing-detail"),
    path("<str:reference>/edit/", views.listing_edit, name="listing-edit"),
    path("<str:reference>/submit/", views.listing_submit, name="listing-submit"),
    path("<str:reference>/withdraw/", views.listing_withdraw, name="listing-withdraw"),
    path("<str:reference>/close/", views.listing_close, name="listing-close"),
    path("<str:reference>/renew/", views.listing_renew, name="listing-renew"),
    path("<str:reference>/interest/", views.interest_create, name="interest-create"),
    path("<str:reference>/interest-settings/", views.interest_settings, name="interest-settings"),
]
