"""Each pathway clock as a Task: due date, status and whether it was kept.

The clock's due date is ``restriction.period.end``; ``executionPeriod`` runs from
the clock's start to the event that stopped it. ``businessStatus`` is the clock's
own status (met, breached, open, closed).
"""

from __future__ import annotations

from forlop.fhir import systems
from forlop.fhir.resources import fhir_id, ref
from forlop.fhir.resources.organization import unit_id


# The clock's status -> Task.status (a breached clock that is still running is
# in progress; one that stopped late is completed, its businessStatus says breached).
def task_status(clock: dict) -> str:
    if clock.get("done"):
        return "completed"
    return "cancelled" if clock["status"] == "closed" else "in-progress"


def task_id(pathway_id, clock: dict) -> str:
    return f"{pathway_id}.{fhir_id(clock['clock'])}.{clock.get('n', 1)}"


def task(clock: dict, p) -> dict:
    """``clock``: one stored clock of the projection (``PathwayState.clocks``);
    ``p``: its pathway (id, patient_id, unit_id)."""
    out = {"resourceType": "Task", "id": task_id(p.id, clock), "status": task_status(clock),
           "businessStatus": {"coding": [{"system": systems.CLOCK_STATUS,
                                          "code": clock["status"]}]},
           "intent": "plan",
           "code": {"coding": [{"system": systems.PATHWAY_CLOCK, "code": clock["clock"]}]},
           "focus": ref("EpisodeOfCare", p.id), "for": ref("Patient", p.patient_id),
           "owner": ref("Organization", unit_id(p.unit_id)),
           "executionPeriod": {"start": clock["from"]}}
    if clock.get("done"):
        out["executionPeriod"]["end"] = clock["done"]
    if clock.get("due"):
        out["restriction"] = {"period": {"end": clock["due"]}}
    return out
