"""Private institutions with an agreement with the region (ADR 67): a trust-level
treatment site of its own kind, with units, coordinators and an agreement period;
everything that takes a trust or a unit works for it, and pages show its kind."""

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from forlop.access.authorize import NotPermitted
from forlop.access.grants import grant_role
from forlop.accounts.models import RoleAssignment
from forlop.accounts.roles import Role
from forlop.indicators.presenters import group_label
from forlop.indicators.scope import IndicatorScope
from forlop.npr import pak
from forlop.organisations.models import HealthTrust, Unit
from forlop.organisations.presenters import trust_kind, unit_place
from forlop.pathways.models import Pathway
from forlop.pathways.services import transfer_pathway
from forlop.pathways.services.transfer import TransferError
from tests import factories
from tests.conftest import TODAY

D = dt.timedelta
AGREEMENT = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))


@pytest.fixture
def private_unit(org):
    return factories.private_institution(org, agreement_from=AGREEMENT[0],
                                         agreement_to=AGREEMENT[1])


@pytest.fixture
def private_coordinator(private_unit):
    return factories.user("fjellro", role=Role.COORDINATOR, unit=private_unit)


def transfer(pathway, unit, by, on=TODAY):
    return transfer_pathway(pathway=pathway, to_unit=unit, received_on=on, by=by, today=TODAY)


# -- the model --------------------------------------------------------------------------

