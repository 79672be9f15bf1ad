from kesat_dialogue.htmx import is_htmx
from meetings.views.base import plan_for

__all__ = ["is_htmx", "plan_for"]
