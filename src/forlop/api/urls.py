"""/api/: version 1, and a JSON 404 for any other path under /api/ (never an HTML page)."""

from django.urls import path, re_path
from django.utils.translation import gettext as _

from forlop.api.problems import problem
from forlop.api.v1 import api


def not_found(request, rest=""):
    return problem(404, _("Finnes ikke"),
                   _("Ingen slik adresse i API-et. Se /api/v1/openapi.json."))


urlpatterns = [
    path("v1/", api.urls),
    re_path(r"^(?P<rest>.*)$", not_found),
]
