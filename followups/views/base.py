from kesat_dialogue.tenancy import get_scoped_or_404
from meetings.models import DialoguePlan


def plan_for(request, plan_id) -> DialoguePlan:
    return get_scoped_or_404(
        request,
        DialoguePlan.objects.select_related("commune", "chairman", "vice_chairman"),
        public_id=plan_id,
    )


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"
