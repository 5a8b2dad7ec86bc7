"""Bearer authentication for /api/ and /fhir/: sets ``request.user``.

A request to a path under ``/api/`` or ``/fhir/`` with ``Authorization: Bearer …``
is authenticated here, before any view: a local token (``flp_…``) or, when an OAuth
provider is configured, a JWT from it (``forlop.api.oauth``). A valid one makes
``request.user`` the token's user and ``request.auth_method`` ``"bearer"``; an
invalid one is answered 401 at once (problem details, or an OperationOutcome under
/fhir/), so no view ever sees it. Views then use ``request.user`` as for a session
(the contract in docs/api.md).

Bearer requests skip the CSRF check: a browser never adds an Authorization header
to a cross-site request by itself, which is what CSRF abuses. Requests without one
(session cookie) keep Django's CSRF check. The session is not consulted for a bearer
request: the token is the whole identity.

Placed after ``SessionPolicyMiddleware`` (which leaves a request without a session
alone); ``SecondFactorMiddleware`` lets bearer requests through, as the second
factor belongs to getting the token, not to each request.
"""

from __future__ import annotations

import logging

from django.utils.translation import gettext as _

from forlop.api import oauth, tokens
from forlop.api.problems import error_for

PATHS = ("/api/", "/fhir/")
log = logging.getLogger("forlop.api")


def bearer_token(request) -> str | None:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header[:7].lower() != "bearer ":
        return None
    return header[7:].strip()


def authenticate(token: str):
    """The user a bearer token stands for, or None (the reason goes to the log)."""
    if tokens.looks_local(token):
        return tokens.user_of(token)
    if oauth.config() and oauth.looks_like_jwt(token):
        try:
            return oauth.user_of(token)
        except oauth.Refused as refused:
            log.warning("API bearer JWT refused: %s", refused)
    return None


class BearerAuthenticationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(PATHS):
            token = bearer_token(request)
            if token is not None:
                user = authenticate(token) if token else None
                if user is None:
                    response = error_for(request.path_info, 401, _("Ikke autentisert"), _(
                        "Nøkkelen (bearer token) er ugyldig, utløpt eller trukket tilbake."))
                    response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
                    return response
                request.user = user
                request.auth_method = "bearer"
                request._dont_enforce_csrf_checks = True
        return self.get_response(request)
