"""The FHIR R4 REST endpoints: metadata, read, search (paged Bundles)."""

from __future__ import annotations

import json

from django.db import transaction
from django.http import FileResponse, HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from forlop.fhir import bulk_lifecycle, bulkdata
from forlop.fhir.capability import capability_statement
from forlop.fhir.endpoints import TYPES
from forlop.fhir.endpoints.create import PREPARERS
from forlop.fhir.exporting import TYPES as EXPORT_TYPES
from forlop.fhir.guards import NotFound
from forlop.fhir.models import ExportStatus
from forlop.fhir.params import links, page_of
from forlop.fhir.resources.bundle import searchset
from forlop.fhir.responses import NDJSON, Invalid, checked, fhir_endpoint, fhir_json, outcome
from forlop.fhir.validation import parse


def base_url(request) -> str:
    return request.build_absolute_uri("/fhir/R4")


def endpoint_for(rtype: str):
    if rtype not in TYPES:
        raise NotFound
    return TYPES[rtype]


@fhir_endpoint(anonymous=True)
def metadata(request):
    return fhir_json(checked(capability_statement(
        TYPES, base=base_url(request), date=timezone.now().date().isoformat(),
        creatable=frozenset(PREPARERS))))


def body_of(request, rtype: str) -> dict:
    """The posted resource, parsed with the FHIR library (400 when it does not)."""
    try:
        resource = json.loads(request.body)
    except ValueError as e:
        raise Invalid(_("Innholdet er ikke gyldig JSON."), status=400) from e
    if not isinstance(resource, dict) or resource.get("resourceType") != rtype:
        raise Invalid(_("Innholdet må være en %(type)s.") % {"type": rtype}, status=400)
    if (where := null_in(resource, rtype)) is not None:
        # FHIR's JSON has no nulls (leave the element out); the library lets them by.
        raise Invalid(_("%(where)s er null: utelat elementet i stedet.") % {"where": where},
                      status=400, expression=[where])
    try:
        parse(resource)
    except ValueError as e:
        raise Invalid(_("Ressursen er ikke gyldig FHIR: %(error)s")
                      % {"error": str(e).splitlines()[0]}, status=400) from e
    return resource


def null_in(value, where: str) -> str | None:
    """Where the first JSON null in ``value`` is (``Bundle.entry[1].resource``), or None."""
    items = (value.items() if isinstance(value, dict)
             else enumerate(value) if isinstance(value, list) else ())
    for key, inner in items:
        at = f"{where}[{key}]" if isinstance(key, int) else f"{where}.{key}"
        if inner is None:
            return at
        if (found := null_in(inner, at)) is not None:
            return found
    return None


@fhir_endpoint(methods=("GET", "POST"),
               allow=lambda rtype: ("GET", "POST") if rtype in PREPARERS else ("GET",))
def search(request, rtype):
    if request.method == "POST":
        return create(request, rtype)
    module = endpoint_for(rtype)
    page = page_of(request.GET)
    resources, total = module.search(request, request.GET, page)
    bundle = searchset(resources, total=total, base=base_url(request),
                       links=links(f"{base_url(request)}/{rtype}", request.GET, page, total))
    return fhir_json(checked(bundle))


# Why a resource cannot be updated with PUT: its content follows from events the
# services register (each one checked by the kernel and for the user's permission),
# so a client changes it by sending the event, never by overwriting the resource.
NOT_UPDATABLE = {
    "EpisodeOfCare": gettext_lazy(
        "Status og periode for en EpisodeOfCare følger av hendelsene: send POST med en "
        "Encounter, eller POST /api/v1/pathways/{id}/events (for eksempel avslutning)."),
    "Task": gettext_lazy(
        "En Task er en frist: forfallsdato og status følger av forløpets hendelser og "
        "regelsett. Registrer heller hendelsen som stopper eller starter fristen på nytt."),
    "Encounter": gettext_lazy(
        "En Encounter er en registrert hendelse: rett den med POST "
        "/api/v1/pathways/{id}/events/{event_id}/corrections (historikken beholdes)."),
    "CarePlan": gettext_lazy(
        "En behandlingsplan endres som en ny versjon på plansiden, der pasienten kan "
        "signere den (PUT tilbys ikke ennå)."),
    "QuestionnaireResponse": gettext_lazy(
        "En egenrapport er pasientens eget svar, gitt på Min side; den endres aldri i "
        "ettertid."),
    "Consent": gettext_lazy(
        "Samtykker gis og trekkes tilbake gjennom /api/v1/pathways/{id}/consents."),
    "AuditEvent": gettext_lazy("Tilgangsloggen kan bare utvides, aldri endres."),
}


