"""The treatment plan as CarePlan (id: the pathway's id; read and search).

Read as the plan page reads it: VIEW_PATHWAY (or the patient's own record) and, for
a consent-only reader, a consent that shares plans; each field only as far as the
consent's scope reaches (``plans.presenters.FIELDS``)."""

from __future__ import annotations

from forlop.access.models import ConsentScope
from forlop.fhir import guards, selectors
from forlop.fhir.params import by_ids, check_known
from forlop.fhir.resources.care_plan import care_plan
from forlop.plans import selectors as plans
from forlop.plans.presenters import FIELDS

TYPE = "CarePlan"
SEARCH = {"patient": "reference: Patient/id", "_id": "token: the resource id (a pathway id)"}
SCOPE_OF = {name: scope for name, _label, scope in FIELDS}


def to_resource(pathway, access, version) -> dict:
    signed = plans.signature_of(version)
    return care_plan(version, pathway,
                     shows=lambda field: access.shares(SCOPE_OF.get(field,
                                                                    ConsentScope.COLLABORATION)),
                     signed_at=signed.at if signed else None)


def read(request, rid):
    pathway, access = guards.pathway(request, rid, what="fhir:CarePlan",
                                     needs=ConsentScope.PLANS)
    version = plans.current_version(pathway)
    if version is None:
        raise guards.NotFound
    return to_resource(pathway, access, version)


def search(request, query, page):
    check_known(query, set(SEARCH))
    qs = selectors.pathways(request.user).filter(plan_versions__isnull=False).distinct()
    qs = by_ids(qs, "patient_id", query, "patient", "Patient")
    qs = by_ids(qs, "pk", query, "_id")
    pathways = list(qs.order_by("pk"))
    decided = guards.readable(request.user, pathways,
                              lambda access: access.shares(ConsentScope.PLANS))
    found = [p for p in pathways if p.pk in decided]
    rows = found[page.offset:page.offset + page.count]
    guards.log_search(request, rows, what="fhir:CarePlan", decided=decided)
    return [to_resource(p, decided[p.pk], plans.current_version(p)) for p in rows], len(found)
