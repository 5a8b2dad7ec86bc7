import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from forlop.pathways.kernel_bridge import PathwayRuleError
from forlop.pathways.models import (
    LocalNorm,
    Pathway,
    PathwayEvent,
    PathwayState,
    PathwayStatusChange,
)
from forlop.pathways.services import close_pathway, register_event
from tests import factories
from tests.conftest import TODAY

D = dt.timedelta


def test_start_pathway_stores_referral_and_start_events(pathway):
    assert list(pathway.events.order_by("pk").values_list("event", flat=True)) == [
        "referral_received", "pathway_start"]


def test_start_pathway_writes_projection_row(pathway):
    assert PathwayState.objects.get(pathway=pathway).state == "started"


def test_start_pathway_records_status_history(pathway):
    assert list(PathwayStatusChange.objects.values_list("state", "reason")) == [
        ("started", "pathway_start")]


def test_start_pathway_records_rule_set_in_force_on_start(pathway):
    assert pathway.ruleset == "npf-2023"


def test_start_in_future_is_refused_and_nothing_saved(org, patient, coordinator):
    with pytest.raises(PathwayRuleError):
        factories.pathway(patient=patient, unit=org.unit_a, by=coordinator, today=TODAY,
                          started_on=TODAY + D(days=1))
    assert (Pathway.objects.count(), PathwayEvent.objects.count()) == (0, 0)


def test_first_attendance_moves_state_to_assessing(pathway, coordinator):
    register_event(pathway=pathway, event="first_attendance", on=TODAY - D(days=10),
                   by=coordinator, today=TODAY)
    assert PathwayState.objects.get(pathway=pathway).state == "assessing"


def test_first_attendance_sets_next_due_to_clinical_decision_deadline(pathway, coordinator):
    register_event(pathway=pathway, event="first_attendance", on=TODAY - D(days=10),
                   by=coordinator, today=TODAY)
    state = PathwayState.objects.get(pathway=pathway)
    # TSB outpatient: first attendance -> clinical decision within 21 days.
    assert (state.next_due, state.next_clock) == (
        TODAY + D(days=11), "first_attendance_to_clinical_decision")



def _decide(pathway, by, outcome, on):
    return register_event(pathway=pathway, event="clinical_decision", on=on, outcome=outcome,
                          by=by, today=TODAY)


def test_third_clinical_decision_is_refused_and_nothing_saved(pathway, coordinator):
    register_event(pathway=pathway, event="first_attendance", on=TODAY - D(days=15),
                   by=coordinator, today=TODAY)
    _decide(pathway, coordinator, "CU", TODAY - D(days=10))
    _decide(pathway, coordinator, "CP", TODAY - D(days=5))
    before = PathwayEvent.objects.count()
    with pytest.raises(PathwayRuleError):
        _decide(pathway, coordinator, "CP", TODAY)
    assert PathwayEvent.objects.count() == before


def test_second_clinical_decision_without_cu_is_refused(pathway, coordinator):
    register_event(pathway=pathway, event="first_attendance", on=TODAY - D(days=15),
                   by=coordinator, today=TODAY)
    _decide(pathway, coordinator, "CP", TODAY - D(days=10))
    with pytest.raises(PathwayRuleError):
        _decide(pathway, coordinator, "CP", TODAY)


def test_rule_error_names_the_kernel_error_code(pathway, coordinator):
    with pytest.raises(PathwayRuleError) as refused:
        register_event(pathway=pathway, event="first_attendance", on=TODAY + D(days=3),
                       by=coordinator, today=TODAY)
    assert [e.code for e in refused.value.errors] == ["future_date"]


def test_close_pathway_closes_and_projects_closed(pathway, coordinator):
    close_pathway(pathway=pathway, on=TODAY, outcome="patient_withdrew", by=coordinator,
                  today=TODAY)
    pathway.refresh_from_db()
    assert (pathway.is_open, pathway.closed_on, pathway.state.state) == (False, TODAY, "closed")


def test_event_after_closure_is_refused(pathway, coordinator):
    close_pathway(pathway=pathway, on=TODAY - D(days=2), outcome="patient_withdrew", by=coordinator,
                  today=TODAY)
    with pytest.raises(PathwayRuleError):
        register_event(pathway=pathway, event="first_attendance", on=TODAY, by=coordinator,
                       today=TODAY)


def test_second_open_pathway_of_same_type_in_same_trust_is_refused(org, pathway, coordinator):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.pathway(patient=pathway.patient, unit=org.unit_a2, by=coordinator,
                          today=TODAY)


def test_same_type_in_another_trust_is_allowed(org, pathway, outsider):
    other = factories.pathway(patient=pathway.patient, unit=org.unit_b, by=outsider, today=TODAY)
    assert other.is_open


