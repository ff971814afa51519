from django import template

from desk.selectors import what_waits

register = template.Library()


@register.simple_tag
def desk_piles():
    """The piles of the secretariat's desk, for the admin's home page."""
    return what_waits()
