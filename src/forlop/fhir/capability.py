"""The CapabilityStatement, built from the endpoints the server has."""

from __future__ import annotations

from forlop.fhir import systems


def capability_statement(types: dict, *, base: str, date: str,
                         creatable=frozenset()) -> dict:
    resources = []
    for name, module in types.items():
        interactions = [{"code": "read"}, {"code": "search-type"}]
        if name in creatable:
            interactions.append({"code": "create"})
        entry = {"type": name, "interaction": interactions,
                 "searchParam": [{"name": p, "type": doc.split(":")[0],
                                  "documentation": doc.split(":", 1)[1].strip()}
                                 for p, doc in module.SEARCH.items()]}
        if name in systems.PROFILES:
            entry["supportedProfile"] = [systems.PROFILES[name]]
        resources.append(entry)
    return {
        "resourceType": "CapabilityStatement", "status": "active", "date": date,
        "publisher": "Forløp", "kind": "instance",
        "software": {"name": "Forløp"},
        "implementation": {"description": "Forløp FHIR R4 server", "url": base},
        "fhirVersion": systems.FHIR_VERSION, "format": ["application/fhir+json", "json"],
        "rest": [{"mode": "server",
                  "documentation": "Signed-in users (session or bearer token) read what "
                                   "they may see on the pages; every read of a patient "
                                   "is written to the access log.",
                  "security": {"cors": False, "description":
                               "OAuth 2 bearer tokens (HelseID) or local API tokens; "
                               "see docs/api.md."},
                  "resource": resources,
                  "interaction": [{"code": "transaction",
                                   "documentation": "POSTs of EpisodeOfCare and Encounter, "
                                                    "all or nothing"}]}],
    }
