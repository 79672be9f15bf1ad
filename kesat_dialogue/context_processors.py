from .models import Notification


def commune(request):
    user = getattr(request, "user", None)
    unread = 0
    if getattr(request, "commune", None) is not None:
        unread = Notification.objects.filter(user=user).unread().count()
    return {"commune": getattr(request, "commune", None), "unread_notifications": unread}
