from django import template

from ..selectors import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def inbox_unread_count(context) -> int:
    """One COUNT on an index, for the badge in the navigation."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return 0
    return unread_count(user=user)
