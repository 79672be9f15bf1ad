"""Hand-offs become reminder rows: one per person and channel, unique by the event's key,
delivered at once in the app (in the change's own transaction) and by e-mail right after."""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import reminders
from .models import Channel, Offset, Reminder, ReminderStatus

log = logging.getLogger(__name__)


def record(sender, *, plan, users, key, text, url, **kwargs) -> None:
    today = timezone.localdate()
    body = (
        f"{text}\nCuộc tiếp xúc, đối thoại {plan.label} của {plan.commune}.\n"
        f"Xem và xử lý: {settings.SITE_URL}{url}"
    )
    Reminder.objects.bulk_create(
        [
            Reminder(
                plan=plan,
                recipient=user,
                offset=Offset.HANDOFF,
                channel=channel,
                key=key,
                due_date=today,
                subject=f"[{plan.commune}] {text}"[:300],
                body=body,
                url=url,
            )
            for user in users
            for channel in ([Channel.IN_APP] + ([Channel.EMAIL] if user.email else []))
        ],
        ignore_conflicts=True,
    )
    waiting = Reminder.objects.filter(
        plan=plan, offset=Offset.HANDOFF, key=key, status=ReminderStatus.PENDING
    )
    now = timezone.now()
    for reminder in waiting.filter(channel=Channel.IN_APP):
        reminders.deliver_in_app(reminder, now)
    if waiting.filter(channel=Channel.EMAIL).exists():
        transaction.on_commit(_deliver_emails)


def _deliver_emails() -> None:
    from .tasks import deliver_reminders  # noqa: PLC0415 - tasks import this app's services

    try:
        deliver_reminders.delay()
    except Exception:  # the broker is down: the next delivery round sends it
        log.warning("broker unavailable; hand-off e-mails wait for the next round", exc_info=True)


def connect() -> None:
    from kesat_dialogue.notifications import handed_off  # noqa: PLC0415

    handed_off.connect(record, dispatch_uid="followups-handoffs")
