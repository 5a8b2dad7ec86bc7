"""Identifier systems, code systems and extension URLs, stated once.

Norwegian identifier systems are the OIDs of HL7 Norway's basis profiles (no-basis,
NamingSystem resources: fødselsnummer ...4.1.4.1, D-nummer ...4.1.4.2, FH-nummer
...4.1.4.3, HPR-nummer ...4.1.4.4; organisation number ...4.1.4.101 and RESH
...4.1.4.102 as the no-basis Organization profile recommends). Sources: docs/fhir.md.
Volven code systems take the form urn:oid:2.16.578.1.12.4.1.1.<kodeverk>; 9321 (pathway
type) follows that form (our reading, DESIGN.md section 4).

Our own code systems and extensions live under ``CANONICAL`` (ADR 0045).
"""

from __future__ import annotations

from forlop.kernel.identifiers import IdentifierKind

FHIR_VERSION = "4.0.1"
CANONICAL = "https://forlop.no/fhir"

FNR = "urn:oid:2.16.578.1.12.4.1.4.1"
DNR = "urn:oid:2.16.578.1.12.4.1.4.2"
FHNR = "urn:oid:2.16.578.1.12.4.1.4.3"
HPR = "urn:oid:2.16.578.1.12.4.1.4.4"
ORG_NUMBER = "urn:oid:2.16.578.1.12.4.1.4.101"
RESH = "urn:oid:2.16.578.1.12.4.1.4.102"
# H-nummer is local to one institution and has no national OID.
HNR = f"{CANONICAL}/NamingSystem/h-nummer"

PERSON_SYSTEMS = {IdentifierKind.FNR.value: FNR, IdentifierKind.DNR.value: DNR,
                  IdentifierKind.FHNR.value: FHNR, IdentifierKind.HNR.value: HNR}
KIND_OF_SYSTEM = {system: kind for kind, system in PERSON_SYSTEMS.items()}

PATHWAY_TYPE_9321 = "urn:oid:2.16.578.1.12.4.1.1.9321"
PATHWAY_TYPE = f"{CANONICAL}/CodeSystem/pathway-type"
PATHWAY_EVENT = f"{CANONICAL}/CodeSystem/pathway-event"
PATHWAY_CLOCK = f"{CANONICAL}/CodeSystem/pathway-clock"
CLOCK_STATUS = f"{CANONICAL}/CodeSystem/clock-status"
CONSENT_SCOPE = f"{CANONICAL}/CodeSystem/consent-scope"
CONSENT_PARTICIPANT = f"{CANONICAL}/CodeSystem/consent-participant"
ACCESS_BASIS = f"{CANONICAL}/CodeSystem/access-basis"
CARE_PLAN_CATEGORY = f"{CANONICAL}/CodeSystem/care-plan-category"
INDIVIDUAL_PLAN = f"{CANONICAL}/CodeSystem/individual-plan"
SELF_REPORT = f"{CANONICAL}/Questionnaire/self-report"

EXT_SETTING = f"{CANONICAL}/StructureDefinition/pathway-setting"
EXT_SEVERITY = f"{CANONICAL}/StructureDefinition/pathway-severity"
EXT_RULESET = f"{CANONICAL}/StructureDefinition/pathway-ruleset"
EXT_EVENT = f"{CANONICAL}/StructureDefinition/pathway-event"
EXT_FIRST_TRUST = f"{CANONICAL}/StructureDefinition/first-trust"
EXT_INDIVIDUAL_PLAN = f"{CANONICAL}/StructureDefinition/individual-plan"

NO_BASIS = "http://hl7.no/fhir/StructureDefinition"
PROFILES = {
    "Patient": f"{NO_BASIS}/no-basis-Patient",
    "Organization": f"{NO_BASIS}/no-basis-Organization",
    "Practitioner": f"{NO_BASIS}/no-basis-Practitioner",
}

ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
DICOM = "http://dicom.nema.org/resources/ontology/DCM"
AUDIT_EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type"
CONSENT_SCOPE_HL7 = "http://terminology.hl7.org/CodeSystem/consentscope"
LOINC = "http://loinc.org"
