from __future__ import annotations

from django.db.models import Q

from forlop.fhir import guards, selectors, systems
from forlop.fhir.params import by_ids, by_token, check_known
from forlop.fhir.resources.patient import patient as to_resource

TYPE = "Patient"
SEARCH = {"identifier": "token: system|value (fødselsnummer, D-nummer, FH-nummer)",
          "_id": "token: the resource id"}
KINDS = {system: Q(identifier_kind=kind) for system, kind in systems.KIND_OF_SYSTEM.items()}


def read(request, rid):
    found, _access = guards.patient(request, rid, what="fhir:Patient")
    return to_resource(found)


def search(request, query, page):
    check_known(query, set(SEARCH))
    qs = selectors.patients(request.user).order_by("pk")
    qs = by_token(qs, "identifier", query, "identifier", KINDS)
    qs = by_ids(qs, "pk", query, "_id")
    total = qs.count()
    rows = list(qs[page.offset:page.offset + page.count])
    vias = [selectors.patient_pathway(request.user, p.pk) for p in rows]
    guards.log_search(request, [v for v in vias if v is not None], what="fhir:Patient")
    return [to_resource(p) for p in rows], total
