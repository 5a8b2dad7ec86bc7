"""Ready booleans for the navigation: ``{% if nav.review_access %}``."""

from forlop.access.permissions import flags_of
from forlop.access.policy import role_permissions


def navigation(request):
    perms = role_permissions(getattr(request, "user", None))
    return {"nav": flags_of(perms)}
