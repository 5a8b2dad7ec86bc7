"""Consents: for staff with direct access to the patient, and for the patient."""

from __future__ import annotations

from django.utils.translation import gettext as _

from forlop.access.models import Action
from forlop.fhir import guards, selectors
from forlop.fhir.params import BadRequest, check_known, reference_id
from forlop.fhir.resources.consent import consent as to_resource
from forlop.ids import row_id

TYPE = "Consent"
SEARCH = {"patient": "reference: Patient/id"}


def _direct(access) -> bool:
    # A consent-only reader (municipality, meeting participant) sees no consents.
    return access.consent_scope is None


def read(request, rid):
    found = selectors.consents_by_id(rid) if row_id(rid) else None
    if found is None:
        raise guards.NotFound
    _patient, access = guards.patient(request, found.patient_id, what="fhir:Consent")
    if not _direct(access):
        raise guards.NotFound
    return to_resource(found)


def search(request, query, page):
    check_known(query, set(SEARCH))
    if "patient" not in query:
        raise BadRequest(_("Søk etter Consent krever patient=Patient/id."))
    pid = reference_id(query["patient"], "Patient")
    try:
        _patient, access = guards.patient(request, pid, what="fhir:Consent",
                                          action=Action.SEARCH)
    except guards.NotFound:  # logged as refused; a search that finds nothing is empty
        return [], 0
    rows = list(selectors.consents([pid])) if _direct(access) else []
    return [to_resource(c) for c in rows[page.offset:page.offset + page.count]], len(rows)
