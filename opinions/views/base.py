import logging

from django.db import transaction

from kesat_dialogue import access
from kesat_dialogue.htmx import is_htmx
from meetings.views.base import plan_for

__all__ = ["in_background", "is_htmx", "plan_for", "shows_identity"]

log = logging.getLogger(__name__)


def shows_identity(request) -> bool:
    return access.can(request.user, "personal_data.view")


def in_background(task, job, run_here) -> None:
    """Queue the job's task once the request's rows are committed; with the broker down,
    ``run_here(job)`` in the web process, so nothing the user gave is lost."""

    def dispatch():
        try:
            task.delay(job_id=job.pk)
        except Exception:
            log.warning("broker unavailable, running %r in the web process", job, exc_info=True)
            run_here(job)

    transaction.on_commit(dispatch)
