"""Views that forget to scope their queries, to show the ORM scoping them anyway."""

from django.http import JsonResponse
from django.urls import path

from meetings.models import DialoguePlan


def every_plan(request):
    # Forgets .for_commune(): the tenancy layer must add it, or refuse.
    return JsonResponse({"years": sorted(p.commune.slug for p in DialoguePlan.objects.all())})


urlpatterns = [path("moi-ke-hoach/", every_plan)]
