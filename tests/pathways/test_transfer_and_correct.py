import datetime as dt

import pytest
from django.db import DatabaseError, connection, transaction

from forlop.pathways.kernel_bridge import PathwayRuleError
from forlop.pathways.models import PathwayEvent
from forlop.pathways.models.event import ImmutableRowError
from forlop.pathways.services import (
    close_pathway,
    correct_event,
    register_event,
    transfer_pathway,
)
from forlop.pathways.services.transfer import TransferError
from tests.conftest import TODAY

D = dt.timedelta


def test_transfer_ends_sending_pathway_as_transferred(org, pathway, coordinator):
    transfer_pathway(pathway=pathway, to_unit=org.unit_b, received_on=TODAY, by=coordinator,
                     today=TODAY)
    end = pathway.events.get(event="pathway_end")
    assert (pathway.is_open, end.outcome) == (False, "transferred_other_trust")


def test_transfer_starts_receiving_pathway_on_receipt_date(org, pathway, coordinator):
    received = transfer_pathway(pathway=pathway, to_unit=org.unit_b, received_on=TODAY,
                                by=coordinator, today=TODAY)
    assert (received.unit, received.started_on) == (org.unit_b, TODAY)


def test_transfer_carries_first_trust_start_and_name(org, pathway, coordinator):
    received = transfer_pathway(pathway=pathway, to_unit=org.unit_b, received_on=TODAY,
                                by=coordinator, today=TODAY)
    assert (received.first_trust_started_on, received.first_trust_name) == (
        pathway.started_on, "Test HF A")


def test_transfer_in_event_records_first_trust(org, pathway, coordinator):
    received = transfer_pathway(pathway=pathway, to_unit=org.unit_b, received_on=TODAY,
                                by=coordinator, today=TODAY)
    assert received.events.get(event="transfer_in").data["first_trust_name"] == "Test HF A"


def test_transfer_within_same_trust_is_refused(org, pathway, coordinator):
    with pytest.raises(TransferError):
        transfer_pathway(pathway=pathway, to_unit=org.unit_a2, received_on=TODAY,
                         by=coordinator, today=TODAY)


def test_correction_supersedes_and_changes_date(pathway, coordinator):
    row = register_event(pathway=pathway, event="first_attendance", on=TODAY - D(days=5),
                         by=coordinator, today=TODAY)
    correct_event(event=row, by=coordinator, reason="Feil dato", on=TODAY - D(days=6),
                  today=TODAY)
    pathway.state.refresh_from_db()
    clock = next(c for c in pathway.state.clocks
                 if c["clock"] == "first_attendance_to_clinical_decision")
    assert clock["from"] == (TODAY - D(days=6)).isoformat()


def test_correction_keeps_original_row(pathway, coordinator):
    row = register_event(pathway=pathway, event="first_attendance", on=TODAY - D(days=5),
                         by=coordinator, today=TODAY)
    correct_event(event=row, by=coordinator, reason="Feil dato", on=TODAY - D(days=6),
                  today=TODAY)
    assert PathwayEvent.objects.filter(event="first_attendance").count() == 2


def test_retracting_closure_reopens_pathway(pathway, coordinator):
    end = close_pathway(pathway=pathway, on=TODAY, outcome="patient_withdrew", by=coordinator,
                        today=TODAY)
    correct_event(event=end, by=coordinator, reason="Avsluttet ved en feil", retract=True,
                  today=TODAY)
    pathway.refresh_from_db()
    assert (pathway.is_open, pathway.closed_on, pathway.state.state) == (True, None, "started")


def test_correction_needs_a_reason(pathway, coordinator):
    row = pathway.events.get(event="pathway_start")
    with pytest.raises(ValueError, match="reason"):
        correct_event(event=row, by=coordinator, reason=" ", on=TODAY, today=TODAY)


def test_correction_the_kernel_refuses_saves_nothing(pathway, coordinator):
    row = register_event(pathway=pathway, event="first_attendance", on=TODAY - D(days=5),
                         by=coordinator, today=TODAY)
    before = PathwayEvent.objects.count()
    with pytest.raises(PathwayRuleError):
        correct_event(event=row, by=coordinator, reason="x", on=TODAY + D(days=5), today=TODAY)
    assert PathwayEvent.objects.count() == before


def test_event_model_refuses_update(pathway):
    row = pathway.events.first()
    row.outcome = "CP"
    with pytest.raises(ImmutableRowError):
        row.save()


def test_event_model_refuses_delete(pathway):
    with pytest.raises(ImmutableRowError):
        pathway.events.first().delete()


def test_database_refuses_update_of_event(pathway):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE pathways_pathwayevent SET outcome = 'CP'")


def test_database_refuses_delete_of_event(pathway):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM pathways_pathwayevent")


def test_queryset_update_of_events_is_refused(pathway):
    with pytest.raises(DatabaseError), transaction.atomic():
        PathwayEvent.objects.update(outcome="CP")



def test_a_corrected_closure_can_be_corrected_again(pathway, coordinator):
    """Correcting a correction: the kernel judges the events as they stand after it,
    without the first version (which the first correction superseded)."""
    end = close_pathway(pathway=pathway, on=TODAY - D(days=2), outcome="patient_withdrew",
                        by=coordinator, today=TODAY)
    fixed = correct_event(event=end, by=coordinator, reason="Feil dato", on=TODAY - D(days=1),
                          today=TODAY)
    correct_event(event=fixed, by=coordinator, reason="Feil igjen", on=TODAY, today=TODAY)
    pathway.refresh_from_db()
    assert (pathway.is_open, pathway.closed_on) == (False, TODAY)
