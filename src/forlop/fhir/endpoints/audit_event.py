"""The access log about one's own record (*innsyn i logg*): for the patient only."""

from __future__ import annotations

from forlop.fhir import guards, selectors
from forlop.fhir.params import by_ids, check_known
from forlop.fhir.resources.audit_event import audit_event as to_resource
from forlop.ids import row_id

TYPE = "AuditEvent"
SEARCH = {"patient": "reference: Patient/id (your own)"}


def read(request, rid):
    found = selectors.own_log(request.user).filter(pk=rid).first() if row_id(rid) else None
    if found is None:
        raise guards.NotFound
    return to_resource(found)


def search(request, query, page):
    check_known(query, set(SEARCH))
    qs = selectors.own_log(request.user)
    qs = by_ids(qs, "patient_id", query, "patient", "Patient")
    total = qs.count()
    return [to_resource(r) for r in qs[page.offset:page.offset + page.count]], total
