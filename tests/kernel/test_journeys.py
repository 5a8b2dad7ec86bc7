"""Whole pathways, start to finish, as a coordinator would see them."""

from tests.kernel.kernel_helpers import D, clock, ev, run


def statuses(result):
    return [(c.clock, c.n, c.status) for c in result.clocks]


# TSB inpatient under the 2019 rule set: detox, treatment, evaluations, closure.
TSB_2019 = [
    ev("referral_received", "2020-01-06"),
    ev("referral_assessed", "2020-01-10", outcome="right_granted"),
    ev("pathway_start", "2020-01-06"),
    ev("first_attendance", "2020-01-13"),
    ev("detox_completed", "2020-01-17"),
    ev("treatment_started", "2020-01-17"),
    ev("clinical_decision", "2020-01-20", outcome="CT"),
    ev("treatment_plan", "2020-01-22", together_with_patient=True),
    ev("evaluation", "2020-01-27", standardised_tool=True, user_involved=True),
    ev("evaluation", "2020-03-09"),
    ev("pathway_end", "2020-04-01", outcome="completed"),
    ev("help_needs_at_closure", "2020-04-01"),
    ev("feedback_tool_used", "2020-04-01"),
]


def test_tsb_inpatient_journey_is_valid_and_closed():
    result = run("tsb", TSB_2019, "2020-06-01", setting="inpatient")
    assert (result.errors, result.state, result.ruleset_id) == ((), "closed", "pakkeforlop-2019")


def test_tsb_inpatient_journey_meets_every_time():
    result = run("tsb", TSB_2019, "2020-06-01", setting="inpatient")
    assert statuses(result) == [
        ("referral_to_assessment", None, "met"),
        ("first_attendance_to_clinical_decision", None, "met"),
        ("detox_to_treatment", None, "met"),
        ("clinical_decision_to_first_evaluation", None, "met"),
        ("evaluation_interval", 1, "met"),
    ]


def test_tsb_journey_as_outpatient_breaches_nothing_either():
    result = run("tsb", TSB_2019, "2020-06-01", setting="outpatient")
    assert result.breached is False


# Eating disorder, serious, outpatient, 2023: slow first attendance, then extended assessment.
EATING = [
    ev("referral_received", "2023-09-04"),
    ev("pathway_start", "2023-09-04"),
    ev("referral_assessed", "2023-09-06", outcome="right_granted"),
    ev("patient_delay", "2023-09-07", postponed_from="2023-09-08", postponed_to="2023-09-20"),
    ev("first_attendance", "2023-09-20"),
    ev("clinical_decision", "2023-10-25", outcome="CU"),
    ev("clinical_decision", "2023-12-01", outcome="CP"),
]


def test_eating_disorder_journey_is_valid():
    result = run("spiseforstyrrelser", EATING, "2023-12-05", severity="serious")
    assert (result.errors, result.state) == ((), "treatment")


def test_eating_disorder_late_first_attendance_is_the_patients():
    found = clock(run("spiseforstyrrelser", EATING, "2023-12-05", severity="serious"),
                  "referral_to_first_attendance")
    assert (found.due, found.status, found.patient_caused) == (D("2023-09-11"), "breached", True)


def test_eating_disorder_extended_assessment_does_not_breach_the_decision_clock():
    found = clock(run("spiseforstyrrelser", EATING, "2023-12-05", severity="serious"),
                  "first_attendance_to_clinical_decision")
    assert (found.done, found.status) == (D("2023-10-25"), "met")


def test_eating_disorder_evaluation_is_due_four_weeks_after_the_treatment_decision():
    found = clock(run("spiseforstyrrelser", EATING, "2023-12-05", severity="serious"),
                  "clinical_decision_to_first_evaluation")
    assert (found.start, found.due, found.status) == (D("2023-12-01"), D("2023-12-29"), "open")


