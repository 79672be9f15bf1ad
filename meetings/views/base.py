from kesat_dialogue import access

from ..models import DialoguePlan


def plan_for(request, plan_id, action="plan.view", queryset=None) -> DialoguePlan:
    """The user's commune's plan with this public id, on which the user may do ``action``:
    404 outside the commune, 403 for the wrong role; with what every page prints."""
    if queryset is None:
        queryset = DialoguePlan.objects.select_related(
            "commune", "chairman", "vice_chairman"
        ).prefetch_related("villages")
    return access.fetch(request, action, queryset, public_id=plan_id)
