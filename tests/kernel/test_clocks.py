"""Clock semantics: open and breached, closure, decisions after CU, evaluation intervals."""

from tests.kernel.kernel_helpers import D, clock, ev, run, started

# TSB outpatient: first attendance 2024-03-11 -> clinical decision due 2024-04-01 (21 days).
ASSESSING = started("2024-03-01", ev("first_attendance", "2024-03-11"))
DECISION = "first_attendance_to_clinical_decision"


def test_open_on_the_due_date():
    assert clock(run("tsb", ASSESSING, "2024-04-01"), DECISION).status == "open"


def test_breached_the_day_after_the_due_date_without_a_decision():
    assert clock(run("tsb", ASSESSING, "2024-04-02"), DECISION).status == "breached"


def test_open_clock_has_no_done_date():
    assert clock(run("tsb", ASSESSING, "2024-03-20"), DECISION).done is None


def test_next_due_is_the_earliest_open_due_date():
    assert run("tsb", ASSESSING, "2024-03-20").next_due == D("2024-04-01")


def test_next_due_is_none_without_open_clocks():
    events = [*ASSESSING, ev("clinical_decision", "2024-03-20", outcome="CK")]
    assert run("tsb", events, "2024-03-21").next_due is None


def test_clock_has_not_started_before_its_first_event():
    result = run("tsb", started("2024-03-01"), "2024-03-05")
    assert [c.clock for c in result.clocks] == ["referral_to_assessment"]


# Closure: clocks stop at pathway_end.

def test_clock_open_at_closure_is_closed_not_breached_later():
    events = [*ASSESSING, ev("pathway_end", "2024-03-25", outcome="patient_withdrew")]
    found = clock(run("tsb", events, "2024-06-01"), DECISION)
    assert (found.status, found.done) == ("closed", None)


def test_clock_overdue_before_closure_stays_breached():
    events = [*ASSESSING, ev("pathway_end", "2024-04-10", outcome="patient_withdrew")]
    assert clock(run("tsb", events, "2024-06-01"), DECISION).status == "breached"


def test_closed_clock_is_not_counted_as_a_breach():
    events = [*ASSESSING, ev("pathway_end", "2024-03-25", outcome="patient_withdrew")]
    assert run("tsb", events, "2024-06-01").breached is False


def test_closing_on_the_due_date_closes_the_clock():
    events = [*ASSESSING, ev("pathway_end", "2024-04-01", outcome="completed")]
    assert clock(run("tsb", events, "2024-06-01"), DECISION).status == "closed"


def test_events_after_the_end_do_not_stop_clocks():
    events = [*ASSESSING, ev("pathway_end", "2024-03-25", outcome="completed"),
              ev("clinical_decision", "2024-03-26", outcome="CP")]
    assert clock(run("tsb", events, "2024-06-01"), DECISION).done is None


# Clinical decisions: the first one stops the assessment clock; after CU the second
# (treatment) decision starts the evaluation clock.

EXTENDED = [*ASSESSING, ev("clinical_decision", "2024-03-25", outcome="CU")]


def test_assessment_clock_stops_at_the_first_decision_even_if_cu():
    assert clock(run("tsb", EXTENDED, "2024-05-01"), DECISION).done == D("2024-03-25")


def test_no_evaluation_clock_while_only_cu_is_decided():
    result = run("tsb", EXTENDED, "2024-05-01")
    assert "clinical_decision_to_first_evaluation" not in [c.clock for c in result.clocks]


def test_evaluation_clock_starts_at_the_decision_after_cu():
    events = [*EXTENDED, ev("clinical_decision", "2024-04-22", outcome="CP")]
    found = clock(run("tsb", events, "2024-04-23"), "clinical_decision_to_first_evaluation")
    assert (found.start, found.due) == (D("2024-04-22"), D("2024-04-29"))


def test_no_evaluation_clock_after_handing_over_to_the_gp():
    events = [*ASSESSING, ev("clinical_decision", "2024-03-20", outcome="CK")]
    result = run("tsb", events, "2024-03-21")
    assert "clinical_decision_to_first_evaluation" not in [c.clock for c in result.clocks]


# Evaluation intervals: numbered from 1, each from the previous evaluation.

TREATED = [*ASSESSING, ev("clinical_decision", "2024-03-25", outcome="CP"),
           ev("evaluation", "2024-03-30"), ev("evaluation", "2024-05-20"),
           ev("evaluation", "2024-07-20")]


def test_intervals_are_numbered_in_order():
    result = run("tsb", TREATED, "2024-08-01")
    assert [c.n for c in result.clocks if c.clock == "evaluation_interval"] == [1, 2, 3]


def test_interval_runs_from_the_previous_evaluation():
    found = clock(run("tsb", TREATED, "2024-08-01"), "evaluation_interval", 2)
    assert (found.start, found.done, found.due) == (D("2024-05-20"), D("2024-07-20"),
                                                    D("2024-07-15"))


def test_late_evaluation_breaches_its_interval():
    assert clock(run("tsb", TREATED, "2024-08-01"), "evaluation_interval", 2).status == "breached"


def test_next_interval_is_open_while_the_pathway_is_open():
    found = clock(run("tsb", TREATED, "2024-08-01"), "evaluation_interval", 3)
    assert (found.start, found.due, found.status) == (D("2024-07-20"), D("2024-09-14"), "open")


def test_next_interval_is_dropped_at_closure():
    events = [*TREATED, ev("pathway_end", "2024-08-01", outcome="completed")]
    result = run("tsb", events, "2024-12-01")
    assert [c.n for c in result.clocks if c.clock == "evaluation_interval"] == [1, 2]


def test_next_interval_overdue_before_closure_is_kept_as_breached():
    events = [*TREATED, ev("pathway_end", "2024-10-01", outcome="completed")]
    found = clock(run("tsb", events, "2024-12-01"), "evaluation_interval", 3)
    assert found.status == "breached"


def test_same_day_detox_and_treatment_meets_a_zero_day_limit():
    events = [*ASSESSING, ev("detox_completed", "2024-03-12"),
              ev("treatment_started", "2024-03-12")]
    found = clock(run("tsb", events, "2024-03-20", setting="inpatient"), "detox_to_treatment")
    assert (found.days, found.status) == (0, "met")


def test_clock_rule_names_the_rule_set_and_source():
    rule = clock(run("tsb", ASSESSING, "2024-03-20"), DECISION).to_dict()["rule"]
    assert (rule["ruleset"], "rusbehandling-tsb" in rule["source"]) == ("npf-2023", True)


# Pathways without a national time.

ADULT = started("2024-03-01", ev("first_attendance", "2024-03-11"))


def test_no_limit_clock_is_open_until_done():
    found = clock(run("voksne", ADULT, "2025-01-01"), DECISION)
    assert (found.status, found.due, found.basis, found.no_limit) == ("open", None, "none", True)


def test_no_limit_clock_is_met_when_done():
    events = [*ADULT, ev("clinical_decision", "2025-01-01", outcome="CP")]
    assert clock(run("voksne", events, "2025-01-02"), DECISION).status == "met"


def test_deadline_past_the_end_of_the_calendar_does_not_crash():
    events = started("9999-12-28", ev("first_attendance", "9999-12-29"))
    assert clock(run("tsb", events, "9999-12-31"), DECISION).due == D("9999-12-31")
