from celery import shared_task

from . import reminders, retention


@shared_task(name="followups.sweep_reminders")
def sweep_reminders() -> None:
    """Record today's reminders and deliver what waits: safe to run any number of times."""
    reminders.sweep()


@shared_task(name="followups.deliver_reminders")
def deliver_reminders() -> None:
    """Retry failed e-mails whose pause is over, between two daily sweeps."""
    reminders.deliver()


@shared_task(name="followups.erase_expired_identities")
def erase_expired_identities() -> None:
    """Names and contacts past their retention period are erased; idempotent."""
    retention.erase_expired()
