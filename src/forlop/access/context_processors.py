"""Ready booleans for the navigation: ``{% if nav.review_access %}``."""

from forlop.access.permissions import Permission
from forlop.access.policy import role_permissions


def navigation(request):
    perms = role_permissions(getattr(request, "user", None))
    return {"nav": {p.value: p in perms for p in Permission}}
