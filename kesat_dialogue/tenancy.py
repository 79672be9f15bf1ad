"""One mechanism that keeps each commune's data to itself.

Every tenant model names the lookup that leads to its commune (``commune_lookup``) and uses
``TenantQuerySet``; the middleware puts the signed-in user's commune on the request; views
fetch through :func:`scoped` and :func:`get_scoped_or_404`, so an object of another commune
is simply not found.
"""

from django.db import models
from django.http import Http404


class TenantQuerySet(models.QuerySet):
    def for_commune(self, commune):
        if commune is None:
            return self.none()
        return self.filter(**{self.model.commune_lookup: commune})


def scoped(request, model_or_queryset):
    """The rows of a model (or queryset) that belong to the request's commune."""
    queryset = (
        model_or_queryset._default_manager.all()
        if isinstance(model_or_queryset, type)
        else model_or_queryset
    )
    return queryset.for_commune(getattr(request, "commune", None))


def get_scoped_or_404(request, model_or_queryset, **lookup):
    try:
        return scoped(request, model_or_queryset).get(**lookup)
    except (models.ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Không tìm thấy trong dữ liệu của xã.") from exc


class CommuneMiddleware:
    """Puts ``request.commune``: the commune of the signed-in staff member, or None."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        request.commune = None
        if user is not None and user.is_authenticated and user.is_commune_staff:
            request.commune = user.commune
        return self.get_response(request)
