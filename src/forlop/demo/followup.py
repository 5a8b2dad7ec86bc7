"""Demo: the individual plan and closure across levels (docs/individual-plan.md).

Per Pasient has an individual plan written by the municipal coordinator (Kjell,
``kommune``) with the responsibility group, awaiting his signature on Min side; his
closure checklist shows that the plan is the follow-up plan. Another patient of the
first municipality, who shares plans with it, is near closure: the specialist
coordinator has asked the municipality to confirm the follow-up plan, so ``kommune``
and ``ke-leder`` find it under *Oppfølgingsplaner å bekrefte*."""

from __future__ import annotations

import datetime as dt

from forlop.access.models import ConsentScope, Participant
from forlop.collaboration.services import save_checklist
from forlop.followup import services
from forlop.pathways.models import Pathway


def create_followup_examples(org, users, *, today: dt.date) -> None:
    own = (Pathway.objects.filter(patient__user=users["pasient"], is_open=True)
           .select_related("patient").order_by("pk").first())
    if own is not None:
        _individual_plan(own.patient, users, today)
    _awaiting_confirmation(org, users)


def _individual_plan(patient, users, today) -> None:
    def iso(days):
        return (today + dt.timedelta(days=days)).isoformat()

    services.save_version(patient=patient, by=users["kommune"], content={
        "goals": "Bo trygt i egen leilighet, sove bedre og være i jobb to dager i uka.",
        "measures": [
            {"what": "Samtale med psykisk helsetjeneste annenhver uke",
             "who": "Kjell Kommunekoordinator, psykisk helse", "by": iso(90)},
            {"what": "Plan for gradert sykmelding", "who": "NAV-veileder", "by": iso(30)},
            {"what": "Gjennomgang av medisiner", "who": "Fastlege Frida Fastlege",
             "by": iso(45)},
        ],
        "evaluation_dates": [iso(60), iso(180)],
        "group": [
            {"name": "Per Pasient", "service": "", "role": "pasient"},
            {"name": "Kjell Kommunekoordinator", "service": "Psykisk helsetjeneste",
             "role": "koordinator"},
            {"name": "Frida Fastlege", "service": "Fastlege", "role": "medlem"},
            {"name": "Kari Koordinator", "service": "DPS, spesialisthelsetjenesten",
             "role": "forløpskoordinator"},
        ],
    }, change_note="Første plan, laget i møte med Per og ansvarsgruppen")


def _awaiting_confirmation(org, users) -> None:
    """The first adult pathway whose patient shares plans with the first municipality."""
    municipality = org.municipalities[0]
    pathway = (Pathway.objects.filter(
        unit=org.units_by_type["voksne"], is_open=True, patient__municipality=municipality,
        patient__user__isnull=True, patient__consents__participant=Participant.MUNICIPALITY,
        patient__consents__scope=ConsentScope.PLANS,
        patient__consents__revoked_at__isnull=True)
        .select_related("patient").order_by("pk").first())
    if pathway is None:
        return  # a tiny demo (tests)
    by = users["koordinator"]
    save_checklist(pathway=pathway, by=by, patient_agrees=True, service_agrees=True,
                   follow_up_plan="Samtaler med psykisk helsetjeneste hver 14. dag i tre "
                                  "måneder, deretter etter behov. Fastlegen følger opp "
                                  "medisinene.",
                   municipal_responsible="Kjell Kommunekoordinator, psykisk helse",
                   help_needs="Støttesamtaler og hjelp til å komme tilbake i jobb.",
                   knows_where_to_turn=True)
    services.request_confirmation(pathway=pathway, by=by)
