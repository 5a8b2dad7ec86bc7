"""The patient's self-reports as QuestionnaireResponse (read and search).

What the patient tells the service is for the service's own staff and the patient:
a consent-only reader never gets one (``guards.DIRECT``, as the pathway page)."""

from __future__ import annotations

from forlop.fhir import guards, selectors
from forlop.fhir.params import by_ids, check_known
from forlop.fhir.resources.questionnaire_response import questionnaire_response
from forlop.ids import row_id
from forlop.plans.models import SelfReport

TYPE = "QuestionnaireResponse"
SEARCH = {"patient": "reference: Patient/id",
          "based-on": "reference: CarePlan/id (the pathway's plan)"}


def read(request, rid):
    pathway_id = (SelfReport.objects.filter(pk=rid).values_list("pathway_id", flat=True)
                  .first() if row_id(rid) else None)
    pathway, _access = guards.row_pathway(request, pathway_id,
                                          what="fhir:QuestionnaireResponse",
                                          needs=guards.DIRECT)
    return questionnaire_response(SelfReport.objects.get(pk=rid), pathway)


def search(request, query, page):
    check_known(query, set(SEARCH))
    qs = selectors.pathways(request.user)
    qs = by_ids(qs, "patient_id", query, "patient", "Patient")
    qs = by_ids(qs, "pk", query, "based-on", "CarePlan")
    reports = (SelfReport.objects.filter(pathway__in=qs.values("pk"))
               .order_by("pk"))
    total = reports.count()
    shown = list(reports[page.offset:page.offset + page.count])
    pathways = {p.pk: p for p in qs.filter(pk__in={r.pathway_id for r in shown})}
    decided = guards.log_search(request, list(pathways.values()),
                                what="fhir:QuestionnaireResponse")
    return [questionnaire_response(r, pathways[r.pathway_id]) for r in shown
            if guards.may_read(decided[r.pathway_id], guards.DIRECT)], total
