from django import template

from monitoring import selectors

register = template.Library()


@register.simple_tag
def public_summary() -> dict:
    return selectors.public_summary()
