"""First attendances and evaluations as Encounter (finished, one day each)."""

from __future__ import annotations

from forlop.fhir import systems
from forlop.fhir.resources import iso
from forlop.fhir.resources.organization import unit_id

ENCOUNTER_EVENTS = ("first_attendance", "evaluation")
ACT_CODE, PATHWAY_EVENT = systems.ACT_CODE, systems.PATHWAY_EVENT
SETTING_CLASS = {"outpatient": ("AMB", "ambulatory"), "inpatient": ("IMP", "inpatient encounter")}


def encounter(e, p) -> dict:
    """``e``: an event row (id, event, on); ``p``: its pathway (id, patient_id,
    unit_id, setting)."""
    code, display = SETTING_CLASS.get(p.setting, SETTING_CLASS["outpatient"])
    day = iso(e.on)
    return {"resourceType": "Encounter", "id": str(e.id), "status": "finished",
            "class": {"system": ACT_CODE, "code": code, "display": display},
            "type": [{"coding": [{"system": PATHWAY_EVENT, "code": e.event}]}],
            "subject": {"reference": f"Patient/{p.patient_id}"},
            "episodeOfCare": [{"reference": f"EpisodeOfCare/{p.id}"}],
            "period": {"start": day, "end": day},
            "serviceProvider": {"reference": f"Organization/{unit_id(p.unit_id)}"}}
