"""Consent-based access: municipal (patient-wide or one pathway), meeting participant,
relative; and the patient's own record. Consent works the moment it is in force and
stops the moment it is revoked or runs out."""

import pytest
from django.utils import timezone

from forlop.access.models import Basis, ConsentScope
from forlop.access.permissions import Permission
from forlop.access.policy import access_to, has_permission
from forlop.accounts.roles import Role
from tests import factories
from tests.access import builders as b

P = Permission
# Within consent the municipality also confirms the follow-up plan at closure (ADR 59).
MUNICIPAL_PERMISSIONS = {P.VIEW_WORKLIST, P.VIEW_PATHWAY, P.CONFIRM_FOLLOW_UP}


@pytest.fixture
def both(pathway, second_pathway):
    return {pathway.pk, second_pathway.pk}


def test_municipal_staff_see_nothing_without_consent(pathway, second_pathway, municipal):
    assert b.visible(municipal) == b.reachable(municipal) == b.on_worklist(municipal) == set()


def test_patient_wide_municipal_consent_opens_every_pathway_of_the_patient(
        org, both, pathway, stranger_pathway, municipal, coordinator):
    b.consent(pathway.patient, municipality=org.municipality, by=coordinator, scope="plans")
    assert b.visible(municipal) == b.on_worklist(municipal) == b.reachable(municipal) == both
    access = access_to(municipal, pathway)
    assert access.bases == (Basis.MUNICIPAL_CONSENT,)
    assert access.permissions == MUNICIPAL_PERMISSIONS
    assert (access.role, access.unit_id) == (Role.MUNICIPAL_COORDINATOR, None)
    assert access.consent_scope == ConsentScope.PLANS
    assert access.shares(ConsentScope.OVERVIEW) and not access.shares(ConsentScope.COLLABORATION)
    assert not has_permission(municipal, P.EDIT_PATHWAY, pathway)


def test_pathway_specific_consent_opens_that_pathway_only(
        org, pathway, second_pathway, municipal, coordinator):
    b.consent(pathway.patient, municipality=org.municipality, pathway=second_pathway,
              by=coordinator)
    assert b.visible(municipal) == b.on_worklist(municipal) == {second_pathway.pk}
    assert b.reachable(municipal) == {second_pathway.pk}
    assert not access_to(municipal, pathway).permissions


def test_consent_to_another_municipality_opens_nothing(
        pathway, other_municipality, municipal, coordinator):
    b.consent(pathway.patient, municipality=other_municipality, by=coordinator)
    assert b.reachable(municipal) == b.visible(municipal) == b.on_worklist(municipal) == set()


def test_consent_names_its_patient_not_any_other(org, pathway, stranger_pathway, municipal,
                                                 coordinator):
    b.consent(stranger_pathway.patient, municipality=org.municipality, by=coordinator)
    assert b.visible(municipal) == {stranger_pathway.pk}


def test_municipal_role_that_has_ended_loses_the_consent(org, pathway, coordinator):
    former = factories.user("tidligere", role="municipal_coordinator",
                              municipality=org.municipality, valid_to=b.TODAY)
    b.consent(pathway.patient, municipality=org.municipality, by=coordinator)
    assert b.reachable(former) == b.visible(former) == set()


@pytest.mark.parametrize("status", ["revoked", "expired", "not_started"])
def test_consent_not_in_force_opens_nothing(status, org, pathway, municipal, gp, relative,
                                            coordinator):
    patient = pathway.patient
    b.consent(patient, municipality=org.municipality, by=coordinator, status=status)
    b.consent(patient, person=gp, by=coordinator, status=status)
    b.consent(patient, person=relative, participant="relative", by=coordinator, status=status)
    for user in (municipal, gp, relative):
        assert b.reachable(user) == b.visible(user) == b.on_worklist(user) == set()
    assert b.shared(relative) == set()


def test_consent_ending_today_is_still_in_force(org, pathway, municipal, coordinator):
    b.consent(pathway.patient, municipality=org.municipality, by=coordinator,
              status="ends_today")
    assert b.visible(municipal) == {pathway.pk}