def test_new_pathway_of_same_type_allowed_after_closure(org, pathway, coordinator):
    close_pathway(pathway=pathway, on=TODAY - D(days=1), outcome="patient_withdrew", by=coordinator,
                  today=TODAY)
    again = factories.pathway(patient=pathway.patient, unit=org.unit_a, by=coordinator,
                              today=TODAY, started_on=TODAY)
    assert again.is_open


def test_late_clinical_decision_marks_service_caused_breach(org, patient, coordinator):
    pathway = factories.pathway(patient=patient, unit=org.unit_a, by=coordinator, today=TODAY,
                                started_on=TODAY - D(days=40))
    register_event(pathway=pathway, event="first_attendance", on=TODAY - D(days=30),
                   by=coordinator, today=TODAY)
    _decide(pathway, coordinator, "CP", TODAY - D(days=1))  # 29 days > 21
    state = PathwayState.objects.get(pathway=pathway)
    assert (state.breached, state.service_caused_breach, state.patient_caused_breach) == (
        True, True, False)


def test_patient_delay_attributes_breach_to_patient(org, patient, coordinator):
    pathway = factories.pathway(patient=patient, unit=org.unit_a, by=coordinator, today=TODAY,
                                started_on=TODAY - D(days=40))
    register_event(pathway=pathway, event="first_attendance", on=TODAY - D(days=30),
                   by=coordinator, today=TODAY)
    register_event(pathway=pathway, event="patient_delay", on=TODAY - D(days=25),
                   by=coordinator, today=TODAY,
                   data={"postponed_from": TODAY - D(days=25), "postponed_to": TODAY - D(days=4)})
    _decide(pathway, coordinator, "CP", TODAY - D(days=1))
    state = PathwayState.objects.get(pathway=pathway)
    assert (state.patient_caused_breach, state.service_caused_breach) == (True, False)


@pytest.mark.parametrize(
    ("norm_trust", "expected"),
    [("trust_a", ((TODAY + D(days=20)).isoformat(), "local_norm")), ("trust_b", (None, "none"))],
    ids=["own trust's norm applies", "another trust's norm does not"],
)
def test_local_norm_fills_a_missing_national_time(org, patient, coordinator, norm_trust,
                                                  expected):
    LocalNorm.objects.create(trust=getattr(org, norm_trust), pathway_type="voksne",
                             clock="first_attendance_to_clinical_decision",
                             setting="outpatient", days=30)
    pathway = factories.pathway(patient=patient, unit=org.unit_a, by=coordinator, today=TODAY,
                                type="voksne", started_on=TODAY - D(days=40))
    register_event(pathway=pathway, event="first_attendance", on=TODAY - D(days=10),
                   by=coordinator, today=TODAY)
    clock = next(c for c in PathwayState.objects.get(pathway=pathway).clocks
                 if c["clock"] == "first_attendance_to_clinical_decision")
    assert (clock["due"], clock["basis"]) == expected


def test_projection_names_the_next_clocks_basis(org, patient, coordinator):
    """The worklist marks local norms from ``next_basis`` without reading the clocks."""
    pathway = factories.local_norm_pathway(org=org, patient=patient, by=coordinator,
                                           today=TODAY, attend=False)
    state = PathwayState.objects.get(pathway=pathway)
    assert (state.next_clock, state.next_basis) == ("referral_to_assessment", "national")
    register_event(pathway=pathway, event="first_attendance", on=TODAY - D(days=10),
                   by=coordinator, today=TODAY)
    state.refresh_from_db()
    assert (state.next_due, state.next_clock, state.next_basis) == (
        TODAY + D(days=20), "first_attendance_to_clinical_decision", "local_norm")


def test_closed_pathway_has_no_next_deadline(pathway, coordinator):
    """Ended before its clinical decision: that clock was still running, but a closed
    pathway has nothing due (the patient's page showed a deadline for it)."""
    register_event(pathway=pathway, event="first_attendance", on=TODAY - D(days=5),
                   by=coordinator, today=TODAY)
    close_pathway(pathway=pathway, on=TODAY, outcome="patient_withdrew", by=coordinator,
                  today=TODAY)
    state = PathwayState.objects.get(pathway=pathway)
    assert (state.state, state.next_due, state.next_clock, state.next_basis) == (
        "closed", None, "", "")


def test_overdue_clock_not_done_stays_the_next_due(org, patient, coordinator):
    pathway = factories.pathway(patient=patient, unit=org.unit_a, by=coordinator, today=TODAY,
                                started_on=TODAY - D(days=40))
    register_event(pathway=pathway, event="first_attendance", on=TODAY - D(days=30),
                   by=coordinator, today=TODAY)
    state = PathwayState.objects.get(pathway=pathway)
    assert (state.next_due, state.next_clock, state.breached) == (
        TODAY - D(days=9), "first_attendance_to_clinical_decision", True)
