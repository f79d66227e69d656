"""URLs of the serving benchmark: the site's URLs plus a Django hello-world view (settings.bench)
and the worker's process id (the benchmark waits until every worker answers)."""

import os

from django.http import HttpResponse
from django.urls import include, path


def hello(request):
    return HttpResponse("Hallo Welt", content_type="text/plain; charset=utf-8")


def worker(request):
    return HttpResponse(str(os.getpid()), content_type="text/plain")


urlpatterns = [
    path("bench/hallo/", hello),
    path("bench/worker/", worker),
    path("", include("werkstatt.urls")),
]
