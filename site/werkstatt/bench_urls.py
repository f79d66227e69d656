"""URLs of the serving benchmark: the site's URLs plus a Django hello-world view (settings.bench)."""

from django.http import HttpResponse
from django.urls import include, path


def hello(request):
    return HttpResponse("Hallo Welt", content_type="text/plain; charset=utf-8")


urlpatterns = [path("bench/hallo/", hello), path("", include("werkstatt.urls"))]
