"""Units (RESH), health trusts and regions (organisation number), as Organization."""

from __future__ import annotations

from forlop.fhir import systems
from forlop.fhir.resources import ref

PROFILE = {"profile": [systems.PROFILES["Organization"]]}


def unit_id(pk) -> str:
    return f"unit-{pk}"


def trust_id(pk) -> str:
    return f"trust-{pk}"


def unit(u) -> dict:
    """``u``: id, name, resh_id, trust_id."""
    return {"resourceType": "Organization", "id": unit_id(u.id), "meta": PROFILE,
            "identifier": [{"system": systems.RESH, "value": u.resh_id}],
            "active": True, "name": u.name,
            "partOf": ref("Organization", trust_id(u.trust_id))}


def trust(t) -> dict:
    """``t``: id, name, org_number, region_id."""
    return {"resourceType": "Organization", "id": trust_id(t.id), "meta": PROFILE,
            "identifier": [{"system": systems.ORG_NUMBER, "value": t.org_number}],
            "active": True, "name": t.name,
            "partOf": ref("Organization", f"region-{t.region_id}")}


def region(r) -> dict:
    return {"resourceType": "Organization", "id": f"region-{r.id}", "meta": PROFILE,
            "identifier": [{"system": systems.ORG_NUMBER, "value": r.org_number}],
            "active": True, "name": r.name}
