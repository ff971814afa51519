from exchanges.filters import browse_filterset

from .models import CaseStudy
from .selectors import case_study_countries

CaseStudyFilter = browse_filterset(
    model=CaseStudy,
    prefix="exchange__",
    search_fields=["title", "summary", "story", "exchange__parties__organisation__name"],
    countries=case_study_countries,
)
