from __future__ import annotations

from django.utils.translation import gettext as _

from forlop.access.models import ConsentScope
from forlop.fhir import guards, selectors
from forlop.fhir.params import BadRequest, by_ids, check_known, repeats
from forlop.fhir.resources.episode import episode_of_care

TYPE = "EpisodeOfCare"
SEARCH = {"patient": "reference: Patient/id", "status": "token: active | finished",
          "_id": "token: the resource id"}
STATUSES = {"active": True, "finished": False}


def to_resource(pathway, access) -> dict:
    """Events only for readers the consent's scope lets see them (as the page)."""
    events = []
    if access.shares(ConsentScope.COLLABORATION):
        events = [(e.event, e.on, e.outcome, e.data) for e in selectors.events(pathway)]
    coordinator = pathway.coordinator
    return episode_of_care(pathway, events, resh=pathway.unit.resh_id,
                           patient=(pathway.patient.identifier_kind, pathway.patient.identifier),
                           hpr=coordinator.hpr_number if coordinator else "")


def read(request, rid):
    pathway, access = guards.pathway(request, rid, what="fhir:EpisodeOfCare")
    return to_resource(pathway, access)


def search(request, query, page):
    check_known(query, set(SEARCH))
    qs = selectors.pathways(request.user).order_by("pk")
    qs = by_ids(qs, "patient_id", query, "patient", "Patient")
    for wanted in repeats(query, "status"):
        if any(s not in STATUSES for s in wanted):
            raise BadRequest(_("status: bruk active eller finished."))
        qs = qs.filter(is_open__in=[STATUSES[s] for s in wanted])
    qs = by_ids(qs, "pk", query, "_id")
    total = qs.count()
    rows = list(qs[page.offset:page.offset + page.count])
    decided = guards.log_search(request, rows, what="fhir:EpisodeOfCare")
    return [to_resource(p, decided[p.pk]) for p in rows], total