@pytest.mark.parametrize("change", ["revoke", "expire", "postpone"])
def test_access_stops_at_once_when_consent_stops(change, org, both, pathway, municipal,
                                                 coordinator):
    given = b.consent(pathway.patient, municipality=org.municipality, by=coordinator)
    assert b.visible(municipal) == both
    assert has_permission(municipal, P.VIEW_PATHWAY, pathway)
    if change == "revoke":
        given.revoked_at, given.revoked_by = timezone.now(), coordinator
    elif change == "expire":
        given.valid_to = timezone.localdate() - b.DAY
        given.valid_from = given.valid_to - 10 * b.DAY
    else:
        given.valid_from = timezone.localdate() + b.DAY
    given.save()
    # Same user object, no new sign-in: nothing is cached.
    assert b.visible(municipal) == b.on_worklist(municipal) == set()
    assert not has_permission(municipal, P.VIEW_PATHWAY, pathway)


def test_meeting_participant_may_view_only(pathway, second_pathway, gp, coordinator):
    b.consent(pathway.patient, person=gp, by=coordinator, pathway=pathway, scope="overview")
    access = access_to(gp, pathway)
    assert access.bases == (Basis.PARTICIPANT_CONSENT,)
    assert access.permissions == {P.VIEW_PATHWAY}
    assert access.consent_scope == ConsentScope.OVERVIEW
    assert b.visible(gp) == b.on_worklist(gp) == b.reachable(gp) == {pathway.pk}
    assert b.shared(gp) == set()


def test_meeting_consent_is_personal(pathway, gp, coordinator):
    colleague = factories.user("kollega", role="gp")
    b.consent(pathway.patient, person=gp, by=coordinator)
    assert b.reachable(colleague) == b.visible(colleague) == set()


def test_relative_reads_shared_record_not_the_worklist(pathway, both, relative, coordinator):
    b.consent(pathway.patient, person=relative, participant="relative", by=coordinator)
    assert b.shared(relative) == both
    assert b.visible(relative) == b.on_worklist(relative) == set()
    access = access_to(relative, pathway)
    assert access.bases == (Basis.RELATIVE_CONSENT,)
    assert access.permissions == {P.VIEW_SHARED_RECORD, P.INFORM_CLINICIAN, P.NOTIFY_NEED}
    assert has_permission(relative, P.VIEW_SHARED_RECORD)
    assert not has_permission(relative, P.VIEW_PATHWAY, pathway)


def test_relative_consent_for_one_pathway(pathway, second_pathway, relative, coordinator):
    b.consent(pathway.patient, person=relative, participant="relative", pathway=pathway,
              by=coordinator)
    assert b.shared(relative) == b.reachable(relative) == {pathway.pk}


def test_relative_consent_revoked_stops_sharing(pathway, relative, coordinator):
    given = b.consent(pathway.patient, person=relative, participant="relative", by=coordinator)
    given.revoked_at = timezone.now()
    given.save()
    assert b.shared(relative) == b.reachable(relative) == set()


def test_direct_basis_lifts_the_consent_scope(org, pathway, clinician, coordinator):
    org.municipality.role_assignments.create(user=clinician, role="municipal_coordinator",
                                             valid_from=b.TODAY)
    b.consent(pathway.patient, municipality=org.municipality, by=coordinator)
    access = access_to(clinician, pathway)
    assert access.bases == (Basis.UNIT, Basis.MUNICIPAL_CONSENT)
    assert access.consent_scope is None and access.shares(ConsentScope.COLLABORATION)


def test_patient_sees_own_pathways_only(pathway, both, stranger_pathway, patient_user):
    assert b.own(patient_user) == b.reachable(patient_user) == both
    access = access_to(patient_user, pathway)
    assert access.bases == (Basis.OWN_RECORD,)
    assert access.permissions == {P.VIEW_OWN_RECORD, P.MANAGE_OWN_CONSENT,
                                  P.MANAGE_OWN_RESTRICTIONS, P.TAKE_PART_IN_OWN_PLAN,
                                  P.NOTIFY_NEED}
    assert not access.can(P.VIEW_PATHWAY)
    assert b.visible(patient_user) == b.on_worklist(patient_user) == set()


def test_patient_account_when_inactive_sees_nothing(pathway, patient_user):
    patient_user.is_active = False
    assert b.own(patient_user) == set()
    assert not access_to(patient_user, pathway).permissions


def test_consent_naming_another_patients_pathway_opens_nothing(
        org, pathway, stranger_pathway, municipal, gp, coordinator):
    # The database does not tie a consent's pathway to its patient; the rule must.
    b.consent(pathway.patient, municipality=org.municipality, pathway=stranger_pathway,
              by=coordinator)
    b.consent(pathway.patient, person=gp, pathway=stranger_pathway, by=coordinator)
    for user in (municipal, gp):
        assert b.reachable(user) == b.visible(user) == b.on_worklist(user) == set()