def test_eating_disorder_next_due_is_the_first_evaluation():
    assert run("spiseforstyrrelser", EATING, "2023-12-05", severity="serious").next_due == D(
        "2023-12-29")


# Psychosis under the revised rule set: start is the granted assessment.
PSYCHOSIS = [
    ev("referral_received", "2025-03-03"),
    ev("referral_assessed", "2025-03-05", outcome="right_granted"),
    ev("pathway_start", "2025-03-05"),
    ev("first_attendance", "2025-03-12"),
]


def test_psychosis_first_consultation_is_measured_from_the_referral():
    found = clock(run("psykose", PSYCHOSIS, "2025-03-20"), "referral_to_first_attendance")
    assert (found.start, found.due, found.status) == (D("2025-03-03"), D("2025-03-10"), "breached")


def test_psychosis_breach_is_the_services():
    result = run("psykose", PSYCHOSIS, "2025-03-20")
    assert (result.service_caused_breach, result.patient_caused_breach) == (True, False)


def test_psychosis_revised_values_are_unconfirmed():
    found = clock(run("psykose", PSYCHOSIS, "2025-03-20"), "referral_to_first_attendance")
    assert (found.ruleset, found.confirmed) == ("npf-revised", False)


# OCD: the instance starts when the OCD team receives the internal referral.
OCD = [
    ev("referral_received", "2024-01-08"),
    ev("pathway_start", "2024-01-08"),
    ev("first_attendance", "2024-02-19"),
]


def test_ocd_team_first_attendance_on_day_42_is_met():
    found = clock(run("ocd", OCD, "2024-02-20"), "ocd_team_referral_to_first_attendance")
    assert (found.due, found.status) == (D("2024-02-19"), "met")


def test_ocd_decision_is_due_eight_weeks_after_first_attendance():
    found = clock(run("ocd", OCD, "2024-02-20"), "first_attendance_to_clinical_decision")
    assert (found.due, found.status) == (D("2024-04-15"), "open")


# Pregnant women: detox to treatment the same day, or it is breached.
PREGNANT = [
    ev("referral_received", "2024-05-06"),
    ev("pathway_start", "2024-05-06"),
    ev("first_attendance", "2024-05-07"),
    ev("detox_completed", "2024-05-10"),
    ev("treatment_started", "2024-05-13"),
]


def test_pregnant_treatment_after_a_weekend_gap_is_breached():
    found = clock(run("gravide", PREGNANT, "2024-05-14"), "detox_to_treatment")
    assert (found.days, found.due, found.status) == (0, D("2024-05-10"), "breached")


def test_pregnant_decision_deadline_is_one_week():
    found = clock(run("gravide", PREGNANT, "2024-05-14"), "first_attendance_to_clinical_decision")
    assert (found.due, found.status) == (D("2024-05-14"), "open")


# Adults: only the legal clock has a limit until a local norm is set.

ADULT = [ev("referral_received", "2024-05-06"), ev("pathway_start", "2024-05-06"),
         ev("referral_assessed", "2024-05-13", outcome="right_granted"),
         ev("first_attendance", "2024-06-20")]


def test_adult_pathway_shows_clocks_without_limits():
    result = run("voksne", ADULT, "2024-09-01")
    assert [(c.clock, c.basis) for c in result.clocks] == [
        ("referral_to_assessment", "national"),
        ("first_attendance_to_clinical_decision", "none"),
    ]


def test_adult_pathway_is_never_breached_without_a_norm():
    assert run("voksne", ADULT, "2024-09-01").breached is False


def test_mixed_breaches_raise_both_flags():
    events = [*OCD, ev("patient_delay", "2024-02-26", postponed_from="2024-02-27",
                       postponed_to="2024-03-20")]
    late = [ev("referral_received", "2024-01-08"), ev("pathway_start", "2024-01-08"),
            ev("first_attendance", "2024-02-21"), *events[3:]]
    result = run("ocd", late, "2024-05-01")
    assert (result.patient_caused_breach, result.service_caused_breach) == (True, True)
