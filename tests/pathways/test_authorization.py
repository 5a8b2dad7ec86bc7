"""Every pathway write service × every persona, against an expected table written out
here (not derived from the permission data it checks). A service that lets the wrong
actor write, or stops the right one, fails; so does a refusal that saves anything."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from forlop.access.authorize import NotPermitted
from forlop.access.models import (
    BreakGlass,
    CareTeamMember,
    Consent,
    ConsentScope,
    Participant,
    Restriction,
)
from forlop.accounts.roles import Role
from forlop.pathways.models import Pathway, PathwayEvent
from forlop.pathways.services import (
    close_pathway,
    correct_event,
    register_event,
    start_pathway,
    transfer_pathway,
)
from forlop.pathways.services.register import append_event
from tests import factories
from tests.conftest import TODAY

D = dt.timedelta
PERSONAS = ["coordinator", "clinician", "secretary", "leader", "care_team", "break_glass",
            "restricted", "other_unit", "municipal", "gp", "patient", "sysadmin", "inactive"]
CLINICAL = {"coordinator", "clinician", "care_team", "break_glass"}
# service -> the personas it lets through
EXPECTED = {
    "register_first_attendance": CLINICAL | {"secretary"},
    "register_patient_delay": CLINICAL | {"secretary"},
    "register_clinical_decision": CLINICAL,
    "correct_first_attendance": CLINICAL | {"secretary"},
    "correct_clinical_decision": CLINICAL,
    "close": CLINICAL,
    "transfer": CLINICAL,
    # No pathway yet: only the unit's own clinical roles can start one (care team and
    # emergency access are bases on an existing pathway); the restriction bars its
    # patient, not the new one started here.
    "start": {"coordinator", "clinician", "restricted"},
}


@pytest.fixture
def world(org):
    def person(name, role, **place):
        return factories.user(name, role=role, **place)

    people = {
        "coordinator": person("k", Role.COORDINATOR, unit=org.unit_a),
        "clinician": person("b", Role.CLINICIAN, unit=org.unit_a),
        "secretary": person("s", Role.SECRETARY, unit=org.unit_a),
        "leader": person("l", Role.LEADER, unit=org.unit_a),
        "care_team": person("t", Role.CLINICIAN, unit=org.unit_a2),
        "break_glass": person("n", Role.CLINICIAN, unit=org.unit_a2),
        "restricted": person("r", Role.CLINICIAN, unit=org.unit_a),
        "other_unit": person("o", Role.COORDINATOR, unit=org.unit_b),
        "municipal": person("m", Role.MUNICIPAL_COORDINATOR, municipality=org.municipality),
        "gp": person("g", Role.GP),
        "patient": person("p", Role.PATIENT),
        "sysadmin": person("a", Role.SYSADMIN),
        "inactive": person("i", Role.CLINICIAN, unit=org.unit_a),
    }
    people["inactive"].is_active = False
    people["inactive"].save()
    patient = factories.patient()
    patient.user, patient.municipality = people["patient"], org.municipality
    patient.save()
    pathway = factories.pathway(patient=patient, unit=org.unit_a, by=people["coordinator"],
                                today=TODAY)
    attended = append_event(pathway=pathway, event="first_attendance", on=TODAY - D(15),
                            by=people["coordinator"], today=TODAY)
    decided = append_event(pathway=pathway, event="clinical_decision", on=TODAY - D(10),
                           outcome="CU", by=people["coordinator"], today=TODAY)
    CareTeamMember.objects.create(pathway=pathway, user=people["care_team"],
                                  added_by=people["coordinator"])
    now = dt.datetime.now(dt.UTC)
    BreakGlass.objects.create(user=people["break_glass"], patient=patient, unit=org.unit_a,
                              reason="Akutt x",
                              started_at=now - dt.timedelta(minutes=5),
                              expires_at=now + dt.timedelta(hours=1))
    Restriction.objects.create(patient=patient, barred_user=people["restricted"],
                               created_by=people["patient"])
    Consent.objects.create(patient=patient, participant=Participant.MUNICIPALITY,
                           participant_municipality=org.municipality,
                           scope=ConsentScope.COLLABORATION,
                           valid_from=TODAY - D(30), registered_by=people["patient"])
    return people, pathway, attended, decided, org


def _attempt(service, user, pathway, attended, decided, org):
    calls = {
        "register_first_attendance": lambda: register_event(
            pathway=pathway, event="first_attendance", on=TODAY, by=user, today=TODAY),
        "register_patient_delay": lambda: register_event(
            pathway=pathway, event="patient_delay", on=TODAY - D(1), by=user, today=TODAY,
            data={"postponed_from": TODAY - D(5), "postponed_to": TODAY + D(20)}),
        "register_clinical_decision": lambda: register_event(
            pathway=pathway, event="clinical_decision", on=TODAY, outcome="CP", by=user,
            today=TODAY),
        "correct_first_attendance": lambda: correct_event(
            event=attended, on=TODAY - D(14), by=user, reason="Feil dato", today=TODAY),
        "correct_clinical_decision": lambda: correct_event(
            event=decided, outcome="CP", by=user, reason="Feil utfall", today=TODAY),
        "close": lambda: close_pathway(pathway=pathway, on=TODAY, outcome="patient_withdrew",
                                       by=user, today=TODAY),
        "transfer": lambda: transfer_pathway(pathway=pathway, to_unit=org.unit_b,
                                             received_on=TODAY, by=user, today=TODAY),
        "start": lambda: start_pathway(
            patient=factories.patient(), unit=org.unit_a, type="tsb", setting="outpatient",
            by=user, referral_received_on=TODAY, started_on=TODAY, today=TODAY),
    }
    calls[service]()


@pytest.mark.parametrize("service", sorted(EXPECTED))
def test_services_let_through_exactly_the_expected_personas(world, service):
    people, pathway, attended, decided, org = world
    allowed, refused = set(), set()
    for name in PERSONAS:
        before = (PathwayEvent.objects.count(), Pathway.objects.count())
        try:
            with transaction.atomic():
                try:
                    _attempt(service, people[name], pathway, attended, decided, org)
                except NotPermitted:
                    refused.add(name)
                    assert (PathwayEvent.objects.count(), Pathway.objects.count()) == before
                else:
                    allowed.add(name)
                raise _Rollback
        except _Rollback:
            pass
    assert allowed == EXPECTED[service]
    assert refused == set(PERSONAS) - EXPECTED[service]


class _Rollback(Exception):
    """Undo one persona's attempt so the next meets the same world."""


