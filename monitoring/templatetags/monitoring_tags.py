from django import template

from monitoring import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def can_monitor(context) -> bool:
    """Whether to show the Monitoring link; remembered on the request, asked once."""
    request = context.get("request")
    user = context.get("user")
    if user is None or request is None:
        return False
    if not hasattr(request, "_can_monitor"):
        request._can_monitor = selectors.can_monitor(user)
    return request._can_monitor


@register.simple_tag
def public_summary() -> dict:
    return selectors.public_summary()