@pytest.mark.parametrize("fields", [
    {"kind": "health_trust", "agreement_from": dt.date(2024, 1, 1)},  # a trust has none
    {"kind": "health_trust", "agreement_to": dt.date(2024, 1, 1)},
    {"kind": "private"},  # a private institution needs its agreement's start
    {"kind": "private", "agreement_from": dt.date(2024, 2, 1),
     "agreement_to": dt.date(2024, 1, 31)},  # ends before it starts
])
def test_the_database_refuses_an_agreement_that_does_not_fit_the_kind(org, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        HealthTrust.objects.create(region=org.trust_a.region, name="Feil", org_number="100009099",
                                   **fields)


def test_a_public_trust_is_a_health_trust_by_default(org):
    assert (org.trust_a.kind, org.trust_a.is_private) == ("health_trust", False)


@pytest.mark.parametrize(("day", "in_force"), [
    (AGREEMENT[0] - D(days=1), False), (AGREEMENT[0], True), (AGREEMENT[1], True),
    (AGREEMENT[1] + D(days=1), False)])
def test_the_agreement_is_in_force_within_its_period_in_python_and_in_sql(
        org, private_unit, day, in_force):
    receiving = set(Unit.objects.receiving_on(day).values_list("pk", flat=True))
    assert private_unit.trust.agreement_in_force(day) is in_force
    assert (private_unit.pk in receiving) is in_force
    assert {org.unit_a.pk, org.unit_b.pk} <= receiving  # health trusts always receive


def test_an_open_ended_agreement_stays_in_force(org):
    unit = factories.private_institution(org, agreement_from=dt.date(2020, 1, 1))
    assert unit.trust.agreement_in_force(dt.date(2099, 1, 1))
    assert Unit.objects.receiving_on(dt.date(2099, 1, 1)).filter(pk=unit.pk).exists()


# -- how it is named (presenters, no database) ------------------------------------------

def _trust(kind, agreement_to=None):
    return SimpleNamespace(name="Fjellro behandlingssenter", is_private=kind == "private",
                           region=SimpleNamespace(name="Helse Test RHF"),
                           agreement_from=dt.date(2024, 1, 1), agreement_to=agreement_to)


def test_trust_kind_names_the_region_and_the_agreement_period():
    assert trust_kind(_trust("private", dt.date(2027, 12, 31))) == (
        "Privat institusjon med avtale med Helse Test RHF (1.1.2024–31.12.2027)")
    assert trust_kind(_trust("private")) == (
        "Privat institusjon med avtale med Helse Test RHF (1.1.2024–)")
    assert trust_kind(_trust("health_trust")) == "Helseforetak"


def test_unit_place_says_a_private_institution_is_one():
    trust = _trust("private")
    assert unit_place(SimpleNamespace(name="Døgn", trust=trust)) == (
        "Døgn (Fjellro behandlingssenter, privat institusjon med avtale)")
    trust.is_private, trust.name = False, "Test HF A"
    assert unit_place(SimpleNamespace(name="DPS", trust=trust)) == "DPS (Test HF A)"


# -- transfer to a contracted institution ---------------------------------------------

def test_a_pathway_is_transferred_to_a_private_institution_as_to_another_trust(
        pathway, private_unit, coordinator):
    received = transfer(pathway, private_unit, coordinator)
    pathway.refresh_from_db()
    assert pathway.events.get(event="pathway_end").outcome == "transferred_other_trust"
    assert (received.unit, received.trust_id, received.started_on) == (
        private_unit, private_unit.trust_id, TODAY)
    assert (received.first_trust_name, received.first_trust_started_on) == (
        "Test HF A", pathway.started_on)


@pytest.mark.parametrize("on", [AGREEMENT[0] - D(days=1)])
def test_no_transfer_on_a_day_without_an_agreement(pathway, private_unit, coordinator, on):
    Pathway.objects.filter(pk=pathway.pk).update(started_on=on - D(days=30))
    with pytest.raises(TransferError) as refused:
        transfer(pathway, private_unit, coordinator, on=on)
    assert refused.value.code == "no_agreement"
    assert not Pathway.objects.filter(unit=private_unit).exists()
    assert not pathway.events.filter(event="transfer_out").exists()


def test_an_ended_agreement_refuses_a_transfer(org, pathway, coordinator):
    ended = factories.private_institution(org, agreement_from=dt.date(2020, 1, 1),
                                          agreement_to=TODAY - D(days=1))
    with pytest.raises(TransferError, match="no agreement"):
        transfer(pathway, ended, coordinator)


def test_the_transfer_page_lists_institutions_in_force_with_their_kind(
        client, org, pathway, coordinator):
    factories.private_institution(org, agreement_from=dt.date(2020, 1, 1))
    RoleAssignment.objects.create(user=coordinator, role="clinician", valid_from=TODAY,
                                  unit=Unit.objects.create(
                                      trust=HealthTrust.objects.create(
                                          region=org.trust_a.region, name="Utløpt AS",
                                          org_number="100009051", kind="private",
                                          agreement_from=dt.date(2020, 1, 1),
                                          agreement_to=dt.date(2021, 1, 1)),
                                      name="Utløpt døgn", resh_id="1009051"))
    client.force_login(coordinator)
    page = client.get(reverse("pathway_transfer", args=[pathway.pk])).content.decode()
    assert "Fjellro døgnenhet (Fjellro behandlingssenter, privat institusjon med avtale)" in page
    assert "DPS Annet HF (Test HF B)" in page
    assert "Utløpt døgn" not in page


def test_the_transfer_page_transfers_and_the_pathway_page_shows_the_kind(
        client, org, pathway, coordinator):
    # The form offers units receiving today (the real day): an agreement without end.
    private_unit = factories.private_institution(org, agreement_from=dt.date(2020, 1, 1))
    private_coordinator = factories.user("fjellro", role=Role.COORDINATOR, unit=private_unit)
    client.force_login(coordinator)
    response = client.post(reverse("pathway_transfer", args=[pathway.pk]),
                           {"to_unit": private_unit.pk, "received_on": TODAY.isoformat()})
    assert response.status_code == 302
    received = Pathway.objects.get(unit=private_unit)
    client.force_login(private_coordinator)
    page = client.get(reverse("pathway_detail", args=[received.pk])).content.decode()
    assert "Fjellro døgnenhet (Fjellro behandlingssenter, privat institusjon med avtale)" in page


# -- the institution's own people: worklist, roles, figures, NPR -----------------------

def test_the_institutions_coordinator_finds_the_transferred_pathway_on_the_worklist(
        client, pathway, private_unit, coordinator, private_coordinator):
    received = transfer(pathway, private_unit, coordinator)
    client.force_login(private_coordinator)
    page = client.get(reverse("worklist")).content.decode()
    assert f"/forlop/{received.pk}/" in page
    assert f"/forlop/{pathway.pk}/" not in page  # the sending trust's closed instance


def test_the_sending_trusts_coordinator_no_longer_reaches_the_received_pathway(
        client, pathway, private_unit, coordinator):
    received = transfer(pathway, private_unit, coordinator)
    client.force_login(coordinator)
    assert client.get(reverse("pathway_detail", args=[received.pk])).status_code == 404


def test_the_institutions_access_administrator_grants_roles_there_only(org, private_unit):
    admin = factories.user("fjellro-tilgang", role=Role.ACCESS_ADMIN, unit=private_unit)
    newcomer = factories.user("ny", role=Role.PATIENT)
    grant_role(user=newcomer, role=Role.CLINICIAN, place=private_unit, valid_from=TODAY,
               by=admin, today=TODAY)
    assert RoleAssignment.objects.filter(user=newcomer, unit=private_unit).exists()
    with pytest.raises(NotPermitted):
        grant_role(user=newcomer, role=Role.CLINICIAN, place=org.unit_a, valid_from=TODAY,
                   by=admin, today=TODAY)


def test_a_trusts_access_administrator_grants_nothing_in_the_institution(org, private_unit):
    admin = factories.user("tilgang", role=Role.ACCESS_ADMIN, unit=org.unit_a)
    newcomer = factories.user("ny", role=Role.PATIENT)
    with pytest.raises(NotPermitted):
        grant_role(user=newcomer, role=Role.CLINICIAN, place=private_unit, valid_from=TODAY,
                   by=admin, today=TODAY)


def test_the_institutions_leader_sees_its_figures_under_its_kind(org, private_unit):
    leader = factories.user("fjellro-leder", role=Role.LEADER, unit=private_unit)
    scope = IndicatorScope.of(leader)
    labels = [group_label(g) for g in scope.groups]
    assert labels[:2] == ["Fjellro døgnenhet",
                          "Privat institusjon med avtale: Fjellro behandlingssenter"]
    # Counted in the region it has its agreement with.
    region = scope.group(f"region:{org.trust_a.region_id}")
    assert private_unit.pk in region.unit_ids


def test_the_npr_export_reports_the_institutions_resh(tmp_path, pathway, private_unit,
                                                      coordinator):
    received = transfer(pathway, private_unit, coordinator)
    target = tmp_path / "npr.xml"
    call_command("npr", "export", "--period", f"{TODAY.year}-T2", "--out", str(target),
                 "--today", TODAY.isoformat(), "--unit", private_unit.resh_id, "--force",
                 stdout=io.StringIO(), stderr=io.StringIO())
    parsed = pak.parse(target.read_bytes())
    assert [(r.id, r.unit) for r in parsed.records] == [(str(received.pk), "1009050")]
    assert parsed.header["unit"] == "1009050"
