"""Factories for tests: synthetic identities only (Test-Norge month+80, FH-numbers)."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from types import SimpleNamespace

from forlop.accounts.models import RoleAssignment, User
from forlop.kernel.identifiers import generate_synthetic_person
from forlop.organisations.models import (
    GpOffice,
    HealthTrust,
    Municipality,
    RegionalHealthAuthority,
    Unit,
)

# World-building opens pathways without the actor check (services' authorization is
# tested on its own in tests/pathways/test_authorization.py); ``by`` is the creator.
from forlop.pathways.services.start import open_pathway
from forlop.patients.models import Patient

_rng = random.Random(80)
_seq = itertools.count(1)


def organisation() -> SimpleNamespace:
    region = RegionalHealthAuthority.objects.create(name="Test RHF", org_number="100009001")
    trust_a = HealthTrust.objects.create(region=region, name="Test HF A", org_number="100009010")
    trust_b = HealthTrust.objects.create(region=region, name="Test HF B", org_number="100009020")
    municipality = Municipality.objects.create(
        name="Testvik kommune", number="1999", org_number="100009101",
        coordinating_unit_name="Koordinerende enhet Testvik",
    )
    return SimpleNamespace(
        trust_a=trust_a,
        trust_b=trust_b,
        unit_a=Unit.objects.create(trust=trust_a, name="DPS Test", resh_id="1009001"),
        unit_a2=Unit.objects.create(trust=trust_a, name="BUP Test", resh_id="1009002"),
        unit_b=Unit.objects.create(trust=trust_b, name="DPS Annet HF", resh_id="1009003"),
        municipality=municipality,
        gp_office=GpOffice.objects.create(municipality=municipality, name="Testvik legesenter",
                                          org_number="100009201"),
    )


def private_institution(org, *, agreement_from: dt.date = dt.date(2020, 1, 1),
                        agreement_to: dt.date | None = None, resh_id: str = "1009050"):
    """A private institution with an agreement with ``org``'s region (ADR 67) and one
    inpatient unit; returns the unit (its ``trust`` is the institution)."""
    institution = HealthTrust.objects.create(
        region=org.trust_a.region, name="Fjellro behandlingssenter", org_number="100009050",
        kind=HealthTrust.Kind.PRIVATE, agreement_from=agreement_from, agreement_to=agreement_to)
    return Unit.objects.create(trust=institution, name="Fjellro døgnenhet", resh_id=resh_id)


def user(username: str, *, role: str, unit=None, municipality=None,
         valid_from: dt.date = dt.date(2020, 1, 1), valid_to: dt.date | None = None) -> User:
    u = User.objects.create_user(username=username, password="test-passord-123",
                                 first_name=username.title())
    RoleAssignment.objects.create(user=u, role=role, unit=unit, municipality=municipality,
                                  valid_from=valid_from, valid_to=valid_to)
    return u


def patient(name: str | None = None) -> Patient:
    n = next(_seq)
    identifier, born = generate_synthetic_person(_rng)
    return Patient.objects.create(identifier=identifier, identifier_kind="fnr", birth_date=born,
                                  name=name or f"Pasient {n} Testesen")


def pathway(*, patient, unit, by, today: dt.date, type="tsb", setting="outpatient",  # noqa: A002
            started_on: dt.date | None = None, severity: str = "", **kwargs):
    started_on = started_on or today - dt.timedelta(days=20)
    return open_pathway(patient=patient, unit=unit, type=type, setting=setting, by=by,
                         severity=severity, referral_received_on=started_on,
                         started_on=started_on, today=today, **kwargs)


def local_norm_pathway(*, org, patient, by, today: dt.date, attend: bool = True):
    """An adult outpatient pathway in trust A, whose trust has a 30-day local norm from
    first attendance to clinical decision (a clock with no national time), started
    40 days before ``today`` and, unless ``attend`` is false, attended 10 days before
    it (so its next due date, ``today`` + 20, comes from the local norm)."""
    from forlop.pathways.models import LocalNorm
    from forlop.pathways.services import register_event

    LocalNorm.objects.get_or_create(trust=org.trust_a, pathway_type="voksne",
                                    clock="first_attendance_to_clinical_decision",
                                    setting="outpatient", defaults={"days": 30})
    made = pathway(patient=patient, unit=org.unit_a, by=by, today=today, type="voksne",
                   started_on=today - dt.timedelta(days=40))
    if attend:
        register_event(pathway=made, event="first_attendance",
                       on=today - dt.timedelta(days=10), by=by, today=today)
    return made

