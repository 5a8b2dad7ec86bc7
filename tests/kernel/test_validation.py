"""Every validation error code, with the event index and field it points at."""

import pytest

from forlop.kernel import ERROR_CODES, Event
from tests.kernel.kernel_helpers import D, codes, ev, run, started

TODAY = "2024-06-03"


def case(events, *, pathway="tsb", setting="outpatient", severity=None, today=TODAY):
    return {"pathway": pathway, "events": events, "setting": setting, "severity": severity,
            "today": today}


# name -> (input, expected code, expected event_index, expected field)
CASES = {
    "unknown pathway type": (
        case(started("2024-03-01"), pathway="kreft"),
        "unknown_pathway_type", None, "pathway.type"),
    "unknown setting": (
        case(started("2024-03-01"), setting="day_care"),
        "unknown_setting", None, "pathway.setting"),
    "unknown severity": (
        case(started("2024-03-01"), severity="mild"),
        "unknown_severity", None, "pathway.severity"),
    "severity missing for eating disorders": (
        case(started("2024-03-01"), pathway="spiseforstyrrelser"),
        "severity_required", None, "pathway.severity"),
    "no start event": (
        case([ev("first_attendance", "2024-03-01")]),
        "no_start_event", None, "events"),
    "no rule set on the start date": (
        case(started("2018-06-01")),
        "no_ruleset", None, "events"),
    "event is not an object": (
        case([*started("2024-03-01"), "first_attendance"]),
        "invalid_event", 2, "event"),
    "unknown event key": (
        case([*started("2024-03-01"), ev("first_visit", "2024-03-05")]),
        "unknown_event", 2, "event"),
    "malformed date": (
        case([*started("2024-03-01"), ev("first_attendance", "2024-13-01")]),
        "invalid_date", 2, "date"),
    "missing date": (
        case([*started("2024-03-01"), {"event": "first_attendance"}]),
        "invalid_date", 2, "date"),
    "date after today": (
        case(started("2024-03-01", ev("first_attendance", "2024-06-04"))),
        "future_date", 2, "date"),
    "clinical decision without outcome": (
        case(started("2024-03-01", ev("first_attendance", "2024-03-05"),
                     ev("clinical_decision", "2024-03-20"))),
        "missing_outcome", 3, "outcome"),
    "unknown clinical decision": (
        case(started("2024-03-01", ev("first_attendance", "2024-03-05"),
                     ev("clinical_decision", "2024-03-20", outcome="CX"))),
        "unknown_outcome", 3, "outcome"),
    "unknown referral assessment outcome": (
        case([ev("referral_received", "2024-03-01"),
              ev("referral_assessed", "2024-03-04", outcome="maybe")]),
        "unknown_outcome", 1, "outcome"),
    "referral assessed before it was received": (
        case([ev("referral_received", "2024-03-04"),
              ev("referral_assessed", "2024-03-01", outcome="right_granted")]),
        "assessed_before_received", 1, "date"),
    "pathway end without outcome": (
        case(started("2024-03-01", ev("pathway_end", "2024-05-01"))),
        "missing_outcome", 2, "outcome"),
    "outcome on an event that takes none": (
        case(started("2024-03-01", ev("first_attendance", "2024-03-05", outcome="CP"))),
        "outcome_not_allowed", 2, "outcome"),
    "closure outcome that the rule set lacks": (
        case(started("2022-03-01", ev("pathway_end", "2022-05-02",
                                      outcome="transferred_contracted_specialist"))),
        "closure_outcome_not_in_ruleset", 2, "outcome"),
    "second decision not after CU": (
        case(started("2024-03-01", ev("first_attendance", "2024-03-05"),
                     ev("clinical_decision", "2024-03-20", outcome="CP"),
                     ev("clinical_decision", "2024-04-20", outcome="CT"))),
        "second_decision_without_cu", 4, "event"),
    "third clinical decision": (
        case(started("2024-03-01", ev("first_attendance", "2024-03-05"),
                     ev("clinical_decision", "2024-03-20", outcome="CU"),
                     ev("clinical_decision", "2024-04-20", outcome="CP"),
                     ev("clinical_decision", "2024-05-20", outcome="CT"))),
        "third_clinical_decision", 5, "event"),
    "second pathway start": (
        case(started("2024-03-01", ev("pathway_start", "2024-03-02"))),
        "duplicate_pathway_start", 2, "event"),
    "second pathway end": (
        case(started("2024-03-01", ev("pathway_end", "2024-04-01", outcome="completed"),
                     ev("pathway_end", "2024-04-01", outcome="died"))),
        "second_pathway_end", 3, "event"),
    "event after the end": (
        case(started("2024-03-01", ev("pathway_end", "2024-04-01", outcome="completed"),
                     ev("evaluation", "2024-04-02"))),
        "event_after_end", 3, "date"),
    "event before the start": (
        case(started("2024-03-01", ev("first_attendance", "2024-02-28"))),
        "before_pathway_start", 2, "date"),
    "patient delay without dates": (
        case(started("2024-03-01", ev("patient_delay", "2024-03-05"))),
        "patient_delay_missing_dates", 2, "postponed_from"),
    "patient delay without new date": (
        case(started("2024-03-01", ev("patient_delay", "2024-03-05",
                                      postponed_from="2024-03-06"))),
        "patient_delay_missing_dates", 2, "postponed_to"),
    "patient delay of exactly seven working days": (
        case(started("2024-03-01", ev("patient_delay", "2024-03-05",
                                      postponed_from="2024-03-06", postponed_to="2024-03-15"))),
        "patient_delay_too_short", 2, "postponed_to"),
    "patient delay with a malformed date": (
        case(started("2024-03-01", ev("patient_delay", "2024-03-05",
                                      postponed_from="6 March", postponed_to="2024-03-20"))),
        "invalid_date", 2, "postponed_from"),
    "setting change without a setting": (
        case(started("2024-03-01", ev("setting_change", "2024-03-05"))),
        "setting_change_invalid", 2, "setting"),
    "setting change to an unknown setting": (
        case(started("2024-03-01", ev("setting_change", "2024-03-05", setting="day_care"))),
        "setting_change_invalid", 2, "setting"),
    "setting change to the setting in force": (
        case(started("2024-03-01", ev("setting_change", "2024-03-05", setting="outpatient"))),
        "setting_change_not_a_change", 2, "setting"),
    "setting change back to the setting before the last change": (
        case(started("2024-03-01", ev("setting_change", "2024-03-05", setting="inpatient"),
                     ev("setting_change", "2024-03-09", setting="inpatient"))),
        "setting_change_not_a_change", 3, "setting"),
    "setting change before the start": (
        case(started("2024-03-01", ev("setting_change", "2024-02-27", setting="inpatient"))),
        "setting_change_before_start", 2, "date"),
    "setting change before a start under the revised rules": (
        case([ev("referral_received", "2025-03-03"),
              ev("setting_change", "2025-03-04", setting="inpatient")], today="2025-06-03"),
        "setting_change_before_start", 1, "date"),
    "setting change with an outcome": (
        case(started("2024-03-01", ev("setting_change", "2024-03-05", setting="inpatient",
                                      outcome="CP"))),
        "outcome_not_allowed", 2, "outcome"),
    "setting change after the end": (
        case(started("2024-03-01", ev("pathway_end", "2024-03-04", outcome="completed"),
                     ev("setting_change", "2024-03-05", setting="inpatient"))),
        "event_after_end", 3, "date"),
    "setting change in the future": (
        case(started("2024-03-01", ev("setting_change", "2024-06-04", setting="inpatient"))),
        "future_date", 2, "date"),
}


