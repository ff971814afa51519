"""Lists page by 25 and keep their filters in the pagination links."""

from django.core.paginator import Paginator

PAGE_SIZE = 25


def page_of(request, items, *, per_page: int = PAGE_SIZE):
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def filtered_page(request, filterset, *, items=None, per_page: int = PAGE_SIZE) -> dict:
    """The context of a filtered list: the filter, one page of its results (or of
    `items`), and the query string without the page, for includes/pagination.html."""
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "filter": filterset,
        "page_obj": page_of(request, filterset.qs if items is None else items, per_page=per_page),
        "query": query.urlencode(),
    }
