"""Patient delay (code L): a breach is the patient's when a delay falls in its window."""

from tests.kernel.kernel_helpers import clock, ev, run, started

DECISION = "first_attendance_to_clinical_decision"
# TSB outpatient: window opens 2024-03-11 (first attendance), due 2024-04-01.
ATTENDED = started("2024-03-01", ev("first_attendance", "2024-03-11"))


def delay(day: str) -> dict:
    return ev("patient_delay", day, postponed_from="2024-03-20", postponed_to="2024-04-10")


LATE_DECISION = ev("clinical_decision", "2024-04-12", outcome="CP")


def test_delay_inside_the_window_makes_the_breach_patient_caused():
    result = run("tsb", [*ATTENDED, delay("2024-03-18"), LATE_DECISION], "2024-04-15")
    assert clock(result, DECISION).patient_caused is True


def test_patient_caused_breach_is_flagged_on_the_evaluation():
    result = run("tsb", [*ATTENDED, delay("2024-03-18"), LATE_DECISION], "2024-04-15")
    assert (result.patient_caused_breach, result.service_caused_breach) == (True, False)


def test_delay_before_the_window_leaves_the_breach_with_the_service():
    result = run("tsb", [*ATTENDED, delay("2024-03-05"), LATE_DECISION], "2024-04-15")
    assert clock(result, DECISION).patient_caused is False


def test_service_caused_breach_is_flagged_on_the_evaluation():
    result = run("tsb", [*ATTENDED, delay("2024-03-05"), LATE_DECISION], "2024-04-15")
    assert (result.patient_caused_breach, result.service_caused_breach) == (False, True)


def test_delay_after_the_decision_does_not_count():
    events = [*ATTENDED, LATE_DECISION, delay("2024-04-13")]
    assert clock(run("tsb", events, "2024-04-15"), DECISION).patient_caused is False


def test_delay_without_a_breach_is_not_patient_caused():
    events = [*ATTENDED, delay("2024-03-18"), ev("clinical_decision", "2024-03-28", outcome="CP")]
    assert clock(run("tsb", events, "2024-04-15"), DECISION).patient_caused is False


def test_delay_in_a_running_overdue_window_counts():
    result = run("tsb", [*ATTENDED, delay("2024-03-18")], "2024-04-05")
    assert clock(result, DECISION).patient_caused is True


def test_delay_on_the_window_start_counts():
    result = run("tsb", [*ATTENDED, delay("2024-03-11"), LATE_DECISION], "2024-04-15")
    assert clock(result, DECISION).patient_caused is True