@fhir_endpoint(methods=("GET", "PUT"), allow=("GET",))
def read(request, rtype, rid):
    if request.method == "PUT":
        endpoint_for(rtype)  # an unknown type is 404
        raise Invalid(str(NOT_UPDATABLE.get(rtype) or _(
            "Denne ressursen forvaltes av sitt eget register og kan ikke endres her.")),
            status=405)
    return fhir_json(checked(endpoint_for(rtype).read(request, rid)))


def create(request, rtype):
    if rtype not in PREPARERS:
        endpoint_for(rtype)  # an unknown type is 404
        raise Invalid(_("Opprettelse av %(type)s støttes ikke.") % {"type": rtype},
                      status=405)
    apply = PREPARERS[rtype](request, body_of(request, rtype))
    with transaction.atomic():
        made = checked(apply({}))
    return fhir_json(made, 201, {"Location": f"{base_url(request)}/{rtype}/{made['id']}"})


@fhir_endpoint(methods=("POST",))
def batch(request):
    """A ``Bundle`` of type transaction: every entry a POST of a type we create; all
    of them land or none (one transaction)."""
    bundle = body_of(request, "Bundle")
    if bundle.get("type") != "transaction":
        raise Invalid(_("Bare Bundle av typen transaction støttes."), status=400)
    applies = []
    for i, entry in enumerate(bundle.get("entry") or []):
        where = f"Bundle.entry[{i}]"
        req = entry.get("request") or {}
        rtype = (entry.get("resource") or {}).get("resourceType")
        if req.get("method") != "POST" or req.get("url") != rtype or rtype not in PREPARERS:
            raise Invalid(_("Hver oppføring må være POST av EpisodeOfCare eller Encounter."),
                          expression=[where])
        try:
            applies.append((entry.get("fullUrl"), rtype, PREPARERS[rtype](request,
                                                                           entry["resource"])))
        except Invalid as e:
            raise Invalid(f"{where}: {e}", status=e.status, expression=[where]) from e
    # The entries' order does not matter (http.html#trules): an Encounter may point at
    # an EpisodeOfCare listed after it, so the EpisodeOfCares are made first. The
    # answer lists the entries in the request's order.
    results, local = [None] * len(applies), {}
    first = sorted(range(len(applies)), key=lambda i: applies[i][1] != "EpisodeOfCare")
    with transaction.atomic():
        for i in first:
            full_url, rtype, apply = applies[i]
            try:
                made = checked(apply(local))
            except Invalid as e:
                raise Invalid(f"Bundle.entry[{i}]: {e}", status=e.status,
                              expression=[f"Bundle.entry[{i}]"]) from e
            if full_url:
                local[full_url] = made["id"]
            results[i] = {"resource": made, "response": {
                "status": "201 Created", "location": f"{rtype}/{made['id']}"}}
    return fhir_json(checked({"resourceType": "Bundle", "type": "transaction-response",
                              "entry": results}))


@fhir_endpoint(methods=("GET", "PUT"), allow=("GET",))
def read_episode(request, pk):
    if request.method == "PUT":
        raise Invalid(str(NOT_UPDATABLE["EpisodeOfCare"]), status=405)
    return fhir_json(checked(endpoint_for("EpisodeOfCare").read(request, pk)))


@fhir_endpoint(anonymous=True)
def unknown(request, rest=""):
    raise NotFound


# FHIR Bulk Data ($export) -----------------------------------------------------------

