from django import template

from kesat_dialogue import access, audit

register = template.Library()


@register.simple_tag
def can(user, action, obj=None):
    """{% can request.user "plan.manage" as allowed %}: hides buttons, never guards."""
    return access.can(user, action, obj)


@register.inclusion_tag("_audit_history.html", takes_context=True)
def audit_history(context, obj):
    """An object's change history, for the office and the chairman only."""
    user = context["request"].user
    allowed = access.can(user, "audit.view")
    entries = audit.labelled(audit.history(obj), obj) if allowed else []
    return {"entries": entries, "allowed": allowed}
