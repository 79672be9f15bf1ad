from kesat_dialogue import access
from kesat_dialogue.htmx import is_htmx
from meetings.views.base import plan_for

__all__ = ["is_htmx", "plan_for", "shows_identity"]


def shows_identity(request) -> bool:
    return access.can(request.user, "personal_data.view")
