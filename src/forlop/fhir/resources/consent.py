"""The patient's consent to share with one participant, as Consent."""

from __future__ import annotations

from forlop.fhir import systems
from forlop.fhir.resources import iso, ref

# Consent.status() -> FHIR status: a consent not yet in force is proposed; revoked
# or expired ones are inactive.
STATUS = {"active": "active", "not_started": "proposed", "revoked": "inactive",
          "expired": "inactive"}


def actor(c) -> dict:
    role = {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
                        "code": "IRCP", "display": "information recipient"}]}
    who = ({"display": str(c.participant_municipality),
            "identifier": {"system": systems.ORG_NUMBER,
                           "value": c.participant_municipality.org_number}}
           if c.participant_municipality_id else {"display": str(c.participant_user)})
    return {"role": role, "reference": who}


def consent(c, *, on=None) -> dict:
    """``c``: a ``Consent`` with its participant loaded."""
    period = {"start": iso(c.valid_from)}
    if c.valid_to is not None:
        period["end"] = iso(c.valid_to)
    provision = {"type": "permit", "period": period, "actor": [actor(c)],
                 "code": [{"coding": [{"system": systems.CONSENT_SCOPE, "code": c.scope}]}],
                 "extension": [{"url": f"{systems.CANONICAL}/StructureDefinition/"
                                       "consent-participant",
                                "valueCode": c.participant}]}
    if c.pathway_id is not None:
        provision["data"] = [{"meaning": "related",
                              "reference": ref("EpisodeOfCare", c.pathway_id)}]
    return {"resourceType": "Consent", "id": str(c.id), "status": STATUS[c.status(on)],
            "scope": {"coding": [{"system": systems.CONSENT_SCOPE_HL7,
                                  "code": "patient-privacy"}]},
            "category": [{"coding": [{"system": systems.LOINC, "code": "59284-0"}]}],
            "patient": ref("Patient", c.patient_id), "dateTime": iso(c.registered_at),
            "policyRule": {"coding": [{"system": systems.ACT_CODE, "code": "OPTIN"}]},
            "provision": provision}
