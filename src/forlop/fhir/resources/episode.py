"""The pathway as EpisodeOfCare; its measurement points ride along as extensions.

FHIR has no resource for a registered measurement point, and the Encounters we
serve (first attendance, evaluations) cover only some of them. So every effective
event is carried on the EpisodeOfCare (``pathway-event``: code, date, outcome and
the event's details), which makes an exported EpisodeOfCare a complete pathway
that the NDJSON import reads back (ADR 0045).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from forlop.fhir import systems
from forlop.fhir.resources import iso
from forlop.fhir.resources.organization import unit_id
from forlop.kernel.catalog_loader import load_catalog

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EVENT_SYSTEM, EXT_EVENT = systems.PATHWAY_EVENT, systems.EXT_EVENT
PATHWAY_TYPE, PATHWAY_TYPE_9321 = systems.PATHWAY_TYPE, systems.PATHWAY_TYPE_9321
EXT_SETTING, EXT_SEVERITY, EXT_RULESET = (systems.EXT_SETTING, systems.EXT_SEVERITY,
                                          systems.EXT_RULESET)
RESH, HPR, HNR, PERSON_SYSTEMS = systems.RESH, systems.HPR, systems.HNR, systems.PERSON_SYSTEMS


@lru_cache(maxsize=64)
def type_code(ruleset: str, pathway_type: str) -> str | None:
    """The national type code (code system 9321), when the rule set has one."""
    try:
        definition = load_catalog().ruleset(ruleset).pathways.get(pathway_type)
    except Exception:  # an unknown rule set id: no national code to give
        return None
    return definition.type_code if definition else None


def detail_extension(key: str, value) -> dict:
    kind = type(value)  # exact types first (JSON's), then the general tests
    if kind is bool:
        return {"url": key, "valueBoolean": value}
    if kind is int:
        return {"url": key, "valueInteger": value}
    if kind is str:
        if ISO_DATE.match(value):
            return {"url": key, "valueDate": value}
        return {"url": key, "valueString": value}
    if isinstance(value, bool):
        typed = {"valueBoolean": value}
    elif isinstance(value, int):
        typed = {"valueInteger": value}
    elif isinstance(value, dt.date):
        typed = {"valueDate": value.isoformat()}
    elif isinstance(value, str) and ISO_DATE.match(value):
        typed = {"valueDate": value}
    else:
        typed = {"valueString": str(value)}
    return {"url": key, **typed}


def event_extension(event: str, on, outcome: str, data: dict) -> dict:
    """``on``: a date, or its ISO text (the bulk export reads it so)."""
    parts = [{"url": "code", "valueCoding": {"system": EVENT_SYSTEM, "code": event}},
             {"url": "date", "valueDate": on if type(on) is str else iso(on)}]
    if outcome:
        parts.append({"url": "outcome", "valueCode": outcome})
    if data:
        parts += [detail_extension(k, v) for k, v in sorted(data.items()) if v is not None]
    return {"url": EXT_EVENT, "extension": parts}


def episode_of_care(p, events, *, resh: str = "", patient: tuple[str, str] | None = None,
                    hpr: str = "") -> dict:
    """``p``: a pathway (id, type, setting, severity, ruleset, started_on, closed_on,
    is_open, patient_id, unit_id, coordinator_id); ``events``: its effective events
    as (event, on, outcome, data) tuples in registration order. The unit's RESH id,
    the patient's (kind, identifier) and the coordinator's HPR number, when given, go
    into the references as identifiers, so the resource stands on its own in another
    system (the NDJSON import reads them)."""
    pathway_type = p.type
    coding = [{"system": PATHWAY_TYPE, "code": pathway_type}]
    national = type_code(p.ruleset, pathway_type)
    if national:
        coding.append({"system": PATHWAY_TYPE_9321, "code": national})
    extension = [{"url": EXT_SETTING, "valueCode": p.setting}]
    if p.severity:
        extension.append({"url": EXT_SEVERITY, "valueCode": p.severity})
    extension.append({"url": EXT_RULESET, "valueString": p.ruleset})
    extension += [event_extension(*e) for e in events]
    managing = {"reference": f"Organization/{unit_id(p.unit_id)}"}
    if resh:
        managing["identifier"] = {"system": RESH, "value": resh}
    subject = {"reference": f"Patient/{p.patient_id}"}
    if patient is not None:
        subject["identifier"] = {"system": PERSON_SYSTEMS.get(patient[0], HNR),
                                 "value": patient[1]}
    closed_on = p.closed_on
    out = {"resourceType": "EpisodeOfCare", "id": str(p.id), "extension": extension,
           "status": "active" if p.is_open else "finished", "type": [{"coding": coding}],
           "patient": subject, "managingOrganization": managing,
           "period": {"start": iso(p.started_on)} if closed_on is None
           else {"start": iso(p.started_on), "end": iso(closed_on)}}
    if p.coordinator_id is not None:
        manager = out["careManager"] = {"reference": f"Practitioner/{p.coordinator_id}"}
        if hpr:
            manager["identifier"] = {"system": HPR, "value": hpr}
    return out
