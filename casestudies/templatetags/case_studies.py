"""Case studies shown on other apps' pages. The organisation's profile belongs to
members, which sits below case studies: the profile's template asks for them here
rather than members importing this app."""

from django import template

from .. import selectors

register = template.Library()


@register.simple_tag
def published_case_studies_of(organisation) -> list:
    return selectors.published_case_studies_of(organisation)
