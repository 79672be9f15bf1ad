"""Sessions end after 12 hours however active they are (inactivity is SESSION_COOKIE_AGE)."""

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.models import Session
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

STARTED = "kesat_login_at"


@receiver(user_logged_in)
def remember_login_time(sender, request, user, **kwargs):
    request.session[STARTED] = int(time.time())


class AbsoluteSessionLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            started = request.session.get(STARTED)
            if started is None:
                request.session[STARTED] = int(time.time())
            elif time.time() - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
        return self.get_response(request)


def end_sessions_of(user) -> int:
    """Delete every live session of ``user`` on the server."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            session.delete()
            ended += 1
    return ended


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def end_sessions_of_deactivated_user(sender, instance, created, **kwargs):
    if not created and not instance.is_active:
        end_sessions_of(instance)
