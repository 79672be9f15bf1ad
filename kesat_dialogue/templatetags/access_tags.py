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
    entries = list(audit.history(obj)[:50]) if allowed else []
    for entry in entries:
        entry.labels = audit.field_labels(obj, entry.changes)
    return {"entries": entries, "allowed": allowed}
