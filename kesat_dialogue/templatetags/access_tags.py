from django import template

from kesat_dialogue import access

register = template.Library()


@register.simple_tag
def can(user, action, obj=None):
    """{% can request.user "plan.manage" as allowed %}: hides buttons, never guards."""
    return access.can(user, action, obj)
