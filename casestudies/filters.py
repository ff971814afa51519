from exchanges.filters import browse_filterset

from .models import CaseStudy

CaseStudyFilter = browse_filterset(
    model=CaseStudy,
    prefix="exchange__",
    search_fields=["title", "summary", "story", "exchange__parties__organisation__name"],
)
