"""A private institution with an agreement with the demo region (ADR 67, docs/organisation.md).

Fjellro behandlingssenter (synthetic) is an inpatient TSB partner of Helse Demo RHF: a
trust-level treatment site of kind ``private``, with its agreement period, one unit
with its own RESH id, a coordinator (``fjellro``), an access administrator
(``fjellro-tilgang``) and a leader (``fjellro-leder``). One TSB pathway of Demo HF's
substance-use clinic is transferred there today: Demo HF's instance ends as
transferred, Fjellro's starts on the receipt date with Demo HF as the first trust, and
Fjellro's coordinator finds it on the worklist.
"""

from __future__ import annotations

import datetime as dt
import random

from forlop.accounts.models import RoleAssignment, User
from forlop.accounts.roles import Role
from forlop.demo.people import synthetic_name, synthetic_person
from forlop.demo.users import DEMO_PASSWORD
from forlop.organisations.models import HealthTrust, Unit
from forlop.pathways.services import register_event, transfer_pathway
from forlop.pathways.services.start import open_pathway
from forlop.patients.models import Patient

PERSONAS = [  # username, full name, role (in the institution's unit)
    ("fjellro", "Frode Fjellro", Role.COORDINATOR),
    ("fjellro-tilgang", "Tina Tilgang-Fjellro", Role.ACCESS_ADMIN),
    # Reviews emergency access to the institution's records; its indicators.
    ("fjellro-leder", "Lene Leder-Fjellro", Role.LEADER),
]


def create_private_institution(org, users, *, today: dt.date, seed: int = 67):
    """The institution, its unit and people, and a pathway transferred there today
    (returns the received pathway)."""
    institution = HealthTrust.objects.create(
        region=org.trust.region, name="Fjellro behandlingssenter", org_number="100000030",
        kind=HealthTrust.Kind.PRIVATE, agreement_from=dt.date(today.year - 2, 1, 1),
        agreement_to=dt.date(today.year + 2, 12, 31))
    unit = Unit.objects.create(trust=institution, name="Fjellro døgnenhet rus",
                               resh_id="1000200")
    for username, full_name, role in PERSONAS:
        first, last = full_name.split(" ", 1)
        users[username] = User.objects.create_user(
            username=username, password=DEMO_PASSWORD, first_name=first, last_name=last,
            email=f"{username}@demo.forlop.example")
        RoleAssignment.objects.create(user=users[username], role=role, unit=unit,
                                      valid_from=today)
    rng = random.Random(seed)
    identifier, kind, born = synthetic_person(rng)
    municipality = org.municipalities[0]
    patient = Patient.objects.create(identifier=identifier, identifier_kind=kind,
                                     birth_date=born, name=synthetic_name(rng),
                                     municipality=municipality,
                                     gp_office=municipality.gp_offices.first())
    clinician = users["rus"]
    started = today - dt.timedelta(days=24)
    sending = open_pathway(patient=patient, unit=org.units_by_type["tsb"], type="tsb",
                           setting="outpatient", by=clinician, referral_received_on=started,
                           started_on=started, today=today)
    register_event(pathway=sending, event="first_attendance",
                   on=started + dt.timedelta(days=6), by=clinician, today=today)
    return transfer_pathway(pathway=sending, to_unit=unit, received_on=today, by=clinician,
                            today=today)
