"""Sessions end after 12 hours however active they are (inactivity is SESSION_COOKIE_AGE)."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

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