def evaluate_case(data):
    return run(data["pathway"], data["events"], data["today"], setting=data["setting"],
               severity=data["severity"])


@pytest.mark.parametrize(("data", "code", "index", "field"), CASES.values(), ids=CASES.keys())
def test_error_code_index_and_field(data, code, index, field):
    errors = [(e.code, e.event_index, e.field) for e in evaluate_case(data).errors]
    assert errors == [(code, index, field)]


@pytest.mark.parametrize(("data", "code", "index", "field"), CASES.values(), ids=CASES.keys())
def test_error_message_is_a_sentence_with_a_way_out(data, code, index, field):
    (error,) = evaluate_case(data).errors
    assert len(error.message) > 30


def test_every_error_code_has_a_case():
    assert {code for _data, code, _index, _field in CASES.values()} == set(ERROR_CODES)


def test_patient_delay_of_eight_working_days_is_valid():
    events = started("2024-03-01", ev("patient_delay", "2024-03-05",
                                      postponed_from="2024-03-06", postponed_to="2024-03-18"))
    assert run("tsb", events, TODAY).errors == ()


def test_second_decision_after_cu_is_valid():
    events = started("2024-03-01", ev("first_attendance", "2024-03-05"),
                     ev("clinical_decision", "2024-03-20", outcome="CU"),
                     ev("clinical_decision", "2024-04-20", outcome="CP"))
    assert run("tsb", events, TODAY).errors == ()


def test_referral_events_may_precede_the_start():
    events = [ev("referral_received", "2025-02-03"),
              ev("referral_assessed", "2025-02-07", outcome="right_granted"),
              ev("pathway_start", "2025-02-10")]
    assert run("tsb", events, "2025-03-03").errors == ()


def test_events_on_the_closing_day_are_allowed():
    events = started("2024-03-01", ev("pathway_end", "2024-04-01", outcome="completed"),
                     ev("help_needs_at_closure", "2024-04-01"),
                     ev("feedback_tool_used", "2024-04-01"))
    assert run("tsb", events, TODAY).errors == ()


def test_contracted_specialist_closure_is_valid_from_2023():
    events = started("2023-03-01", ev("pathway_end", "2023-05-02",
                                      outcome="transferred_contracted_specialist"))
    assert run("tsb", events, TODAY).errors == ()


def test_events_out_of_order_are_reported_by_their_input_index():
    events = [ev("first_attendance", "2024-02-28"), *started("2024-03-01")]
    assert [(e.code, e.event_index) for e in run("tsb", events, TODAY).errors] == [
        ("before_pathway_start", 0)]


def test_event_objects_are_validated_like_dicts():
    events = [Event("referral_received", D("2024-03-01")), Event("pathway_start", D("2024-03-01")),
              Event("first_attendance", D("2024-03-05"), outcome="CP")]
    assert codes(run("tsb", events, TODAY)) == ["outcome_not_allowed"]


def test_event_object_with_a_text_date_is_parsed():
    events = [Event("referral_received", "2024-03-01"), Event("pathway_start", D("2024-03-01"))]
    assert run("tsb", events, TODAY).start_date == D("2024-03-01")


def test_event_object_with_a_bad_text_date_is_reported():
    events = [*started("2024-03-01"), Event("first_attendance", "soon")]
    assert codes(run("tsb", events, TODAY)) == ["invalid_date"]


def test_eight_digit_dates_are_not_accepted():
    events = [*started("2024-03-01"), ev("first_attendance", "20240305")]
    assert codes(run("tsb", events, TODAY)) == ["invalid_date"]


def test_errors_serialise_with_all_fields():
    result = run("tsb", [*started("2024-03-01"), ev("first_visit", "2024-03-05")], TODAY)
    assert set(result.to_dict()["errors"][0]) == {"code", "message", "event_index", "field"}
