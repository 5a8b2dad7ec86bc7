"""The trust's management line: a leader at a level reaches the units below it."""

import datetime as dt

import pytest
from django.db import IntegrityError

from forlop.access.permissions import Permission
from forlop.access.policy import role_permissions, units_reached
from forlop.accounts.models import RoleAssignment
from forlop.organisations.models import OrgLevel, Unit
from tests import factories

FROM = dt.date(2020, 1, 1)


@pytest.fixture
def line(org):
    """Clinic > department > section in trust A; unit A under the section, unit A2
    under the department."""
    clinic = OrgLevel.objects.create(trust=org.trust_a, kind="clinic", name="Klinikk")
    department = OrgLevel.objects.create(trust=org.trust_a, kind="department",
                                         name="Avdeling", parent=clinic)
    section = OrgLevel.objects.create(trust=org.trust_a, kind="section", name="Seksjon",
                                      parent=department)
    Unit.objects.filter(pk=org.unit_a.pk).update(org_level=section)
    Unit.objects.filter(pk=org.unit_a2.pk).update(org_level=department)
    return clinic, department, section


def leader_at(level, username="nivaleder"):
    user = factories.user(username, role="clinician", unit=None)
    RoleAssignment.objects.filter(user=user).delete()
    RoleAssignment.objects.create(user=user, role="leader", org_level=level, valid_from=FROM)
    return user


def test_a_clinic_director_reaches_every_unit_below(line, org):
    clinic, _department, _section = line
    assert units_reached(leader_at(clinic), Permission.VIEW_INDICATORS) == {
        org.unit_a.pk, org.unit_a2.pk}


def test_a_section_leader_reaches_only_the_section(line, org):
    _clinic, _department, section = line
    assert units_reached(leader_at(section), Permission.VIEW_INDICATORS) == {org.unit_a.pk}


def test_a_level_role_gives_only_what_level_reach_lists(line):
    clinic, _department, _section = line
    user = leader_at(clinic)
    assert role_permissions(user) == frozenset({Permission.VIEW_INDICATORS})
    assert units_reached(user, Permission.VIEW_PATHWAY) == set()


def test_a_unit_leader_reaches_the_unit(org):
    user = factories.user("enhetsleder", role="leader", unit=org.unit_b)
    assert units_reached(user, Permission.VIEW_INDICATORS) == {org.unit_b.pk}


def test_a_clinician_reaches_no_figures(org, clinician):
    assert units_reached(clinician, Permission.VIEW_INDICATORS) == set()


def test_an_ended_level_role_reaches_nothing(line, org):
    clinic, _department, _section = line
    user = leader_at(clinic)
    RoleAssignment.objects.filter(user=user).update(valid_from=dt.date(2019, 1, 1),
                                                     valid_to=dt.date(2019, 12, 31))
    assert units_reached(user, Permission.VIEW_INDICATORS) == set()


def test_a_level_role_is_held_at_the_level_alone(line, org, coordinator):
    clinic, _department, _section = line
    with pytest.raises(IntegrityError):
        RoleAssignment.objects.create(user=coordinator, role="leader", org_level=clinic,
                                      unit=org.unit_a, valid_from=FROM)
