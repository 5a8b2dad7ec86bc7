"""change_setting (ADR 12) and move_pathway: effects, refusals, who may."""

import datetime as dt

import pytest
from django.db import DatabaseError, transaction

from forlop.access.authorize import NotPermitted
from forlop.accounts.models import RoleAssignment
from forlop.pathways.kernel_bridge import PathwayRuleError
from forlop.pathways.models import Pathway, PathwayEvent, PathwayState, PathwayUnitChange
from forlop.pathways.models.event import ImmutableRowError
from forlop.pathways.services import (
    MoveRefused,
    change_setting,
    correct_event,
    move_pathway,
    register_event,
    transfer_pathway,
)
from forlop.pathways.services.recompute import recompute_open_states
from tests import factories
from tests.conftest import TODAY

D = dt.timedelta


@pytest.fixture
def attended(pathway, coordinator):
    """TSB outpatient, first attendance ten days ago: decision due in eleven days."""
    register_event(pathway=pathway, event="first_attendance", on=TODAY - D(days=10),
                   by=coordinator, today=TODAY)
    return pathway


@pytest.fixture
def mover(org):
    """A coordinator in unit A who also works (as a clinician) in unit A2."""
    user = factories.user("flytter", role="coordinator", unit=org.unit_a)
    RoleAssignment.objects.create(user=user, role="clinician", unit=org.unit_a2,
                                  valid_from=dt.date(2020, 1, 1))
    return user


ADMITTED = TODAY - D(days=2)


def admit(pathway, by, on=ADMITTED):
    return change_setting(pathway=pathway, setting="inpatient", on=on, by=by,
                          reason="Innlagt", today=TODAY)


# -- change_setting ---------------------------------------------------------------------

def test_change_setting_makes_the_pathway_inpatient(attended, coordinator):
    admit(attended, coordinator)
    assert Pathway.objects.get(pk=attended.pk).setting == "inpatient"


def test_change_setting_keeps_the_setting_at_the_start(attended, coordinator):
    admit(attended, coordinator)
    assert Pathway.objects.get(pk=attended.pk).setting_at_start == "outpatient"


def test_change_setting_brings_the_decision_due_date_forward(attended, coordinator):
    admit(attended, coordinator)
    assert PathwayState.objects.get(pk=attended.pk).next_due == TODAY + D(days=5)


def test_change_setting_stores_the_setting_and_reason_on_the_event(attended, coordinator):
    row = admit(attended, coordinator)
    assert (row.event, row.data) == ("setting_change", {"setting": "inpatient",
                                                        "reason": "Innlagt"})


def test_change_to_the_setting_in_force_is_refused_and_nothing_saved(attended, coordinator):
    with pytest.raises(PathwayRuleError) as refused:
        change_setting(pathway=attended, setting="outpatient", on=TODAY, by=coordinator,
                       today=TODAY)
    assert ([e.code for e in refused.value.errors],
            attended.events.filter(event="setting_change").count()) == (
        ["setting_change_not_a_change"], 0)


def test_change_before_the_start_is_refused(attended, coordinator):
    with pytest.raises(PathwayRuleError):
        admit(attended, coordinator, on=attended.started_on - D(days=1))


def test_a_secretary_may_not_change_the_setting(org, attended):
    secretary = factories.user("sekretaer", role="secretary", unit=org.unit_a)
    with pytest.raises(NotPermitted):
        admit(attended, secretary)


def test_retracting_the_change_makes_the_pathway_outpatient_again(attended, coordinator):
    row = admit(attended, coordinator)
    correct_event(event=row, by=coordinator, reason="Feil pasient", retract=True, today=TODAY)
    assert Pathway.objects.get(pk=attended.pk).setting == "outpatient"


def test_recompute_keeps_the_due_date_a_change_brought_forward(attended, coordinator):
    admit(attended, coordinator)
    recompute_open_states(today=TODAY + D(days=6), only_due=False)
    state = PathwayState.objects.get(pk=attended.pk)
    assert (state.next_due, state.breached) == (TODAY + D(days=5), True)


def test_stored_clock_says_which_change_it_is_counted_from(attended, coordinator):
    admit(attended, coordinator)
    (clock,) = [c for c in PathwayState.objects.get(pk=attended.pk).clocks
                if c["clock"] == "first_attendance_to_clinical_decision"]
    assert (clock["setting"], clock["counted_from"]) == (
        "inpatient", (TODAY - D(days=2)).isoformat())


def test_transfer_after_admission_starts_the_receiving_pathway_inpatient(org, attended,
                                                                         coordinator):
    admit(attended, coordinator)
    received = transfer_pathway(pathway=attended, to_unit=org.unit_b, received_on=TODAY,
                                by=coordinator, today=TODAY)
    assert (received.setting, received.setting_at_start) == ("inpatient", "inpatient")


