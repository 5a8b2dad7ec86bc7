"""The patient's self-report before an evaluation (``plans.SelfReport``) as
QuestionnaireResponse, answering our two-question form (``SELF_REPORT``)."""

from __future__ import annotations

from forlop.fhir import systems
from forlop.fhir.resources import iso, ref

QUESTIONS = (("how-it-goes", "how_it_goes", "Hvordan går det?"),
             ("wants-to-discuss", "wants_to_discuss", "Hva vil du snakke om?"))


def questionnaire_response(report, pathway) -> dict:
    """``report``: a ``SelfReport``; ``pathway``: its pathway."""
    items = [{"linkId": link, "text": text, "answer": [{"valueString": getattr(report, name)}]}
             for link, name, text in QUESTIONS if getattr(report, name)]
    out = {"resourceType": "QuestionnaireResponse", "id": str(report.pk),
           "questionnaire": systems.SELF_REPORT, "status": "completed",
           "subject": ref("Patient", pathway.patient_id),
           "authored": iso(report.at),
           "author": ref("Patient", pathway.patient_id),
           "basedOn": [ref("CarePlan", pathway.pk)]}
    if items:
        out["item"] = items
    return out
