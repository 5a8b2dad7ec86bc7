"""The JSON API, version 1, at /api/v1/ (django-ninja); OpenAPI at /api/v1/openapi.json.

A thin adapter: each endpoint calls the selectors and services the pages call, and
the same guards write the access log. Who the caller is comes from the session
(CSRF-checked) or from ``Authorization: Bearer`` (``forlop.api.middleware``).
Refusals and errors are problem details (RFC 9457); nothing answers with a trace.
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, SessionAuth

from forlop.access.authorize import NotPermitted
from forlop.api import endpoints
from forlop.api.problems import PROBLEM_TYPE, problem
from forlop.pathways.kernel_bridge import PathwayRuleError
from forlop.pathways.presenters.events import stale_text
from forlop.pathways.presenters.kernel_errors import error_text
from forlop.pathways.services.stale import StaleRegistration

log = logging.getLogger("forlop.api")


class BearerUser(HttpBearer):
    """A request the bearer middleware authenticated (the token was checked there)."""

    def __call__(self, request):
        if getattr(request, "auth_method", "") == "bearer" and request.user.is_authenticated:
            return request.user
        return None

    def authenticate(self, request, token):  # pragma: no cover - __call__ decides
        return None


class ForlopApi(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """Error answers are ``application/problem+json`` (RFC 9457)."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for status, answer in operation.get("responses", {}).items():
                    content = answer.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        content[PROBLEM_TYPE] = content.pop("application/json")
        return schema


api = ForlopApi(
    title="Forløp API", version="1", urls_namespace="api-v1",
    description="Norway's national patient pathways (pakkeforløp) for mental health and "
                "substance use: referrals, pathways, events, consents, the worklist. "
                "See docs/api.md.",
    auth=[BearerUser(), SessionAuth()], docs_url=None, openapi_url="/openapi.json",
)
for router in endpoints.ROUTERS:
    api.add_router("", router)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    response = problem(401, _("Ikke autentisert"), _(
        "Send Authorization: Bearer med en gyldig nøkkel, eller logg inn."))
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(HttpError)
def _http_error(request, exc):
    if exc.status_code == 403:  # the CSRF check of a session request
        return problem(403, _("Ikke tillatt"), _("CSRF-kontrollen feilet."))
    return problem(exc.status_code, str(exc))


@api.exception_handler(Http404)
def _not_found(request, exc):
    return problem(404, _("Finnes ikke"), _("Ingen slik ressurs som du har tilgang til."))


@api.exception_handler(NotPermitted)
def _not_permitted(request, exc):
    return problem(403, _("Ikke tillatt"), _("Du mangler tillatelsen «%(what)s».") % {
        "what": exc.permission.label})


@api.exception_handler(PermissionDenied)
def _denied(request, exc):
    return problem(403, _("Ikke tillatt"), _("Rollene dine gir ikke tilgang til dette."))


@api.exception_handler(NinjaValidationError)
def _invalid_input(request, exc):
    errors = [{"field": ".".join(str(p) for p in e.get("loc", ()) if p not in ("body",)),
               "message": str(e.get("msg", ""))} for e in exc.errors]
    return problem(422, _("Ugyldig forespørsel"), _("Se feltene i «errors»."), errors=errors)


@api.exception_handler(DjangoValidationError)
def _refused(request, exc):
    """A service's refusal by field (nb/nn text), as the form shows it."""
    if hasattr(exc, "error_dict"):
        errors = [{"field": None if field == "__all__" else field, "message": str(m)}
                  for field, messages in exc.message_dict.items() for m in messages]
    else:
        errors = [{"message": str(m)} for m in exc.messages]
    return problem(422, _("Avvist"), errors[0]["message"] if errors else "", errors=errors)


@api.exception_handler(PathwayRuleError)
def _kernel_refused(request, exc):
    """The kernel's refusal: its codes and params, and the text the page shows."""
    errors = [{"code": e.code, "message": error_text(e), "field": e.field,
               "event_index": e.event_index, "params": _plain(e.params or {})}
              for e in exc.errors]
    return problem(422, _("Avvist av regelverket"),
                   errors[0]["message"] if errors else "", errors=errors)


@api.exception_handler(StaleRegistration)
def _stale(request, exc):
    return problem(409, _("Forløpet er endret"), stale_text(exc))


@api.exception_handler(Exception)
def _server_error(request, exc):
    log.exception("API error on %s %s", request.method, request.path)
    return problem(500, _("Noe gikk galt"), _(
        "Feilen er logget. Oppgi X-Request-ID hvis du kontakter brukerstøtte."))


def _plain(params) -> dict:
    """Kernel params as JSON values (dates as ISO text, tuples as lists)."""
    out = {}
    for key, value in params.items():
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        elif isinstance(value, tuple | set | frozenset):
            value = [v.isoformat() if hasattr(v, "isoformat") else v for v in value]
        out[key] = value
    return out
