"""Restrictions (*sperring*) remove every basis except the patient's own; lifting one
restores access. Emergency access (break-glass) opens all of a patient's pathways
until it expires."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from forlop.access.models import Basis
from forlop.access.permissions import BREAK_GLASS_PERMISSIONS, Permission
from forlop.access.policy import access_to, has_permission
from forlop.accounts.roles import Role
from tests.access import builders as b

P = Permission


def _grant(basis, user, pathway, org, by):
    """Give ``user`` (a coordinator in unit B) access to ``pathway`` (unit A) on one basis."""
    patient = pathway.patient
    if basis == Basis.UNIT:
        b.grant_role(user, Role.CLINICIAN, unit=org.unit_a)
    elif basis == Basis.COORDINATOR:
        b.set_coordinator(pathway, user)
    elif basis == Basis.CARE_TEAM:
        b.care_team(pathway, user, by=by)
    elif basis == Basis.MUNICIPAL_CONSENT:
        b.grant_role(user, Role.MUNICIPAL_COORDINATOR, municipality=org.municipality)
        b.consent(patient, municipality=org.municipality, by=by)
    elif basis == Basis.PARTICIPANT_CONSENT:
        b.consent(patient, person=user, by=by)
    else:  # only within the user's own trust: a role in the pathway's trust as well
        b.grant_role(user, Role.CLINICIAN, unit=org.unit_a2)
        b.break_glass(user, patient)


def _sees(user, pathway) -> bool:
    seen = {pathway.pk in b.visible(user), pathway.pk in b.on_worklist(user),
            has_permission(user, P.VIEW_PATHWAY, pathway)}
    assert len(seen) == 1, "visible_to, the worklist and access_to disagree"
    return seen.pop()


STAFF_BASES = [Basis.UNIT, Basis.COORDINATOR, Basis.CARE_TEAM, Basis.MUNICIPAL_CONSENT,
               Basis.PARTICIPANT_CONSENT, Basis.BREAK_GLASS]


@pytest.mark.parametrize("barred", ["user", "unit_of_home_role"])
@pytest.mark.parametrize("basis", STAFF_BASES)
def test_restriction_removes_every_basis_until_lifted(basis, barred, org, pathway, outsider,
                                                      coordinator):
    _grant(basis, outsider, pathway, org, coordinator)
    assert _sees(outsider, pathway)
    assert access_to(outsider, pathway).basis == basis
    target = {"user": outsider} if barred == "user" else {"unit": org.unit_b}
    bar = b.restriction(pathway.patient, by=coordinator, **target)

    assert not _sees(outsider, pathway)
    access = access_to(outsider, pathway)
    assert access.restricted and access.permissions == frozenset()
    assert access.flags["view_pathway"] is False
    assert b.reachable(outsider) == set()

    bar.lifted_at, bar.lifted_by = timezone.now(), coordinator
    bar.save()
    assert _sees(outsider, pathway)
    assert not access_to(outsider, pathway).restricted


def test_unit_restriction_bars_the_units_staff(org, pathway, clinician, coordinator):
    b.restriction(pathway.patient, by=coordinator, unit=org.unit_a)
    assert not _sees(clinician, pathway)
    assert not _sees(coordinator, pathway)


def test_restriction_against_a_unit_the_user_has_no_role_in_does_not_bar(
        org, pathway, outsider, coordinator):
    b.care_team(pathway, outsider, by=coordinator)
    b.restriction(pathway.patient, by=coordinator, unit=org.unit_a)
    assert _sees(outsider, pathway)


def test_restriction_against_an_ended_role_does_not_bar(org, pathway, outsider, coordinator):
    b.grant_role(outsider, Role.CLINICIAN, unit=org.unit_a2, expired=True)
    b.care_team(pathway, outsider, by=coordinator)
    b.restriction(pathway.patient, by=coordinator, unit=org.unit_a2)
    assert _sees(outsider, pathway)


def test_restriction_covers_all_the_patients_pathways_and_no_other_patient(
        org, pathway, second_pathway, stranger_pathway, clinician, coordinator):
    b.grant_role(clinician, Role.CLINICIAN, unit=org.unit_b)
    assert b.visible(clinician) == {pathway.pk, second_pathway.pk, stranger_pathway.pk}
    b.restriction(pathway.patient, by=coordinator, user=clinician)
    assert b.visible(clinician) == b.on_worklist(clinician) == {stranger_pathway.pk}


def test_restriction_hides_the_shared_record_from_a_relative(pathway, relative, coordinator):
    b.consent(pathway.patient, person=relative, participant="relative", by=coordinator)
    bar = b.restriction(pathway.patient, by=coordinator, user=relative)
    assert b.shared(relative) == b.reachable(relative) == set()
    assert access_to(relative, pathway).restricted
    bar.lifted_at = timezone.now()
    bar.save()
    assert b.shared(relative) == {pathway.pk}


def test_restriction_never_hides_the_patients_own_record(org, pathway, second_pathway,
                                                        patient_user, coordinator):
    # The patient also works in unit A; they bar themselves and their unit.
    b.grant_role(patient_user, Role.CLINICIAN, unit=org.unit_a)
    b.restriction(pathway.patient, by=coordinator, user=patient_user)
    b.restriction(pathway.patient, by=coordinator, unit=org.unit_a)
    assert b.own(patient_user) == {pathway.pk, second_pathway.pk}
    access = access_to(patient_user, pathway)
    assert access.bases == (Basis.OWN_RECORD,) and access.restricted
    assert access.can(P.VIEW_OWN_RECORD) and not access.can(P.VIEW_PATHWAY)
    assert b.visible(patient_user) == b.on_worklist(patient_user) == set()


# ---- emergency access -------------------------------------------------------------

def test_break_glass_opens_all_the_patients_pathways_in_the_trust(
        org, pathway, second_pathway, stranger_pathway, sister, coordinator):
    # A second pathway of the patient in trust A (the first is closed; one open per
    # trust), and second_pathway in trust B, which emergency access does not open.
    b.close(pathway, by=coordinator)
    again = b.pathway(pathway.patient, org.unit_a2, coordinator, type="voksne")
    b.break_glass(sister, pathway.patient)
    both = {pathway.pk, again.pk}
    assert b.visible(sister) == b.reachable(sister) == both
    assert b.on_worklist(sister) == {again.pk}  # open ones; unit A2 is the sister's own
    assert second_pathway.pk not in b.visible(sister)
    for each in (pathway,):
        access = access_to(sister, each)
        assert access.bases == (Basis.BREAK_GLASS,)
        assert access.permissions == BREAK_GLASS_PERMISSIONS
        assert access.role == Role.CLINICIAN
        assert has_permission(sister, P.EDIT_PATHWAY, each)
        assert not has_permission(sister, P.MANAGE_CONSENT, each)
    assert not access_to(sister, pathway, break_glass=False).permissions


def test_break_glass_opens_only_the_pathways_in_the_trust_it_was_taken_in(
        org, pathway, outsider, coordinator):
    # Hole 1 of issue 11: ``outsider`` (trust B) held emergency access to a patient
    # whose pathway is in trust A, and read it. Now it reaches trust B's pathway only.
    from tests import factories

    own_trust = factories.pathway(patient=pathway.patient, unit=org.unit_b, by=outsider,
                                  today=timezone.localdate())
    b.break_glass(outsider, pathway.patient)
    assert b.visible(outsider) == b.on_worklist(outsider) == b.reachable(outsider) \
        == {own_trust.pk}
    assert not access_to(outsider, pathway).permissions
    # Even a row naming trust A's unit opens nothing there: emergency access lasts
    # only while the user holds a unit role in the trust it was taken in.
    b.break_glass(outsider, pathway.patient, unit=org.unit_a)
    assert pathway.pk not in b.visible(outsider) | b.on_worklist(outsider)


def test_break_glass_ends_with_the_last_unit_role(pathway, gp):
    # A GP holds no unit role: emergency access (which only unit roles may take)
    # gives them nothing, even if a row exists.
    b.break_glass(gp, pathway.patient)
    assert b.visible(gp) == b.on_worklist(gp) == b.reachable(gp) == set()


def test_break_glass_is_personal(pathway, gp, clinician):
    b.break_glass(clinician, pathway.patient)
    assert b.reachable(gp) == b.visible(gp) == set()


def test_break_glass_ends_when_it_expires(pathway, second_pathway, sister):
    glass = b.break_glass(sister, pathway.patient, hours=4)
    with time_machine.travel(glass.expires_at - dt.timedelta(minutes=1), tick=False):
        assert _sees(sister, pathway)
    with time_machine.travel(glass.expires_at + dt.timedelta(minutes=1), tick=False):
        assert not _sees(sister, pathway)
        assert b.reachable(sister) == b.visible(sister) == set()
        assert not has_permission(sister, P.EDIT_PATHWAY, second_pathway)


def test_expired_break_glass_gives_nothing(pathway, gp):
    b.break_glass(gp, pathway.patient, expired=True)
    assert b.reachable(gp) == b.visible(gp) == b.on_worklist(gp) == set()
