"""The app's URLs plus one view that fails, for the 500 page's test."""

from django.urls import path

from forlop.urls import urlpatterns as app_urlpatterns


def boom(request):
    raise RuntimeError("a bug")


urlpatterns = [*app_urlpatterns, path("boom/", boom)]
