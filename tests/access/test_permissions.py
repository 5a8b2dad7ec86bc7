"""The permissions table, and the answers built from it (``has_permission``, flags)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from forlop.access.permissions import (
    BREAK_GLASS_PERMISSIONS,
    CARE_TEAM_PERMISSIONS,
    ROLE_PERMISSIONS,
    Permission,
    permissions_of,
    roles_with,
)
from forlop.access.policy import NO_ACCESS, access_to, has_permission, role_permissions
from forlop.accounts.roles import Role
from tests import factories

P = Permission
CLINICAL = {P.VIEW_WORKLIST, P.VIEW_PATHWAY, P.EDIT_PATHWAY, P.REGISTER_CLINICAL,
            P.MANAGE_CONSENT, P.BREAK_GLASS, P.NOTIFY_NEED}
PATIENT_DATA = {P.VIEW_WORKLIST, P.VIEW_PATHWAY, P.EDIT_PATHWAY, P.REGISTER_CLINICAL,
                P.MANAGE_CONSENT, P.BREAK_GLASS, P.VIEW_OWN_RECORD, P.VIEW_SHARED_RECORD,
                P.TAKE_PART_IN_OWN_PLAN, P.INFORM_CLINICIAN}

EXPECTED = {
    # The individual plan and the hand-over at closure (ADR 58, 59).
    Role.COORDINATOR: CLINICAL | {P.ASSIGN_COORDINATOR, P.WRITE_INDIVIDUAL_PLAN},
    Role.CLINICIAN: CLINICAL,
    Role.SECRETARY: {P.VIEW_WORKLIST, P.VIEW_PATHWAY, P.EDIT_PATHWAY},
    Role.LEADER: {P.VIEW_WORKLIST, P.VIEW_PATHWAY, P.REVIEW_ACCESS, P.RECEIVE_ESCALATION,
                  P.ASSIGN_COORDINATOR, P.VIEW_INDICATORS},
    Role.MUNICIPAL_COORDINATOR: {P.VIEW_WORKLIST, P.VIEW_PATHWAY, P.WRITE_INDIVIDUAL_PLAN,
                                 P.CONFIRM_FOLLOW_UP, P.NOTIFY_NEED, P.COORDINATE_MUNICIPAL,
                                 P.FLAG_EARLY},
    Role.COORDINATING_UNIT_LEAD: {P.VIEW_WORKLIST, P.VIEW_PATHWAY, P.MANAGE_ROLES,
                                  P.WRITE_INDIVIDUAL_PLAN, P.CONFIRM_FOLLOW_UP, P.NOTIFY_NEED,
                                  P.MANAGE_COORDINATION, P.FLAG_EARLY},
    Role.GP: {P.VIEW_WORKLIST, P.VIEW_PATHWAY, P.WORK_AS_GP},
    Role.PATIENT: {P.VIEW_OWN_RECORD, P.MANAGE_OWN_CONSENT, P.MANAGE_OWN_RESTRICTIONS,
                   P.TAKE_PART_IN_OWN_PLAN, P.NOTIFY_NEED},
    Role.RELATIVE: {P.VIEW_SHARED_RECORD, P.INFORM_CLINICIAN, P.NOTIFY_NEED},
    Role.SYSADMIN: {P.ADMINISTER},
    Role.ACCESS_ADMIN: {P.MANAGE_ROLES},
}


def test_every_role_has_a_row():
    assert set(ROLE_PERMISSIONS) == set(Role)


@pytest.mark.parametrize("role", list(Role))
def test_role_permissions_are_as_specified(role):
    assert ROLE_PERMISSIONS[role] == EXPECTED[role]


def test_secretary_cannot_break_glass_or_manage_consent():
    assert not {P.BREAK_GLASS, P.MANAGE_CONSENT} & ROLE_PERMISSIONS[Role.SECRETARY]


def test_leader_reviews_access_but_does_not_edit():
    assert P.REVIEW_ACCESS in ROLE_PERMISSIONS[Role.LEADER]
    assert not {P.EDIT_PATHWAY, P.REGISTER_CLINICAL} & ROLE_PERMISSIONS[Role.LEADER]


def test_secretary_registers_administrative_events_only():
    assert P.EDIT_PATHWAY in ROLE_PERMISSIONS[Role.SECRETARY]
    assert P.REGISTER_CLINICAL not in ROLE_PERMISSIONS[Role.SECRETARY]


def test_sysadmin_has_no_permission_on_patient_data():
    assert not PATIENT_DATA & ROLE_PERMISSIONS[Role.SYSADMIN]


def test_only_leaders_review_access():
    assert {r for r, perms in ROLE_PERMISSIONS.items() if P.REVIEW_ACCESS in perms} == {
        Role.LEADER}


def test_only_the_units_coordinators_and_leader_reassign_coordinators():
    assert {r for r, perms in ROLE_PERMISSIONS.items() if P.ASSIGN_COORDINATOR in perms} == {
        Role.COORDINATOR, Role.LEADER}
    assert P.ASSIGN_COORDINATOR not in CARE_TEAM_PERMISSIONS | BREAK_GLASS_PERMISSIONS


def test_care_team_manages_consent_emergency_access_does_not():
    assert P.MANAGE_CONSENT in CARE_TEAM_PERMISSIONS
    assert {P.VIEW_PATHWAY, P.EDIT_PATHWAY, P.REGISTER_CLINICAL} == BREAK_GLASS_PERMISSIONS


def test_permissions_of_several_roles_is_their_union():
    assert permissions_of([Role.LEADER, Role.SECRETARY]) == {
        P.VIEW_WORKLIST, P.VIEW_PATHWAY, P.EDIT_PATHWAY, P.REVIEW_ACCESS, P.RECEIVE_ESCALATION,
        P.ASSIGN_COORDINATOR, P.VIEW_INDICATORS}
    assert permissions_of([]) == frozenset()
    assert permissions_of(["no_such_role"]) == frozenset()


@pytest.mark.parametrize("role", list(Role))
def test_has_permission_without_object_follows_the_users_roles(role, org):
    place = {"unit": org.unit_a} if role in {Role.COORDINATOR, Role.CLINICIAN,
                                             Role.SECRETARY, Role.LEADER} else {}
    user = factories.user(f"u-{role}", role=role, **place)
    for permission in Permission:
        assert has_permission(user, permission) is (permission in EXPECTED[role]), permission


def test_expired_role_gives_no_permission(expired):
    assert role_permissions(expired) == frozenset()
    assert not has_permission(expired, P.VIEW_WORKLIST)


def test_anonymous_and_inactive_have_no_permission(clinician):
    clinician.is_active = False
    for user in (AnonymousUser(), clinician, None):
        assert role_permissions(user) == frozenset()
        assert not any(has_permission(user, p) for p in Permission)


def _assert_flags_complete(access):
    assert set(access.flags) == {p.value for p in Permission}
    assert all(isinstance(v, bool) for v in access.flags.values())
    assert {k for k, v in access.flags.items() if v} == {p.value for p in access.permissions}


def test_flags_have_a_boolean_per_permission(pathway, clinician, secretary, outsider):
    for user in (clinician, secretary, outsider):
        _assert_flags_complete(access_to(user, pathway))
    assert access_to(secretary, pathway).flags["edit_pathway"] is True
    assert access_to(secretary, pathway).flags["break_glass"] is False


def test_flags_are_complete_for_anonymous_too(pathway):
    # Templates and code read ``access.flags["edit_pathway"]`` whoever asks.
    _assert_flags_complete(access_to(AnonymousUser(), pathway))
    _assert_flags_complete(NO_ACCESS)


def test_only_leaders_receive_escalations():
    assert roles_with(P.RECEIVE_ESCALATION) == {Role.LEADER}