@fhir_endpoint()
def export_kick_off(request):
    """``GET /fhir/R4/$export`` with ``Prefer: respond-async``: 202 and the status URL."""
    if "respond-async" not in request.headers.get("Prefer", ""):
        raise Invalid(_("$export krever Prefer: respond-async."), status=400)
    unknown = set(request.GET) - {"_since", "_outputFormat", "_type"}
    if unknown:
        raise Invalid(_("Ukjent parameter: %(names)s.") % {"names": ", ".join(sorted(unknown))},
                      status=400)
    fmt = request.GET.get("_outputFormat", "application/fhir+ndjson")
    if fmt not in {"application/fhir+ndjson", "application/ndjson", "ndjson"}:
        raise Invalid(_("Bare NDJSON støttes."), status=400)
    since = None
    if "_since" in request.GET:
        since = parse_datetime(request.GET["_since"])
        if since is None:
            raise Invalid(_("_since må være et FHIR-tidspunkt (instant)."), status=400)
    types = [t for t in request.GET.get("_type", "").split(",") if t]
    if set(types) - set(EXPORT_TYPES):
        raise Invalid(_("_type: disse typene eksporteres ikke: %(names)s.")
                      % {"names": ", ".join(sorted(set(types) - set(EXPORT_TYPES)))},
                      status=400)
    try:
        job = bulkdata.kick_off(user=request.user, request_url=request.build_absolute_uri(),
                                since=since, types=types)
    except bulkdata.Busy as busy:
        # The IG: a server that keeps a client from starting another export before
        # its exports in progress end answers 429 with Retry-After.
        if busy.everyone:
            message = ngettext(
                "Serveren har allerede %(n)d eksport som venter eller kjører; prøv igjen "
                "når den er ferdig.",
                "Serveren har allerede %(n)d eksporter som venter eller kjører; prøv igjen "
                "når en av dem er ferdig.", busy.active)
        else:
            message = ngettext(
                "Klienten har allerede %(n)d eksport som venter eller kjører; prøv igjen "
                "når den er ferdig.",
                "Klienten har allerede %(n)d eksporter som venter eller kjører; prøv igjen "
                "når en av dem er ferdig.", busy.active)
        response = outcome(429, "throttled", message % {"n": busy.active})
        response["Retry-After"] = str(BUSY_RETRY_AFTER_S)
        return response
    response = fhir_json({"resourceType": "OperationOutcome", "issue": [
        {"severity": "information", "code": "informational",
         "diagnostics": "Export accepted"}]}, 202)
    response["Content-Location"] = f"{base_url(request)}/$export-status/{job.pk}"
    return response


# Seconds a client over its limit of running exports is asked to wait.
BUSY_RETRY_AFTER_S = 60


@fhir_endpoint(methods=("GET", "DELETE"))
def export_status(request, job_id):
    job = bulkdata.job_of(request.user, job_id)
    if job is None:
        raise NotFound
    if request.method == "DELETE":
        bulk_lifecycle.remove(job)
        return fhir_json({"resourceType": "OperationOutcome", "issue": [
            {"severity": "information", "code": "informational",
             "diagnostics": "Export deleted"}]}, 202)
    if job.status in bulk_lifecycle.ACTIVE:
        response = HttpResponse(status=202)
        response["X-Progress"] = job.status
        response["Retry-After"] = "5"
        return response
    if job.status == ExportStatus.FAILED:
        # The IG's error status: 500 with an OperationOutcome; the poll ends.
        return outcome(500, "processing", _(
            "Eksporten stoppet uten å bli ferdig (prosessen som kjørte den, ble avsluttet). "
            "Start en ny eksport.") if job.error == bulk_lifecycle.STALLED else _(
            "Eksporten feilet, og feilen er logget. Start en ny eksport."))
    response = HttpResponse(json.dumps(bulkdata.manifest(job, base_url(request))),
                            content_type="application/json")
    response["Expires"] = http_date(bulk_lifecycle.expires_at(job).timestamp())
    return response


@fhir_endpoint(formats=NDJSON)
def export_file(request, job_id, path):
    job = bulkdata.job_of(request.user, job_id)
    found = bulkdata.file_of(job, path) if job is not None else None
    if found is None or not found.exists():
        raise NotFound
    return FileResponse(found.open("rb"), content_type="application/fhir+ndjson")
