"""The municipal side in the demo (docs/municipality.md): the coordinating unit of
Demo kommune (``ke-leder``) has appointed ``kommune`` as municipal coordinator for Per
Pasient and for some who share their pathway with the municipality (one person without
a pathway too); notices of need wait from the staff, the specialist service and Per;
``kommune`` has sent an early flag to a GP office. Per's pathway meeting invites the
municipality, so ``kommune``'s worklist has a meeting, an evaluation and a closure
being planned."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from forlop.access.models import Participant
from forlop.collaboration.services import plan_meeting
from forlop.demo.people import synthetic_name, synthetic_person
from forlop.demo.users import REGISTRARS
from forlop.municipal import services
from forlop.pathways.models import Pathway

SERVICE = "Psykisk helse og rus"
PHONE = "400 00 111"  # synthetic


def create_municipal_examples(org, users, *, today: dt.date, seed: int = 2019) -> None:
    municipality = org.municipalities[0]
    lead, kommune = users["ke-leder"], users["kommune"]
    rng = random.Random(seed + 15)
    own = (Pathway.objects.filter(patient__user=users["pasient"], is_open=True)
           .select_related("patient").order_by("pk").first())
    if own is None:
        return  # a tiny demo (tests) may have no pathway for the patient persona

    def appoint(patient, name, notice=None):
        services.appoint_coordinator(by=lead, municipality=municipality, patient=patient,
                                     person_name=name, coordinator=kommune, service=SERVICE,
                                     phone=PHONE, email=kommune.email, notice=notice)

    # Per asked for a coordinator on Min side; the coordinating unit appointed Kjell.
    asked = services.notify_on_pathway(
        by=users["pasient"], pathway=own, need="coordinator",
        description="Jeg trenger én person i kommunen som holder i trådene når jeg er "
                    "ferdig på DPS.")
    appoint(own.patient, own.patient.name, notice=asked)
    plan_meeting(pathway=own, by=users["koordinator"],
                 starts_at=timezone.make_aware(dt.datetime.combine(
                     today + dt.timedelta(days=9), dt.time(13, 0))),
                 mode="in_person", place="Demo rådhus, møterom 3",
                 agenda="Overgang til oppfølging i kommunen", municipality=municipality)
    # Others who share their pathway with the municipality (consent, demo/access.py).
    shared = (Pathway.objects.filter(patient__municipality=municipality, is_open=True,
                                     patient__consents__participant=Participant.MUNICIPALITY)
              .exclude(patient=own.patient).select_related("patient", "unit")
              .order_by("pk").distinct())
    shared = list(shared[:3])
    for pathway in shared[:2]:
        appoint(pathway.patient, pathway.patient.name)
    # Someone with no pathway at all: a coordinator for home services and housing.
    identifier, _kind, _born = synthetic_person(rng)
    name = synthetic_name(rng)
    patient = services.person_for(identifier, name, municipality=municipality)
    appoint(patient, name)
    # Notices waiting: from the staff (a new person), from the specialist service.
    identifier, _kind, _born = synthetic_person(rng)
    services.notify_from_municipality(
        by=kommune, municipality=municipality, identifier=identifier,
        name=synthetic_name(rng), need="individual_plan",
        description="Får hjemmetjenester og oppfølging fra NAV og rustjenesten; ønsker en "
                    "individuell plan så tjenestene trekker i samme retning.")
    if len(shared) > 2:
        pathway = shared[2]
        registrar = users[REGISTRARS.get(_unit_kind(org, pathway.unit), "koordinator")]
        services.notify_on_pathway(
            by=registrar, pathway=pathway, need="both",
            description="Trenger koordinator og individuell plan før utskriving; flere "
                        "tjenester i kommunen er involvert.", patient_agrees=True)
    # An early flag to a GP office: Kjell sees nothing back from the specialist side.
    identifier, _kind, _born = synthetic_person(rng)
    services.flag_early(by=kommune, municipality=municipality, identifier=identifier,
                        name=synthetic_name(rng), gp_office=org.gp_offices[0],
                        concern="Har sluttet å møte på dagsenteret og virker svært "
                                "nedstemt; ønsker hjelp, men har ikke vært hos fastlegen.")


def _unit_kind(org, unit) -> str:
    if unit.pk == org.other_unit.pk:
        return "other"
    return next((kind for kind, u in org.units_by_type.items() if u.pk == unit.pk), "voksne")
