from __future__ import annotations

from forlop.access.models import ConsentScope
from forlop.fhir import guards, selectors
from forlop.fhir.params import by_ids, check_known
from forlop.fhir.resources.encounter import ENCOUNTER_EVENTS, encounter

TYPE = "Encounter"
SEARCH = {"patient": "reference: Patient/id", "episode-of-care": "reference: EpisodeOfCare/id"}


def read(request, rid):
    row, pathway, _access = guards.event_pathway(request, rid, ENCOUNTER_EVENTS,
                                                 what="fhir:Encounter",
                                                 needs=ConsentScope.COLLABORATION)
    if row.pk not in {e.pk for e in selectors.events(pathway, kinds=ENCOUNTER_EVENTS)}:
        raise guards.NotFound  # corrected or retracted since
    return encounter(row, pathway)


def search(request, query, page):
    check_known(query, set(SEARCH))
    qs = selectors.pathways(request.user).order_by("pk")
    qs = by_ids(qs, "patient_id", query, "patient", "Patient")
    qs = by_ids(qs, "pk", query, "episode-of-care", "EpisodeOfCare")
    pathways = list(qs)
    decided = guards.readable(request.user, pathways,
                              lambda access: access.shares(ConsentScope.COLLABORATION))
    found = [(e, p) for p in pathways if p.pk in decided
             for e in selectors.events(p, kinds=ENCOUNTER_EVENTS)]
    shown = found[page.offset:page.offset + page.count]
    guards.log_search(request, list({p.pk: p for _e, p in shown}.values()),
                      what="fhir:Encounter", decided=decided)
    return [encounter(e, p) for e, p in shown], len(found)
