from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bare/", bare), path("", include("kesat_dialogue.urls"))]
