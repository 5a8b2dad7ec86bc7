"""Create where a service allows: EpisodeOfCare (``start_pathway``) and Encounter
(``register_event``: a first attendance or an evaluation). The services check the
actor; the kernel's refusals come back as a 422 OperationOutcome, nothing saved.

Each creator has two steps: ``prepare`` finds what the resource points at and writes
the access-log row (outside any transaction, so a refused or failed write is still
logged, as the page guards do), and returns ``apply(local)``, which writes. A
``Bundle`` transaction prepares every entry, then applies them all in one
transaction; ``local`` maps the bundle's ``fullUrl``s to the ids made so far."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forlop.access.audit import Touch, log_access
from forlop.access.models import Action, Basis
from forlop.access.policy import access_to
from forlop.fhir import guards, selectors, systems
from forlop.fhir.endpoints import encounter as encounter_endpoint
from forlop.fhir.endpoints import episode as episode_endpoint
from forlop.fhir.params import reference_id
from forlop.fhir.resources.encounter import ENCOUNTER_EVENTS
from forlop.fhir.responses import Invalid
from forlop.ids import row_id
from forlop.organisations.models import Unit
from forlop.pathways.kernel_bridge import PathwayRuleError
from forlop.pathways.presenters.kernel_errors import error_text
from forlop.pathways.services import register_event, start_pathway
from forlop.patients.models import Patient


def _date(text, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(text)[:10])
    except (TypeError, ValueError) as e:
        raise Invalid(_("Mangler dato (ÅÅÅÅ-MM-DD)."), expression=[where]) from e


def _kernel_refused(error: PathwayRuleError) -> Invalid:
    return Invalid("; ".join(f"{error_text(e)} ({e.code})" for e in error.errors))


def _events(resource: dict) -> dict[str, dict]:
    out = {}
    for ext in resource.get("extension") or []:
        if ext.get("url") != systems.EXT_EVENT:
            continue
        parts = {p.get("url"): p for p in ext.get("extension") or []}
        code = (parts.get("code", {}).get("valueCoding") or {}).get("code")
        out[code] = {"date": parts.get("date", {}).get("valueDate"),
                     "outcome": parts.get("outcome", {}).get("valueCode")}
    return out


def _unit(resource: dict) -> Unit:
    org = resource.get("managingOrganization") or {}
    ident = org.get("identifier") or {}
    unit = None
    if ident.get("system") == systems.RESH:
        unit = Unit.objects.filter(resh_id=ident.get("value")).first()
    elif org.get("reference", "").startswith("Organization/unit-"):
        pk = org["reference"].removeprefix("Organization/unit-")
        unit = Unit.objects.filter(pk=pk).first() if row_id(pk) else None
    if unit is None:
        raise Invalid(_("Ukjent enhet: oppgi managingOrganization med RESH-id."),
                      expression=["EpisodeOfCare.managingOrganization"])
    return unit


def _patient(resource: dict) -> Patient:
    ref = resource.get("patient") or {}
    ident = ref.get("identifier") or {}
    patient = None
    if ident.get("value"):
        patient = Patient.objects.filter(identifier=ident["value"]).first()
    elif ref.get("reference"):
        pk = reference_id(ref["reference"], "Patient")
        patient = Patient.objects.filter(pk=pk).first() if row_id(pk) else None
    if patient is None:
        raise Invalid(_("Ukjent pasient: registrer henvisningen først, eller oppgi "
                        "pasientens fødselsnummer, D-nummer eller FH-nummer."),
                      expression=["EpisodeOfCare.patient"])
    return patient


def prepare_episode(request, resource: dict):
    unit, patient = _unit(resource), _patient(resource)
    codes = [c.get("code") for t in resource.get("type") or [] for c in t.get("coding") or []
             if c.get("system") == systems.PATHWAY_TYPE]
    ext = {e.get("url"): e.get("valueCode") for e in resource.get("extension") or []}
    events = _events(resource)
    received = events.get("referral_received", {}).get("date")
    started = (resource.get("period") or {}).get("start")
    assessed = events.get("referral_assessed", {})
    log_access(request, action=Action.WRITE, what="fhir:EpisodeOfCare",
               touches=[Touch(patient.pk, Basis.UNIT, "", unit.pk)])

    def apply(local):
        try:
            with transaction.atomic():
                pathway = start_pathway(
                    patient=patient, unit=unit, type=codes[0] if codes else "",
                    setting=ext.get(systems.EXT_SETTING) or "",
                    severity=ext.get(systems.EXT_SEVERITY) or "", by=request.user,
                    referral_received_on=_date(received or started,
                                               "EpisodeOfCare.extension(pathway-event)"),
                    started_on=_date(started, "EpisodeOfCare.period.start"),
                    assessed_on=_date(assessed["date"], "referral_assessed")
                    if assessed.get("date") else None,
                    right_granted=(assessed.get("outcome") == "right_granted")
                    if assessed.get("date") else None,
                    today=timezone.localdate())
        except PathwayRuleError as e:
            raise _kernel_refused(e) from e
        except IntegrityError as e:
            raise Invalid(_("Pasienten har allerede et åpent forløp av denne typen i "
                            "helseforetaket.")) from e
        found = selectors.pathway(request.user, pathway.pk)
        return episode_endpoint.to_resource(found, access_to(request.user, found))

    return apply


def prepare_encounter(request, resource: dict):
    codes = [c.get("code") for t in resource.get("type") or [] for c in t.get("coding") or []
             if c.get("system") == systems.PATHWAY_EVENT]
    if not codes or codes[0] not in ENCOUNTER_EVENTS:
        raise Invalid(_("Encounter.type må være first_attendance eller evaluation."),
                      expression=["Encounter.type"])
    episodes = resource.get("episodeOfCare") or [{}]
    ref = episodes[0].get("reference", "")
    on = _date((resource.get("period") or {}).get("start"), "Encounter.period.start")
    data = {ext["url"].rsplit("/", 1)[-1]: ext["valueBoolean"]
            for ext in resource.get("extension") or [] if "valueBoolean" in ext}
    # An EpisodeOfCare made earlier in the same Bundle is found (and logged) when
    # applied; one that exists already is decided and logged now.
    found = None if ref.startswith("urn:") else guards.pathway(
        request, reference_id(ref, "EpisodeOfCare"), what="fhir:Encounter",
        action=Action.WRITE)[0]

    def apply(local):
        pathway = found
        if pathway is None:
            if ref not in local:
                raise Invalid(_("episodeOfCare peker på %(ref)s, som ikke er i Bundle.")
                              % {"ref": ref}, expression=["Encounter.episodeOfCare"])
            pathway = guards.pathway(request, local[ref], what="fhir:Encounter",
                                     action=Action.WRITE)[0]
        try:
            row = register_event(pathway=pathway, event=codes[0], on=on, by=request.user,
                                 data=data or None)
        except PathwayRuleError as e:
            raise _kernel_refused(e) from e
        return encounter_endpoint.encounter(row, pathway)

    return apply


PREPARERS = {"EpisodeOfCare": prepare_episode, "Encounter": prepare_encounter}
