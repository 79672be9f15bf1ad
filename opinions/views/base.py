from kesat_dialogue import access
from kesat_dialogue.tenancy import get_scoped_or_404
from meetings.models import DialoguePlan


def plan_for(request, plan_id) -> DialoguePlan:
    return get_scoped_or_404(
        request, DialoguePlan.objects.select_related("commune"), public_id=plan_id
    )


def shows_identity(request) -> bool:
    return access.can(request.user, "personal_data.view")
