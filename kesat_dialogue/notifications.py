"""In-app notifications: what a user should see next time they open the app."""

from django.utils import timezone

from .models import Notification


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
