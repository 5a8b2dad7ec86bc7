"""Role grants through the administrator's service and page (issue 11, hole 6: in
/admin/, admin gave itself a back-dated leader role and then read pathways), in the
trust's units and, by the coordinating unit's lead, in the municipality and at its GP
offices."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from forlop.access.authorize import NotPermitted
from forlop.access.grants import end_role, grant_role
from forlop.access.models import AccessLogEntry
from forlop.access.permissions import Permission
from forlop.access.policy import has_permission
from forlop.accounts.models import RoleAssignment
from forlop.accounts.roles import Role
from tests import factories
from tests.conftest import TODAY


@pytest.fixture
def access_admin(org):
    return factories.user("tilgang", role=Role.ACCESS_ADMIN, unit=org.unit_a2)


@pytest.fixture
def newcomer(org):
    return factories.user("ny", role=Role.PATIENT)


def test_grant_gives_the_role_and_logs_who_gave_what_to_whom(access_admin, newcomer, org):
    grant_role(user=newcomer, role=Role.LEADER, place=org.unit_a, valid_from=TODAY,
               by=access_admin, today=TODAY)
    assert RoleAssignment.objects.filter(user=newcomer, role=Role.LEADER, unit=org.unit_a,
                                         valid_from=TODAY).exists()
    [row] = AccessLogEntry.objects.filter(action="role")
    assert row.user_id == access_admin.pk
    assert f"granted leader in unit {org.unit_a.pk} to user {newcomer.pk}" in row.reason
    assert f"from {TODAY}" in row.reason


def test_no_back_dating(access_admin, newcomer, org):
    with pytest.raises(ValidationError, match="bakover i tid"):
        grant_role(user=newcomer, role=Role.LEADER, place=org.unit_a,
                   valid_from=TODAY - dt.timedelta(days=1), by=access_admin, today=TODAY)
    assert not RoleAssignment.objects.filter(user=newcomer, role=Role.LEADER).exists()
    assert not AccessLogEntry.objects.filter(action="role").exists()


def test_nobody_grants_a_role_to_themselves(org):
    admin = factories.user("tilgang", role=Role.ACCESS_ADMIN, unit=org.unit_a)
    with pytest.raises(ValidationError, match="egne roller"):
        grant_role(user=admin, role=Role.LEADER, place=org.unit_a, valid_from=TODAY,
                   by=admin, today=TODAY)


@pytest.mark.parametrize("role", [Role.SYSADMIN, Role.LEADER, Role.COORDINATOR])
def test_only_the_trusts_access_administrator_grants(org, newcomer, role):
    other = factories.user("annen", role=role, unit=None if role == Role.SYSADMIN
                           else org.unit_a)
    with pytest.raises(NotPermitted):
        grant_role(user=newcomer, role=Role.LEADER, place=org.unit_a, valid_from=TODAY,
                   by=other, today=TODAY)


def test_another_trusts_administrator_is_refused(org, newcomer):
    admin_b = factories.user("tilgang-b", role=Role.ACCESS_ADMIN, unit=org.unit_b)
    with pytest.raises(NotPermitted):
        grant_role(user=newcomer, role=Role.LEADER, place=org.unit_a, valid_from=TODAY,
                   by=admin_b, today=TODAY)


def test_end_role_stops_access_from_the_next_day_and_is_logged(access_admin, org, pathway):
    clinician = factories.user("behandler2", role=Role.CLINICIAN, unit=org.unit_a)
    assert has_permission(clinician, Permission.VIEW_PATHWAY, pathway)
    end_role(assignment=clinician.role_assignments.get(), on=dt.date.today(), by=access_admin)
    assert clinician.role_assignments.get().valid_to == dt.date.today()
    assert AccessLogEntry.objects.filter(action="role", reason__startswith="ended").exists()
    with pytest.raises(ValidationError, match="bakover"):
        end_role(assignment=clinician.role_assignments.get(),
                 on=dt.date.today() - dt.timedelta(days=2), by=access_admin)


def test_page_grants_through_the_form(client, access_admin, newcomer, org):
    client.force_login(access_admin)
    response = client.post(reverse("access:roles"), {
        "username": newcomer.username, "role": Role.CLINICIAN, "place": f"unit-{org.unit_a.pk}",
        "valid_from": dt.date.today().isoformat()})
    assert response.status_code == 302
    assert RoleAssignment.objects.filter(user=newcomer, role=Role.CLINICIAN).exists()


def test_page_refuses_a_back_dated_grant_with_the_reason(client, access_admin, newcomer, org):
    client.force_login(access_admin)
    response = client.post(reverse("access:roles"), {
        "username": newcomer.username, "role": Role.LEADER, "place": f"unit-{org.unit_a.pk}",
        "valid_from": "2020-01-01"})
    assert response.status_code == 400
    assert "bakover i tid" in response.content.decode()
    assert not RoleAssignment.objects.filter(user=newcomer, role=Role.LEADER).exists()


def test_page_lists_only_the_administered_trusts_roles(client, access_admin, org, outsider):
    client.force_login(access_admin)
    page = client.get(reverse("access:roles")).content.decode()
    assert "DPS Test" in page and "DPS Annet HF" not in page


def test_admin_shows_roles_read_only(client, org):
    from django.contrib import admin

    from forlop.accounts.admin import RoleAssignmentInline

    inline = RoleAssignmentInline(RoleAssignment, admin.site)
    assert not (inline.has_add_permission(None) or inline.has_change_permission(None)
                or inline.has_delete_permission(None))


# ---- the municipality: its coordinating unit's lead grants its roles and its GPs --


@pytest.fixture
def ke_lead(org):
    return factories.user("ke-leder", role=Role.COORDINATING_UNIT_LEAD,
                          municipality=org.municipality)


def test_coordinating_unit_lead_grants_municipal_and_gp_roles_and_it_is_logged(
        ke_lead, newcomer, org):
    grant_role(user=newcomer, role=Role.MUNICIPAL_COORDINATOR, place=org.municipality,
               valid_from=TODAY, by=ke_lead, today=TODAY)
    grant_role(user=newcomer, role=Role.GP, place=org.gp_office, valid_from=TODAY,
               by=ke_lead, today=TODAY)
    assert set(newcomer.role_assignments.values_list("role", "municipality", "gp_office")) \
        >= {(Role.MUNICIPAL_COORDINATOR, org.municipality.pk, None),
            (Role.GP, None, org.gp_office.pk)}
    reasons = list(AccessLogEntry.objects.filter(action="role").values_list("reason",
                                                                           flat=True))
    assert any(f"in municipality {org.municipality.pk} to user {newcomer.pk}" in r
               for r in reasons)
    assert any(f"granted gp in gp_office {org.gp_office.pk}" in r for r in reasons)


def test_a_role_must_belong_to_its_place(ke_lead, access_admin, newcomer, org):
    with pytest.raises(ValidationError, match="hører til stedet"):
        grant_role(user=newcomer, role=Role.CLINICIAN, place=org.municipality,
                   valid_from=TODAY, by=ke_lead, today=TODAY)
    with pytest.raises(ValidationError, match="hører til stedet"):
        grant_role(user=newcomer, role=Role.GP, place=org.unit_a, valid_from=TODAY,
                   by=access_admin, today=TODAY)
    assert not newcomer.role_assignments.exclude(role=Role.PATIENT).exists()


def test_places_are_not_crossed(ke_lead, access_admin, newcomer, org):
    from forlop.organisations.models import GpOffice, Municipality

    elsewhere = Municipality.objects.create(name="Annenvik kommune", number="1998",
                                            org_number="998877661",
                                            coordinating_unit_name="KE Annenvik")
    office = GpOffice.objects.create(municipality=elsewhere, name="Annenvik legesenter",
                                     org_number="998877662")
    for by, place in ((ke_lead, org.unit_a), (ke_lead, elsewhere), (ke_lead, office),
                      (access_admin, org.municipality), (access_admin, org.gp_office)):
        role = {"unit": Role.CLINICIAN, "municipality": Role.MUNICIPAL_COORDINATOR}.get(
            type(place).__name__.lower(), Role.GP)
        with pytest.raises(NotPermitted):
            grant_role(user=newcomer, role=role, place=place, valid_from=TODAY, by=by,
                       today=TODAY)


def test_coordinating_unit_lead_ends_a_municipal_role(ke_lead, org):
    worker = factories.user("kommune2", role=Role.MUNICIPAL_COORDINATOR,
                            municipality=org.municipality)
    end_role(assignment=worker.role_assignments.get(), on=dt.date.today(), by=ke_lead)
    assert worker.role_assignments.get().valid_to == dt.date.today()


def test_municipal_page_offers_the_municipality_and_its_gp_offices(client, ke_lead, newcomer,
                                                                   org):
    client.force_login(ke_lead)
    page = client.get(reverse("access:roles")).content.decode()
    assert org.municipality.name in page and org.gp_office.name in page
    assert "DPS Test" not in page
    response = client.post(reverse("access:roles"), {
        "username": newcomer.username, "role": Role.GP, "place": f"gp_office-{org.gp_office.pk}",
        "valid_from": dt.date.today().isoformat()})
    assert response.status_code == 302
    assert newcomer.role_assignments.filter(role=Role.GP, gp_office=org.gp_office).exists()


# ---- the trust's management levels: their leaders, from the access administrator ----


def test_access_administrator_grants_a_leader_at_a_management_level(access_admin, newcomer,
                                                                    org):
    from forlop.access.policy import role_permissions
    from forlop.organisations.models import OrgLevel

    clinic = OrgLevel.objects.create(trust=org.trust_a, kind="clinic",
                                     name="Klinikk for psykisk helse")
    elsewhere = OrgLevel.objects.create(trust=org.trust_b, kind="clinic", name="Klinikk B")
    grant_role(user=newcomer, role=Role.LEADER, place=clinic, valid_from=TODAY,
               by=access_admin, today=TODAY)
    assert newcomer.role_assignments.filter(role=Role.LEADER, org_level=clinic).exists()
    assert Permission.VIEW_INDICATORS in role_permissions(newcomer)
    assert AccessLogEntry.objects.filter(
        action="role", reason__contains=f"in org_level {clinic.pk}").exists()
    with pytest.raises(ValidationError, match="hører til stedet"):
        grant_role(user=newcomer, role=Role.CLINICIAN, place=clinic, valid_from=TODAY,
                   by=access_admin, today=TODAY)
    with pytest.raises(NotPermitted):
        grant_role(user=newcomer, role=Role.LEADER, place=elsewhere, valid_from=TODAY,
                   by=access_admin, today=TODAY)
