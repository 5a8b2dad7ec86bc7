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
    pathways = {p.pk: p for p in qs.filter(pk__in=SelfReport.objects.values("pathway_id"))}
    decided = guards.readable(request.user, pathways.values(),
                              lambda access: guards.may_read(access, guards.DIRECT))
    reports = SelfReport.objects.filter(pathway_id__in=list(decided)).order_by("pk")
    total = reports.count()
    shown = list(reports[page.offset:page.offset + page.count])
    guards.log_search(request, [pathways[pk] for pk in {r.pathway_id for r in shown}],
                      what="fhir:QuestionnaireResponse", decided=decided)
    return [questionnaire_response(r, pathways[r.pathway_id]) for r in shown], total
