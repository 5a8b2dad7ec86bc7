from __future__ import annotations

from forlop.fhir import systems


def practitioner(u) -> dict:
    """``u``: id, first_name, last_name, username, hpr_number (may be blank)."""
    name = " ".join(n for n in (u.first_name, u.last_name) if n) or u.username
    out = {"resourceType": "Practitioner", "id": str(u.id),
           "meta": {"profile": [systems.PROFILES["Practitioner"]]},
           "active": True, "name": [{"text": name}]}
    if u.hpr_number:
        out["identifier"] = [{"system": systems.HPR, "value": u.hpr_number}]
    return out
