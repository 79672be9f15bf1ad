import datetime as dt

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from . import reminders, retention


@shared_task(name="followups.sweep_reminders")
def sweep_reminders() -> None:
    """Record today's reminders and deliver what waits: safe to run any number of times.
    The communes are split into REMINDER_SWEEP_PARTS parts, one task each, so that more
    workers finish sooner; each part's rows are unique, so parts never send twice."""
    today = timezone.localdate()
    parts = reminders.commune_parts(settings.REMINDER_SWEEP_PARTS)
    if len(parts) <= 1:
        reminders.sweep(today)
        return
    for communes in parts:
        sweep_reminders_part.delay(communes, today.isoformat())


@shared_task(name="followups.sweep_reminders_part")
def sweep_reminders_part(communes: list[int], day: str) -> None:
    reminders.sweep(dt.date.fromisoformat(day), communes=communes)


@shared_task(name="followups.deliver_reminders")
def deliver_reminders() -> None:
    """Retry failed e-mails whose pause is over, between two daily sweeps."""
    reminders.deliver()


@shared_task(name="followups.erase_expired_identities")
def erase_expired_identities() -> None:
    """Names and contacts past their retention period are erased; idempotent."""
    retention.erase_expired()
