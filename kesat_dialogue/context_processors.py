from . import navigation
from .models import Notification


def commune(request):
    user = getattr(request, "user", None)
    unread = 0
    menu = ()
    if getattr(request, "commune", None) is not None:
        unread = Notification.objects.under(user=user).unread().count()
        menu = navigation.main_menu(user)
    return {
        "commune": getattr(request, "commune", None),
        "unread_notifications": unread,
        "main_menu": menu,
    }
