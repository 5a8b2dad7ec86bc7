"""The caseload per coordinator, and reassigning pathways to another coordinator."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.urls import reverse

from forlop.access.authorize import NotPermitted
from forlop.access.models import AccessLogEntry
from forlop.pathways.models import Pathway, PathwayState
from forlop.pathways.models.event import ImmutableRowError
from forlop.worklist.models import CoordinatorChange
from forlop.worklist.services import reassign_coordinator
from tests import factories
from tests.conftest import TODAY

CASELOAD = reverse("worklist_caseload")
REASSIGN = reverse("worklist_reassign")
NOON = dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC)  # a Monday
REASON = "Ferie i fire uker"


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(NOON, tick=False):
        yield


@pytest.fixture
def colleague(org):
    return factories.user("kollega", role="coordinator", unit=org.unit_a)


@pytest.fixture
def leader(org):
    return factories.user("leder", role="leader", unit=org.unit_a)


def _mine(org, coordinator, due):
    made = factories.pathway(patient=factories.patient(), unit=org.unit_a, by=coordinator,
                             today=TODAY, coordinator=coordinator)
    PathwayState.objects.filter(pk=made.pk).update(next_due=due)
    return made


@pytest.fixture
def caseload(org, coordinator):
    return [_mine(org, coordinator, TODAY - dt.timedelta(days=3)),
            _mine(org, coordinator, TODAY + dt.timedelta(days=6)),
            _mine(org, coordinator, TODAY + dt.timedelta(days=7))]


def _row(response, user):
    return next(r["row"] for u in response.context["units"] for r in u["rows"]
                if r["row"].user_id == user.pk)


def test_caseload_counts_open_overdue_and_due_this_week(client, coordinator, caseload):
    client.force_login(coordinator)
    row = _row(client.get(CASELOAD), coordinator)
    assert (row.open, row.overdue, row.due_this_week) == (3, 1, 1)


def test_caseload_lists_every_coordinator_of_the_unit(client, coordinator, colleague, caseload):
    client.force_login(coordinator)
    assert _row(client.get(CASELOAD), colleague).open == 0


def test_caseload_links_to_the_coordinators_list(client, coordinator, caseload):
    client.force_login(coordinator)
    assert f'href="/?coordinator={coordinator.pk}"' in client.get(CASELOAD).content.decode()


def test_caseload_shows_pathways_without_a_coordinator(client, coordinator, org):
    factories.pathway(patient=factories.patient(), unit=org.unit_a, by=coordinator, today=TODAY)
    client.force_login(coordinator)
    assert 'href="/?coordinator=none"' in client.get(CASELOAD).content.decode()


def test_caseload_shows_only_the_users_units(client, outsider, caseload):
    client.force_login(outsider)
    assert [u["name"] for u in client.get(CASELOAD).context["units"]] == ["DPS Annet HF"]


def test_reassign_moves_the_pathway_and_keeps_history(coordinator, colleague, caseload):
    reassign_coordinator(pathway=caseload[0], to=colleague, by=coordinator, reason=REASON)
    change = CoordinatorChange.objects.get()
    assert (Pathway.objects.get(pk=caseload[0].pk).coordinator, change.from_user,
            change.to_user, change.changed_by, change.reason) == (
        colleague, coordinator, colleague, coordinator, REASON)


def test_reassign_writes_an_access_log_row_for_the_patient(coordinator, colleague, caseload):
    reassign_coordinator(pathway=caseload[0], to=colleague, by=coordinator, reason=REASON)
    assert list(AccessLogEntry.objects.filter(what="coordinator").values_list(
        "patient_id", "action", "reason")) == [(caseload[0].patient_id, "write", REASON)]


def test_the_units_leader_may_reassign(leader, colleague, caseload):
    reassign_coordinator(pathway=caseload[0], to=colleague, by=leader, reason=REASON)
    assert Pathway.objects.get(pk=caseload[0].pk).coordinator == colleague


def test_a_clinician_may_not_reassign(clinician, colleague, caseload):
    with pytest.raises(NotPermitted):
        reassign_coordinator(pathway=caseload[0], to=colleague, by=clinician, reason=REASON)
    assert CoordinatorChange.objects.count() == 0


def test_another_units_coordinator_may_not_reassign(outsider, colleague, caseload):
    with pytest.raises(NotPermitted):
        reassign_coordinator(pathway=caseload[0], to=colleague, by=outsider, reason=REASON)


def test_the_new_coordinator_must_be_a_coordinator_of_the_unit(coordinator, clinician,
                                                                caseload):
    with pytest.raises(ValidationError):
        reassign_coordinator(pathway=caseload[0], to=clinician, by=coordinator, reason=REASON)


def test_a_reason_is_required(coordinator, colleague, caseload):
    with pytest.raises(ValidationError):
        reassign_coordinator(pathway=caseload[0], to=colleague, by=coordinator, reason="ferie")


def test_coordinator_changes_are_append_only_in_the_model(coordinator, colleague, caseload):
    change = reassign_coordinator(pathway=caseload[0], to=colleague, by=coordinator,
                                  reason=REASON)
    with pytest.raises(ImmutableRowError):
        change.delete()


def test_coordinator_changes_are_append_only_in_the_database(coordinator, colleague, caseload):
    reassign_coordinator(pathway=caseload[0], to=colleague, by=coordinator, reason=REASON)
    with pytest.raises(DatabaseError), transaction.atomic():
        CoordinatorChange.objects.update(reason="omskrevet")


def test_reassign_page_lists_the_coordinators_pathways(client, coordinator, caseload):
    client.force_login(coordinator)
    response = client.get(REASSIGN, {"fra": coordinator.pk})
    assert [p.pk for p in response.context["candidates"]] == [p.pk for p in caseload]


@pytest.mark.parametrize("source", ["\u00b9", "+1", "99999999999999999999999"])
def test_reassign_from_what_is_no_user_id_is_not_found(client, coordinator, source):
    client.force_login(coordinator)
    assert client.get(REASSIGN, {"fra": source}).status_code == 404


def test_reassign_through_the_page(client, coordinator, colleague, caseload):
    client.force_login(coordinator)
    client.post(REASSIGN, {"fra": coordinator.pk, "pathways": [caseload[0].pk, caseload[1].pk],
                           "to": colleague.pk, "reason": REASON})
    assert Pathway.objects.filter(coordinator=colleague).count() == 2


def test_reassign_page_refuses_a_clinician(client, clinician, colleague, caseload):
    client.force_login(clinician)
    response = client.post(REASSIGN, {"fra": caseload[0].coordinator_id,
                                      "pathways": [caseload[0].pk], "to": colleague.pk,
                                      "reason": REASON})
    assert (response.status_code, CoordinatorChange.objects.count()) == (403, 0)


def test_reassign_page_with_a_short_reason_stores_nothing(client, coordinator, colleague,
                                                          caseload):
    client.force_login(coordinator)
    response = client.post(REASSIGN, {"fra": coordinator.pk, "pathways": [caseload[0].pk],
                                      "to": colleague.pk, "reason": "ferie"})
    assert ('class="ds-error-summary"' in response.content.decode(),
            CoordinatorChange.objects.count()) == (True, 0)


def test_reassign_page_cannot_reach_another_units_pathway(client, outsider, colleague,
                                                          caseload):
    client.force_login(outsider)
    response = client.post(REASSIGN, {"fra": caseload[0].coordinator_id,
                                      "pathways": [caseload[0].pk], "to": colleague.pk,
                                      "reason": REASON})
    assert (response.status_code, CoordinatorChange.objects.count()) == (200, 0)


def test_the_reassign_page_logs_the_patients_it_lists(client, coordinator, caseload):
    client.force_login(coordinator)
    client.get(REASSIGN, {"fra": coordinator.pk})
    assert sorted(AccessLogEntry.objects.filter(what="caseload").values_list(
        "patient_id", flat=True)) == sorted(p.patient_id for p in caseload)


def test_a_former_coordinator_still_holding_pathways_is_listed(client, leader, coordinator,
                                                               caseload):
    coordinator.role_assignments.update(valid_to=TODAY - dt.timedelta(days=1))
    client.force_login(leader)
    row = _row(client.get(CASELOAD), coordinator)
    assert (row.former, row.open) == (True, 3)