# ---- the table has teeth: a mutation of one basis of access makes it fail -------------


def _outcome(world, service) -> set[str]:
    people, pathway, attended, decided, org = world
    allowed = set()
    for name in PERSONAS:
        try:
            with transaction.atomic():
                try:
                    _attempt(service, people[name], pathway, attended, decided, org)
                except NotPermitted:
                    pass
                else:
                    allowed.add(name)
                raise _Rollback
        except _Rollback:
            pass
    return allowed


def test_the_table_sees_a_dropped_restriction(world, monkeypatch, recompiled):
    from forlop.access import bases

    monkeypatch.setattr(bases, "barred_patients", lambda user, on=None:
                        Restriction.objects.filter(pk__lt=0))  # bars no one
    assert _outcome(world, "register_clinical_decision") == CLINICAL | {"restricted"}


def test_the_table_sees_a_dropped_basis(world, monkeypatch, recompiled):
    from types import SimpleNamespace

    from forlop.access import bases

    # The care-team rule finds no members.
    monkeypatch.setattr(bases, "CareTeamMember",
                        SimpleNamespace(objects=CareTeamMember.objects.none()))
    assert _outcome(world, "register_clinical_decision") == CLINICAL - {"care_team"}


# Consent never grants a write (``policy.CONSENT_PERMISSIONS``), so a consent that
# ignored its revocation cannot show here; the URL matrix and the scope-equivalence
# test catch it (tests/matrix/test_url_matrix.py, test_the_matrix_sees_consent_...).
