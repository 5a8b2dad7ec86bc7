from __future__ import annotations

from forlop.fhir import systems
from forlop.fhir.resources import iso


def identifier(kind: str, value: str) -> dict:
    return {"use": "official", "system": systems.PERSON_SYSTEMS.get(kind, systems.HNR),
            "value": value}


def patient(p) -> dict:
    """``p``: id, identifier, identifier_kind, name, birth_date."""
    out = {"resourceType": "Patient", "id": str(p.id),
           "meta": {"profile": [systems.PROFILES["Patient"]]},
           "identifier": [identifier(p.identifier_kind, p.identifier)],
           "name": [{"use": "official", "text": p.name}]}
    if p.birth_date is not None:
        out["birthDate"] = iso(p.birth_date)
    return out
