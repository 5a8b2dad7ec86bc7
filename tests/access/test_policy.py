"""``access_to``, ``has_permission`` and ``visible_to`` for staff bases: unit roles,
coordinator and care team; nothing for ended roles, anonymous or inactive users."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from forlop.access.models import Basis
from forlop.access.permissions import CARE_TEAM_PERMISSIONS, ROLE_PERMISSIONS, Permission
from forlop.access.policy import access_to, has_permission
from forlop.accounts.roles import Role
from forlop.pathways.models import Pathway
from tests import factories
from tests.access import builders as b

P = Permission


def assert_no_access(user, pathway):
    access = access_to(user, pathway)
    assert access.permissions == frozenset()
    assert access.basis == Basis.NONE
    assert not any(has_permission(user, p, pathway) for p in Permission)
    assert pathway.pk not in b.visible(user)
    assert pathway.pk not in b.on_worklist(user)


@pytest.mark.parametrize("persona", ["coordinator", "clinician", "secretary", "leader"])
def test_unit_role_sees_its_units_pathway_with_its_roles_permissions(persona, pathway,
                                                                     org, request):
    user = request.getfixturevalue(persona)
    access = access_to(user, pathway)
    assert (access.bases, access.role, access.unit_id) == ((Basis.UNIT,), persona, org.unit_a.pk)
    assert access.permissions == ROLE_PERMISSIONS[persona]
    assert access.consent_scope is None and not access.restricted
    assert b.visible(user) == b.on_worklist(user) == {pathway.pk}


def test_secretary_registers_but_cannot_break_glass_on_the_pathway(pathway, secretary):
    assert has_permission(secretary, P.EDIT_PATHWAY, pathway)
    assert not has_permission(secretary, P.BREAK_GLASS, pathway)
    assert not has_permission(secretary, P.MANAGE_CONSENT, pathway)


def test_leader_reads_and_reviews_but_does_not_register(pathway, leader):
    assert has_permission(leader, P.REVIEW_ACCESS, pathway)
    assert not has_permission(leader, P.EDIT_PATHWAY, pathway)


def test_another_units_pathway_gives_no_access(pathway, outsider):
    assert_no_access(outsider, pathway)


def test_a_sister_unit_in_the_same_trust_gives_no_access(pathway, org):
    # Need to know is per unit, not per trust.
    neighbour = factories.user("naboenhet", role="clinician", unit=org.unit_a2)
    assert_no_access(neighbour, pathway)


def test_unit_role_does_not_reach_other_units_pathway_of_same_patient(
        pathway, second_pathway, clinician):
    assert b.visible(clinician) == {pathway.pk}
    assert_no_access(clinician, second_pathway)


def test_roles_in_two_units_see_both(pathway, second_pathway, clinician, org):
    b.grant_role(clinician, Role.SECRETARY, unit=org.unit_b)
    assert b.visible(clinician) == {pathway.pk, second_pathway.pk}
    access = access_to(clinician, second_pathway)
    assert (access.role, access.unit_id) == (Role.SECRETARY, org.unit_b.pk)
    assert not access.can(P.BREAK_GLASS)  # the secretary role decides in unit B


def test_named_coordinator_from_another_unit(pathway, outsider):
    b.set_coordinator(pathway, outsider)
    access = access_to(outsider, pathway)
    assert access.bases == (Basis.COORDINATOR,)
    assert access.permissions == CARE_TEAM_PERMISSIONS
    assert not access.can(P.BREAK_GLASS)
    assert b.visible(outsider) == b.on_worklist(outsider) == {pathway.pk}


def test_care_team_member_from_another_unit(pathway, outsider, coordinator):
    b.care_team(pathway, outsider, by=coordinator)
    access = access_to(outsider, pathway)
    assert access.bases == (Basis.CARE_TEAM,)
    assert access.permissions == CARE_TEAM_PERMISSIONS
    assert has_permission(outsider, P.EDIT_PATHWAY, pathway)
    assert b.visible(outsider) == b.on_worklist(outsider) == {pathway.pk}


def test_care_team_on_one_pathway_does_not_open_the_patients_other(
        pathway, second_pathway, coordinator, gp):
    b.care_team(pathway, gp, by=coordinator)
    assert b.visible(gp) == {pathway.pk}
    assert_no_access(gp, second_pathway)


def test_several_bases_are_all_reported_unit_first(pathway, clinician, coordinator):
    b.set_coordinator(pathway, clinician)
    b.care_team(pathway, clinician, by=coordinator)
    access = access_to(clinician, pathway)
    assert access.bases == (Basis.UNIT, Basis.COORDINATOR, Basis.CARE_TEAM)
    assert access.basis == Basis.UNIT
    assert list(Pathway.objects.visible_to(clinician)) == [pathway]  # no duplicates


def test_ended_role_sees_nothing(pathway, expired):
    assert_no_access(expired, pathway)


def test_role_not_yet_started_sees_nothing(pathway, org):
    newcomer = factories.user("nyansatt", role="clinician", unit=org.unit_a,
                                valid_from=timezone.localdate() + b.DAY)
    assert_no_access(newcomer, pathway)


def test_anonymous_sees_nothing(pathway):
    anonymous = AnonymousUser()
    assert_no_access(anonymous, pathway)
    assert b.own(anonymous) == b.shared(anonymous) == set()


def test_inactive_user_loses_every_basis(pathway, clinician, coordinator):
    b.care_team(pathway, clinician, by=coordinator)
    b.break_glass(clinician, pathway.patient)
    clinician.is_active = False
    assert_no_access(clinician, pathway)


def test_user_without_roles_sees_nothing(pathway, django_user_model):
    assert_no_access(django_user_model.objects.create_user("ingen"), pathway)


def test_sysadmin_sees_no_patient(pathway, sysadmin):
    assert_no_access(sysadmin, pathway)
    assert has_permission(sysadmin, P.ADMINISTER)


def test_closed_pathway_stays_visible_but_leaves_the_worklist(pathway, clinician, coordinator):
    b.close(pathway, by=coordinator)
    assert b.visible(clinician) == {pathway.pk}
    assert b.visible_open(clinician) == b.on_worklist(clinician) == set()
    assert access_to(clinician, pathway).can(P.VIEW_PATHWAY)
