"""The treatment plan (``forlop.plans``) as CarePlan, one per pathway.

The resource id is the pathway's id (a pathway has one plan, kept as a chain of
versions); ``meta.versionId`` is the version number, so a client sees that the plan
changed. Fields a reader may not see are left out (``shares``: the consent scope of
a consent-only reader, the same table the plan page uses, ``plans.presenters.FIELDS``).
The individual plan (*individuell plan*, pasient- og brukerrettighetsloven § 2-5) is
an extension with our code; measures and evaluation dates are activities.
"""

from __future__ import annotations

from forlop.fhir import systems
from forlop.fhir.resources import iso, ref

SECTIONS = ("goals", "what_matters", "options_offered", "option_chosen", "crisis_plan",
            "responsibility_group")


def care_plan(version, pathway, *, shows=lambda field: True, signed_at=None) -> dict:
    """``version``: a ``PlanVersion``; ``pathway``: its pathway; ``shows(field)``:
    whether this reader may see that field of the plan."""
    out = {
        "resourceType": "CarePlan", "id": str(pathway.pk),
        "meta": {"versionId": str(version.number), "lastUpdated": iso(version.made_at)},
        "status": "active" if pathway.is_open else "completed",
        "intent": "plan",
        "category": [{"coding": [{"system": systems.CARE_PLAN_CATEGORY,
                                  "code": "treatment-plan",
                                  "display": "Behandlingsplan"}]}],
        "title": "Behandlingsplan",
        "subject": ref("Patient", pathway.patient_id),
        "created": iso(version.made_at),
        "supportingInfo": [ref("EpisodeOfCare", pathway.pk)],
    }
    if shows("individual_plan"):
        out["extension"] = [{"url": systems.EXT_INDIVIDUAL_PLAN,
                             "valueCoding": {"system": systems.INDIVIDUAL_PLAN,
                                             "code": version.individual_plan}}]
    if shows("goals") and version.goals:
        out["description"] = version.goals
    notes = [{"text": f"{name}: {getattr(version, name)}"} for name in SECTIONS
             if shows(name) and getattr(version, name)]
    if signed_at is not None:
        notes.append({"text": "signed by the patient", "time": iso(signed_at)})
    if notes:
        out["note"] = notes
    activities = []
    if shows("measures"):
        for m in version.measures:
            detail = {"status": "not-started", "description": f"{m['what']} ({m['who']})"}
            if m.get("by"):
                detail["scheduledPeriod"] = {"end": m["by"]}
            activities.append({"detail": detail})
    if shows("evaluation_dates"):
        for day in version.evaluation_dates:
            activities.append({"detail": {
                "status": "scheduled",
                "code": {"coding": [{"system": systems.PATHWAY_EVENT, "code": "evaluation"}]},
                "scheduledPeriod": {"start": day}}})
    if activities:
        out["activity"] = activities
    return out
