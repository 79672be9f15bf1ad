from django import template

from opinions import navigation

register = template.Library()


@register.simple_tag
def plan_sections(user, plan):
    """{% plan_sections user plan as sections %}: the opinion sections the user may open."""
    return navigation.sections(user, plan)
