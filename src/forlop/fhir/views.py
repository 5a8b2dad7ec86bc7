"""The FHIR R4 REST endpoints: metadata, read, search (paged Bundles)."""

from __future__ import annotations

from django.utils import timezone

from forlop.fhir.capability import capability_statement
from forlop.fhir.endpoints import TYPES
from forlop.fhir.guards import NotFound
from forlop.fhir.params import links, page_of
from forlop.fhir.resources.bundle import searchset
from forlop.fhir.responses import checked, fhir_endpoint, fhir_json


def base_url(request) -> str:
    return request.build_absolute_uri("/fhir/R4")


def endpoint_for(rtype: str):
    if rtype not in TYPES:
        raise NotFound
    return TYPES[rtype]


@fhir_endpoint(anonymous=True)
def metadata(request):
    return fhir_json(checked(capability_statement(
        TYPES, base=base_url(request), date=timezone.now().date().isoformat())))


@fhir_endpoint()
def search(request, rtype):
    module = endpoint_for(rtype)
    page = page_of(request.GET)
    resources, total = module.search(request, request.GET, page)
    bundle = searchset([checked(r) for r in resources], total=total, base=base_url(request),
                       links=links(f"{base_url(request)}/{rtype}", request.GET, page, total))
    return fhir_json(checked(bundle))


@fhir_endpoint()
def read(request, rtype, rid):
    return fhir_json(checked(endpoint_for(rtype).read(request, rid)))


@fhir_endpoint()
def read_episode(request, pk):
    return fhir_json(checked(endpoint_for("EpisodeOfCare").read(request, pk)))


@fhir_endpoint(anonymous=True)
def unknown(request, rest=""):
    raise NotFound