# -- move_pathway -------------------------------------------------------------------------

def move(pathway, by, to_unit, **kwargs):
    return move_pathway(pathway=pathway, to_unit=to_unit, by=by,
                        **{"on": TODAY, "reason": "Bedre tilbud", "today": TODAY, **kwargs})


def test_move_puts_the_pathway_in_the_receiving_unit(org, pathway, mover):
    move(pathway, mover, org.unit_a2)
    assert Pathway.objects.get(pk=pathway.pk).unit == org.unit_a2


def test_move_keeps_the_worklist_projection_in_step(org, pathway, mover):
    move(pathway, mover, org.unit_a2)
    assert PathwayState.objects.get(pk=pathway.pk).unit == org.unit_a2


def test_move_keeps_a_history_row(org, pathway, mover):
    move(pathway, mover, org.unit_a2)
    change = PathwayUnitChange.objects.get(pathway=pathway)
    assert (change.from_unit, change.to_unit, change.on, change.changed_by, change.reason) == (
        org.unit_a, org.unit_a2, TODAY, mover, "Bedre tilbud")


def test_move_continues_the_same_pathway_and_its_events(org, pathway, mover):
    before = PathwayEvent.objects.filter(pathway=pathway).count()
    move(pathway, mover, org.unit_a2)
    assert (Pathway.objects.get(pk=pathway.pk).is_open,
            PathwayEvent.objects.filter(pathway=pathway).count()) == (True, before)


def test_move_to_another_trust_is_refused(org, pathway, mover):
    with pytest.raises(MoveRefused) as refused:
        move(pathway, mover, org.unit_b)
    assert (refused.value.code, refused.value.field) == ("other_trust", "to_unit")


def test_move_to_the_same_unit_is_refused(org, pathway, mover):
    with pytest.raises(MoveRefused) as refused:
        move(pathway, mover, org.unit_a)
    assert refused.value.code == "same_unit"


def test_move_without_a_reason_is_refused_and_nothing_saved(org, pathway, mover):
    with pytest.raises(MoveRefused):
        move(pathway, mover, org.unit_a2, reason="  ")
    assert (PathwayUnitChange.objects.count(),
            Pathway.objects.get(pk=pathway.pk).unit) == (0, org.unit_a)


def test_move_in_the_future_is_refused(org, pathway, mover):
    with pytest.raises(MoveRefused) as refused:
        move(pathway, mover, org.unit_a2, on=TODAY + D(days=1))
    assert (refused.value.code, refused.value.field) == ("future_date", "on")


def test_move_before_the_start_is_refused(org, pathway, mover):
    with pytest.raises(MoveRefused) as refused:
        move(pathway, mover, org.unit_a2, on=pathway.started_on - D(days=1))
    assert refused.value.code == "before_start"


def test_move_dated_before_the_previous_move_is_refused(org, pathway, mover):
    move(pathway, mover, org.unit_a2, on=TODAY - D(days=2))
    with pytest.raises(MoveRefused) as refused:
        move(pathway, mover, org.unit_a, on=TODAY - D(days=3))
    assert refused.value.code == "before_last_move"


def test_a_closed_pathway_is_not_moved(org, pathway, mover, coordinator):
    register_event(pathway=pathway, event="pathway_end", on=TODAY, outcome="patient_withdrew",
                   by=coordinator, today=TODAY)
    with pytest.raises(MoveRefused) as refused:
        move(pathway, mover, org.unit_a2)
    assert refused.value.code == "closed"


def test_move_needs_a_role_in_the_receiving_unit(org, pathway, coordinator):
    with pytest.raises(NotPermitted):
        move(pathway, coordinator, org.unit_a2)


def test_move_needs_a_clinical_right_on_the_pathway(org, pathway):
    secretary = factories.user("sekretaer", role="secretary", unit=org.unit_a)
    RoleAssignment.objects.create(user=secretary, role="secretary", unit=org.unit_a2,
                                  valid_from=dt.date(2020, 1, 1))
    with pytest.raises(NotPermitted):
        move(pathway, secretary, org.unit_a2)


def test_unit_change_rows_refuse_a_model_update(org, pathway, mover):
    change = move(pathway, mover, org.unit_a2)
    change.reason = "Annen grunn"
    with pytest.raises(ImmutableRowError):
        change.save()


def test_the_database_refuses_to_delete_a_unit_change(org, pathway, mover):
    move(pathway, mover, org.unit_a2)
    with pytest.raises(DatabaseError), transaction.atomic():
        PathwayUnitChange.objects.all()._raw_delete(PathwayUnitChange.objects.db)
