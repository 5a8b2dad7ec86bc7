"""Access-log rows as AuditEvent, for the patient reading who looked at their record."""

from __future__ import annotations

from forlop.fhir import systems
from forlop.fhir.resources import iso, ref

ACTION = {"read": "R", "search": "E", "write": "U", "consent": "U", "restriction": "U",
          "break_glass": "E", "role": "U"}
OUTCOME = {"allowed": "0", "refused": "4"}


def audit_event(row) -> dict:
    """``row``: an ``AccessLogEntry`` (at, user_id, user_name, action, what, basis,
    outcome, reason, patient_id, unit_id)."""
    agent = {"requestor": True, "who": {"display": row.user_name or "Forløp"}}
    if row.user_id is not None:
        agent["who"]["reference"] = f"Practitioner/{row.user_id}"
    out = {"resourceType": "AuditEvent", "id": str(row.id),
           "type": {"system": systems.DICOM, "code": "110110", "display": "Patient Record"},
           "action": ACTION.get(row.action, "E"), "recorded": iso(row.at),
           "outcome": OUTCOME.get(row.outcome, "0"),
           "purposeOfEvent": [{"coding": [{"system": systems.ACCESS_BASIS,
                                           "code": row.basis}]}],
           "agent": [agent], "source": {"observer": {"display": "Forløp"}},
           "entity": [{"what": ref("Patient", row.patient_id), "description": row.what}]}
    if row.reason:
        out["outcomeDesc"] = row.reason
    return out
