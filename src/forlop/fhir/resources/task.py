"""Each pathway clock as a Task: due date, status and whether it was kept.

The clock's due date is ``restriction.period.end``; ``executionPeriod`` runs from
the clock's start to the event that stopped it. ``businessStatus`` is the clock's
own status (met, breached, open, closed).
"""

from __future__ import annotations

from forlop.fhir import systems
from forlop.fhir.resources import fhir_id
from forlop.fhir.resources.organization import unit_id


# The clock's status -> Task.status (a breached clock that is still running is
# in progress; one that stopped late is completed, its businessStatus says breached).
def task_status(clock: dict) -> str:
    if clock.get("done"):
        return "completed"
    return "cancelled" if clock["status"] == "closed" else "in-progress"


CLOCK_STATUS, PATHWAY_CLOCK = systems.CLOCK_STATUS, systems.PATHWAY_CLOCK


def task_id(pathway_id, clock: dict) -> str:
    """``<pathway>.<clock>.<n>``: ``n`` counts a repeating clock's rounds (the
    evaluations); a clock that runs once is round 1 (its ``n`` is None)."""
    return f"{pathway_id}.{fhir_id(clock['clock'])}.{clock.get('n') or 1}"


def task(clock: dict, p) -> dict:
    """``clock``: one stored clock of the projection (``PathwayState.clocks``);
    ``p``: its pathway (id, patient_id, unit_id)."""
    pid, name, done = p.id, clock["clock"], clock.get("done")
    out = {"resourceType": "Task", "id": task_id(pid, clock), "status": task_status(clock),
           "businessStatus": {"coding": [{"system": CLOCK_STATUS, "code": clock["status"]}]},
           "intent": "plan",
           "code": {"coding": [{"system": PATHWAY_CLOCK, "code": name}]},
           "focus": {"reference": f"EpisodeOfCare/{pid}"},
           "for": {"reference": f"Patient/{p.patient_id}"},
           "owner": {"reference": f"Organization/{unit_id(p.unit_id)}"},
           "executionPeriod": {"start": clock["from"], "end": done} if done
           else {"start": clock["from"]}}
    due = clock.get("due")
    if due:
        out["restriction"] = {"period": {"end": due}}
    return out
