"""Load the synthetic demo through the same services a person's clicks use."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from django.db import transaction

from forlop.demo.access import create_access_examples
from forlop.demo.followup import create_followup_examples
from forlop.demo.gp import create_gp_examples
from forlop.demo.municipal import create_municipal_examples
from forlop.demo.npr import create_npr_examples
from forlop.demo.organisations import create_organisation
from forlop.demo.people import synthetic_name, synthetic_person
from forlop.demo.plans import create_plan_examples
from forlop.demo.private import create_private_institution
from forlop.demo.referrals import create_waiting_referrals
from forlop.demo.scenarios import generate
from forlop.demo.users import REGISTRARS, create_personas
from forlop.pathways.kernel_bridge import stored_data
from forlop.pathways.models import Referral
from forlop.pathways.services import start_pathway
from forlop.pathways.services.register import append_event
from forlop.patients.models import Patient

START_EVENTS = {"referral_received", "referral_assessed", "pathway_start"}


@transaction.atomic
def load_demo(*, seed: int = 2019, pathways: int = 300, today: dt.date) -> Counter:
    """Create the demo organisation, personas and ``pathways`` synthetic pathways."""
    rng = random.Random(seed)
    org = create_organisation()
    users = create_personas(org, today=today)
    coordinators = {"voksne": users["koordinator"], "barn_unge": users["bup"]}
    counts: Counter = Counter()
    for _ in range(pathways):
        scenario = generate(rng, today)
        other = rng.random() < 0.08
        unit = org.other_unit if other else org.units_by_type[scenario.type]
        municipality = rng.choice(org.municipalities)
        identifier, kind, born = synthetic_person(rng)
        patient = Patient.objects.create(
            identifier=identifier, identifier_kind=kind, birth_date=born, name=synthetic_name(rng),
            municipality=municipality, gp_office=municipality.gp_offices.first(),
        )
        registrar = users[REGISTRARS["other" if other else scenario.type]]
        _load_pathway(scenario, patient, unit, registrar,
                      None if other else coordinators.get(scenario.type), today)
        counts[scenario.type] += 1
    create_waiting_referrals(org, users, seed=seed, today=today)
    create_access_examples(org, users, today=today)
    create_plan_examples(users, today=today)
    create_followup_examples(org, users, today=today)
    create_municipal_examples(org, users, today=today, seed=seed)
    create_npr_examples(org, users, today=today)
    gp_rng = random.Random(f"{seed}:gp")  # apart from the pathways' sequence
    create_gp_examples(org, users, today=today, new_person=lambda: (
        synthetic_person(gp_rng)[0], synthetic_name(gp_rng)))
    create_private_institution(org, users, today=today)
    return counts


def _load_pathway(scenario, patient, unit, by, coordinator, today):
    first = {e["event"]: e for e in scenario.events if e["event"] in START_EVENTS}
    received = first["referral_received"]["date"]
    assessed = first["referral_assessed"]["date"]
    referral = Referral.objects.create(
        patient=patient, unit=unit, received_on=received, assessed_on=assessed,
        right_granted=True, referrer_name="Fastlege (syntetisk)",
        gp_office=patient.gp_office, created_by=by,
    )
    pathway = start_pathway(
        patient=patient, unit=unit, type=scenario.type, setting=scenario.setting,
        severity=scenario.severity or "", by=by, referral=referral,
        referral_received_on=received, started_on=first["pathway_start"]["date"],
        assessed_on=assessed, right_granted=True, coordinator=coordinator, today=today,
    )
    for e in scenario.events:
        if e["event"] in START_EVENTS:
            continue
        # History, not a user's registration: no actor or closure checks (ADR 50).
        append_event(pathway=pathway, event=e["event"], on=e["date"], by=by,
                     outcome=e.get("outcome") or "", data=stored_data(e), today=today)
    return pathway
