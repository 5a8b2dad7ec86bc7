"""The five indicators of DESIGN.md §3 on hand-built pathways with known answers."""

from datetime import date

import pytest

from forlop.kernel.indicators import (
    INDICATORS,
    READINGS,
    compute,
    member_of,
    month_key,
    parse_period,
    suppressed,
    tertial_key,
)

from .kernel_helpers import ev

TODAY = "2024-12-31"
DECISION = "clinical_decision_within_time"
EVALUATION = "first_evaluation_within_time"
PLAN = "treatment_plan_with_patient"
ATTENDANCE = "referral_to_first_attendance_within_time"
ASSESSMENT = "referrals_not_assessed_within_10_working_days"


def opened(day="2024-03-01"):
    return [ev("referral_received", day), ev("referral_assessed", day, outcome="right_granted"),
            ev("pathway_start", day)]


def tsb_decided(decided, outcome="CP", attended="2024-03-11", *more):
    """TSB outpatient: first attendance 11.3., limit 21 days, due 1.4.2024."""
    return [*opened(), ev("first_attendance", attended),
            ev("clinical_decision", decided, outcome=outcome), *more]


def member(events, *, id="p1", unit="U1", type="tsb", setting="outpatient", severity=None):
    spec = {"type": type, "setting": setting, "severity": severity}
    found, evaluation = member_of(id, unit, spec, events, TODAY)
    assert evaluation.errors == ()
    return found


def figure(members, period, key):
    return compute(members, period)["indicators"][key]


def test_the_due_day_itself_is_within_time():
    result = figure([member(tsb_decided("2024-04-01"))], "2024-T1", DECISION)
    assert (result["numerator"], result["denominator"]) == (1, 1)


def test_one_day_late_is_a_service_caused_breach():
    result = figure([member(tsb_decided("2024-04-02"))], "2024-T1", DECISION)
    assert (result["numerator"], result["denominator"]) == (0, 1)
    assert result["breaches"] == {"service_caused": 1, "patient_caused": 0}


def test_patient_delay_keeps_the_pathway_and_makes_a_late_decision_patient_caused():
    delay = ev("patient_delay", "2024-03-20", postponed_from="2024-03-20",
               postponed_to="2024-04-10")
    events = [*opened(), ev("first_attendance", "2024-03-11"), delay,
              ev("clinical_decision", "2024-04-12", outcome="CP")]
    result = figure([member(events)], "2024-T1", DECISION)
    assert (result["numerator"], result["denominator"]) == (0, 1)
    assert result["breaches"] == {"service_caused": 0, "patient_caused": 1}


def test_a_decision_with_no_first_attendance_before_it_is_excluded():
    # Direct right to treatment with a clarified condition: decided, then attended.
    events = [*opened(), ev("clinical_decision", "2024-03-05", outcome="CP"),
              ev("first_attendance", "2024-03-11")]
    result = figure([member(events)], "2024-T1", DECISION)
    assert result["denominator"] == 0


def test_a_first_decision_before_the_first_attendance_excludes_the_later_one_too():
    # The first decision (CU) came before any attendance; the CP after it is a second.
    events = [*opened(), ev("clinical_decision", "2024-03-05", outcome="CU"),
              ev("first_attendance", "2024-03-11"),
              ev("clinical_decision", "2024-03-20", outcome="CP")]
    assert figure([member(events)], "2024-T1", DECISION)["denominator"] == 0


def test_a_decision_in_the_next_tertial_counts_there_and_not_before():
    events = tsb_decided("2024-05-02", attended="2024-04-20")
    before = figure([member(events)], "2024-T1", DECISION)
    after = figure([member(events)], "2024-T2", DECISION)
    assert (before["denominator"], after["denominator"], after["numerator"]) == (0, 1, 1)


def test_cu_then_cp_is_judged_on_the_first_decision():
    events = [*tsb_decided("2024-03-20", "CU"),
              ev("clinical_decision", "2024-05-20", outcome="CP")]
    decision = figure([member(events)], "2024-T1", DECISION)
    plan_t1 = figure([member(events)], "2024-T1", PLAN)
    plan_t2 = figure([member(events)], "2024-T2", PLAN)
    assert (decision["numerator"], decision["denominator"]) == (1, 1)
    # The treatment plan's denominator follows the CP, not the CU.
    assert (plan_t1["denominator"], plan_t2["denominator"]) == (0, 1)


def test_first_evaluation_is_counted_for_outpatients_only():
    events = tsb_decided("2024-03-20", "CP", "2024-03-11", ev("evaluation", "2024-03-27"))
    outpatient = figure([member(events, setting="outpatient")], "2024-03", EVALUATION)
    inpatient = figure([member(events, setting="inpatient")], "2024-03", EVALUATION)
    assert (outpatient["numerator"], outpatient["denominator"]) == (1, 1)
    assert inpatient["denominator"] == 0


def test_first_evaluation_one_day_late():
    events = tsb_decided("2024-03-20", "CP", "2024-03-11", ev("evaluation", "2024-03-28"))
    result = figure([member(events)], "2024-03", EVALUATION)
    assert (result["numerator"], result["denominator"]) == (0, 1)
    assert result["breaches"]["service_caused"] == 1


def test_a_pathway_ending_with_ck_has_no_evaluation_and_no_plan_figure():
    events = tsb_decided("2024-03-20", "CK")
    members = [member(events)]
    assert figure(members, "2024-03", EVALUATION)["denominator"] == 0
    assert figure(members, "2024-03", PLAN)["denominator"] == 0


