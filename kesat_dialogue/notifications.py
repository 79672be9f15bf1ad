"""In-app notifications, and the hand-offs of the workflow: when one body's work passes to
the next (a notice drafted goes to the chairman, a reply to the chairman, an assignment to
its agency…), the next person hears of it once, in the app and by e-mail.

Apps announce a hand-off with :func:`hand_off`; the follow-up app records it as a reminder
row (unique by its key, so a repeated save never sends it twice) and delivers it through the
reminders' delivery, in the same transaction as the change for the in-app notice and right
after it for the e-mail.
"""

from django.dispatch import Signal
from django.utils import timezone

from .models import Notification, Role, User

# Sent inside the change's transaction: plan, users, key, text, url.
handed_off = Signal()


def hand_off(*, plan, key: str, text: str, url: str, users=None, roles=(), unit=None) -> None:
    """Tell the next people of ``plan``'s commune: given ``users``, the active users of
    ``roles``, or the members of ``unit``. ``key`` names the event once (e.g. "reply:42")."""
    recipients = list(users or [])
    if roles:
        recipients += User.objects.for_commune(plan.commune).filter(role__in=roles, is_active=True)
    if unit is not None:
        recipients += User.objects.filter(membership__unit=unit, role=Role.AGENCY, is_active=True)
    unique = {user.pk: user for user in recipients}
    if unique:
        handed_off.send(
            sender=type(plan), plan=plan, users=list(unique.values()), key=key, text=text, url=url
        )


def notify(*, users, text: str, url: str = "") -> int:
    created = Notification.objects.bulk_create(
        Notification(user=user, text=text, url=url) for user in users
    )
    return len(created)


def mark_read(notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def mark_all_read(user) -> None:
    Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
