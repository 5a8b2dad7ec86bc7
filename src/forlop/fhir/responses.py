"""FHIR JSON responses; every error an OperationOutcome, never a stack trace."""

from __future__ import annotations

import logging
from functools import wraps

import orjson
from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

from forlop.access.authorize import NotPermitted
from forlop.fhir.guards import NotFound
from forlop.fhir.params import BadRequest
from forlop.fhir.resources.outcome import operation_outcome
from forlop.fhir.validation import parse

log = logging.getLogger(__name__)
CONTENT_TYPE = "application/fhir+json; charset=utf-8"


class Invalid(Exception):
    """A resource sent to us that we cannot accept (422 or 400), with the issues."""

    def __init__(self, text: str, *, status: int = 422, expression=None):
        self.status, self.expression = status, expression
        super().__init__(text)


def fhir_json(resource: dict, status: int = 200, headers: dict | None = None) -> HttpResponse:
    response = HttpResponse(orjson.dumps(resource), status=status, content_type=CONTENT_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


# What we write (http.html, "Content Types and encodings"): FHIR JSON, which plain JSON
# clients take too; the Bulk Data files are NDJSON. ``_format`` names them so too.
JSON = ("application/fhir+json", "application/json", "json")
NDJSON = ("application/fhir+ndjson", "application/ndjson", "ndjson")


def _media_ranges(header: str):
    """(type/subtype, q) of each range of an Accept header; other parameters (such as
    ``fhirVersion=4.0``) do not change which type is asked for."""
    for part in header.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            name, _eq, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media:
            yield media.lower(), q


def acceptable(request, formats=JSON) -> bool:
    """Whether the client takes one of ``formats``: ``_format`` when given (it
    overrides Accept), else any range of Accept with a q above 0 (none: anything)."""
    asked = request.GET.get("_format")
    if asked is not None:
        return asked.partition(";")[0].strip().lower() in formats
    header = request.META.get("HTTP_ACCEPT", "").strip()
    if not header:
        return True
    types = [f for f in formats if "/" in f]
    for media, q in _media_ranges(header):
        main, _slash, sub = media.partition("/")
        if q > 0 and (media in types or media == "*/*"
                      or sub == "*" and any(t.startswith(main + "/") for t in types)):
            return True
    return False


def outcome(status: int, code: str, text: str, **kwargs) -> HttpResponse:
    return fhir_json(operation_outcome(code, text, **kwargs), status)


def checked(resource: dict) -> dict:
    """With ``FORLOP_FHIR_VALIDATE_SERVED`` (on in the tests), what we serve is parsed
    with the FHIR library first; one that does not parse is our bug, answered as a
    server error (an OperationOutcome) rather than sent. Off by default: parsing an
    EpisodeOfCare costs ~2 ms, most of a read once the access decision is bound
    (ADR 64); the tests parse every resource type each builder makes."""
    if settings.FORLOP_FHIR_VALIDATE_SERVED:
        parse(resource)
    return resource


def fhir_endpoint(*, anonymous: bool = False, methods=("GET",), allow=None, formats=JSON):
    """Wrap a view: sign-in required (401 with a bearer challenge), the methods it
    takes (405), and every exception answered as an OperationOutcome.

    A 405 carries ``Allow`` (RFC 9110 15.5.6: MUST): ``allow``, the methods that can
    succeed (a tuple, or a function of the URL's arguments), else ``methods``; a
    method the view takes only to say why it is refused (PUT) is left out of it.

    CSRF: system clients send bearer tokens, not cookies; the bearer middleware
    (``forlop.api``) lets those past Django's CSRF check, which holds every write that
    comes with the session cookie (a browser); its refusal under /fhir/ is an
    OperationOutcome too (``csrf_failure``, the project's ``CSRF_FAILURE_VIEW``).
    """

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            response = answer(request, *args, **kwargs)
            if response.status_code == 405:
                allowed = allow(**kwargs) if callable(allow) else allow or methods
                response["Allow"] = ", ".join(allowed)
            return response

        def answer(request, *args, **kwargs):
            if not acceptable(request, formats):  # http.html: 406 for a format we lack
                return outcome(406, "not-supported", _(
                    "Bare %(formats)s kan leveres her; be om det med Accept eller "
                    "_format.") % {"formats": formats[0]})
            if request.method not in methods:
                return outcome(405, "not-supported",
                               _("%(method)s støttes ikke her; bruk %(methods)s.")
                               % {"method": request.method, "methods": ", ".join(methods)})
            if not anonymous and not request.user.is_authenticated:
                response = outcome(401, "login",
                                   _("Logg inn, eller send en nøkkel (bearer token)."))
                response["WWW-Authenticate"] = 'Bearer realm="forlop"'
                return response
            try:
                return view(request, *args, **kwargs)
            except NotFound:
                return outcome(404, "not-found", _(
                    "Ressursen finnes ikke (eller du har ikke tilgang til den)."))
            except BadRequest as e:
                return outcome(400, "invalid", str(e))
            except Invalid as e:
                return outcome(e.status, "not-supported" if e.status == 405 else "processing",
                               str(e), expression=e.expression)
            except NotPermitted:
                return outcome(403, "forbidden", _("Du har ikke lov til å gjøre dette her."))
            except Exception:
                log.exception("FHIR endpoint failed")
                return outcome(500, "exception", _(
                    "Tjeneren kunne ikke svare på forespørselen; feilen er logget."))

        return wrapped

    return decorate


def csrf_failure(request, reason=""):
    """Django's CSRF refusal: an OperationOutcome under /fhir/, else the site's page."""
    if request.path_info.startswith("/fhir/"):
        return outcome(403, "security", _(
            "En endring fra en nettleserøkt trenger CSRF-nøkkelen sin; systemer sender en "
            "nøkkel (bearer token)."))
    from django.views.csrf import csrf_failure as page

    return page(request, reason)
