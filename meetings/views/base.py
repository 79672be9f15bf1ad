from kesat_dialogue.tenancy import get_scoped_or_404

from ..models import DialoguePlan


def plan_for(request, plan_id) -> DialoguePlan:
    """The user's commune's plan with this public id, or 404; with what every page prints."""
    return get_scoped_or_404(
        request,
        DialoguePlan.objects.select_related("commune", "chairman", "vice_chairman"),
        public_id=plan_id,
    )