def test_two_units_side_by_side_sum_to_the_total():
    members = [member(tsb_decided("2024-04-01"), id="a", unit="U1"),
               member(tsb_decided("2024-04-02"), id="b", unit="U2"),
               member(tsb_decided("2024-03-30"), id="c", unit="U2")]
    result = figure(members, "2024-T1", DECISION)
    assert result["by_unit"] == {"U1": {"numerator": 1, "denominator": 1},
                                 "U2": {"numerator": 1, "denominator": 2}}
    assert (result["numerator"], result["denominator"]) == (2, 3)
    assert result["members"] == {"numerator": ["a", "c"], "denominator": ["a", "b", "c"]}


def test_by_type_splits_the_pathway_types():
    ed = [ev("referral_received", "2024-03-01"),
          ev("referral_assessed", "2024-03-01", outcome="right_granted"),
          ev("pathway_start", "2024-03-01"), ev("first_attendance", "2024-03-05")]
    members = [member(ed, id="e", type="spiseforstyrrelser", severity="serious"),
               member(tsb_decided("2024-03-20"), id="t")]
    result = figure(members, "2024-03", ATTENDANCE)
    assert result["by_type"] == {"spiseforstyrrelser": {"numerator": 1, "denominator": 1}}


def test_treatment_plan_counts_when_made_together_by_the_period_end():
    plan = ev("treatment_plan", "2024-04-03", together_with_patient=True)
    events = tsb_decided("2024-03-20", "CP", "2024-03-11", plan)
    march = figure([member(events)], "2024-03", PLAN)
    tertial = figure([member(events)], "2024-T1", PLAN)
    assert (march["numerator"], march["denominator"]) == (0, 1)
    assert march["breaches"] == {"service_caused": 1, "patient_caused": 0}
    assert (tertial["numerator"], tertial["denominator"]) == (1, 1)


def test_a_plan_not_made_with_the_patient_does_not_count():
    plan = ev("treatment_plan", "2024-03-22", together_with_patient=False)
    result = figure([member(tsb_decided("2024-03-20", "CP", "2024-03-11", plan))], "2024-03",
                    PLAN)
    assert (result["numerator"], result["denominator"]) == (0, 1)


def test_referral_to_first_attendance_psychosis_seven_days():
    def psychosis(attended):
        return [ev("referral_received", "2024-03-01"),
                ev("referral_assessed", "2024-03-04", outcome="right_granted"),
                ev("pathway_start", "2024-03-01"), ev("first_attendance", attended)]
    members = [member(psychosis("2024-03-08"), id="on-time", type="psykose"),
               member(psychosis("2024-03-09"), id="late", type="psykose")]
    result = figure(members, "2024-03", ATTENDANCE)
    assert result["members"]["numerator"] == ["on-time"]
    assert result["denominator"] == 2


def test_referral_assessed_after_the_tenth_working_day_is_in_the_numerator():
    # Received Friday 1.3.2024; ten working days later is Friday 15.3.
    def assessed(day):
        return [ev("referral_received", "2024-03-01"),
                ev("referral_assessed", day, outcome="right_granted"), ev("pathway_start", day)]
    members = [member(assessed("2024-03-15"), id="in-time", type="voksne"),
               member(assessed("2024-03-18"), id="late", type="voksne")]
    result = figure(members, "2024-03", ASSESSMENT)
    assert result["members"] == {"numerator": ["late"], "denominator": ["in-time", "late"]}
    assert result["breaches"]["service_caused"] == 1


def test_adult_pathways_have_no_decision_time_without_a_national_limit():
    result = figure([member(tsb_decided("2024-03-20"), type="voksne")], "2024-03", DECISION)
    assert result["denominator"] == 0


def test_every_indicator_is_in_the_output_even_when_empty():
    result = compute([], "2024-10")
    assert result["period"] == "2024-10"
    assert list(result["indicators"]) == list(INDICATORS)


@pytest.mark.parametrize(("text", "start", "end"), [
    ("2024-10", date(2024, 10, 1), date(2024, 10, 31)),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2024-T1", date(2024, 1, 1), date(2024, 4, 30)),
    ("2024-T2", date(2024, 5, 1), date(2024, 8, 31)),
    ("2024-T3", date(2024, 9, 1), date(2024, 12, 31)),
])
def test_periods(text, start, end):
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize("text", ["2024-13", "2024-T4", "2024", "T1-2024", ""])
def test_unreadable_periods_name_the_forms(text):
    with pytest.raises(ValueError, match="YYYY-T1"):
        parse_period(text)


def test_period_keys_of_a_day():
    assert (month_key(date(2024, 4, 30)), tertial_key(date(2024, 4, 30))) == ("2024-04",
                                                                              "2024-T1")
    assert tertial_key(date(2024, 5, 1)) == "2024-T2"


@pytest.mark.parametrize(("numerator", "denominator", "hidden"), [
    (0, 4, True), (0, 5, False), (1, 10, True), (4, 10, True), (5, 10, False),
])
def test_small_cells_are_suppressed(numerator, denominator, hidden):
    assert suppressed(numerator, denominator) is hidden


def test_every_reading_has_a_status_and_a_source():
    assert {r.status for r in READINGS} == {"C", "I"}
    assert all(r.source and r.rule for r in READINGS)
