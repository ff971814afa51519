"""Lists page by 25 and keep their filters in the pagination links."""

from django.core.paginator import Page, Paginator

PAGE_SIZE = 25


def page_of(request, items, *, per_page: int = PAGE_SIZE, count=None):
    """One page of `items`. `count(items)`, when given, says how many there are
    (from a cache, say) instead of the paginator's COUNT query."""
    number = request.GET.get("page")
    if count is None and number in (None, "", "1"):
        # Most people's own lists fit on one page: read one more than a page, and
        # when that is all there is, the page is the whole list (no COUNT query).
        first = list(items[: per_page + 1])
        if len(first) <= per_page:
            return Paginator(first, per_page).get_page(1)
        # Longer: the paginator counts them; the first page is already read.
        return Page(first[:per_page], 1, Paginator(items, per_page))
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count(items)  # Paginator.count is a cached_property
    return paginator.get_page(number)


def filtered_page(request, filterset, *, items=None, per_page: int = PAGE_SIZE, count=None) -> dict:
    """The context of a filtered list: the filter, one page of its results (or of
    `items`), and the query string without the page, for includes/pagination.html.
    `count(items, query)`, when given, says how many results the filters give."""
    query = query_without_page(request)
    items = filterset.qs if items is None else items
    counter = None if count is None else (lambda items: count(items, query))
    return {
        "filter": filterset,
        "page_obj": page_of(request, items, per_page=per_page, count=counter),
        "query": query,
    }


def query_without_page(request) -> str:
    """The filters' query string, for the pagination links and saved searches."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
