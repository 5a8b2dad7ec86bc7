"""Change of setting within one pathway (ADR 12): the clocks on each side of a change.

A clock takes the limit of the setting in force on its start date; a change while it
runs brings the due date forward when the new setting's limit, counted from the
change, ends earlier, and never moves it later.
"""

import json
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from forlop.kernel.care_setting import Change, SettingPeriods
from forlop.kernel.cli import evaluate_main
from tests.kernel.kernel_helpers import D, clock, ev, run, started

DECISION = "first_attendance_to_clinical_decision"
INTERVAL = "evaluation_interval"


def admitted(day):
    return ev("setting_change", day, setting="inpatient")


def discharged(day):
    return ev("setting_change", day, setting="outpatient")


def tsb_assessment(*more, setting="outpatient", today="2024-06-03"):
    """TSB started 1.3.2024, first attendance 4.3.: decision due 25.3. (21) or 11.3. (7)."""
    events = started("2024-03-01", ev("first_attendance", "2024-03-04"), *more)
    return run("tsb", events, today, setting=setting)


def tsb_treatment(*more, setting="outpatient", today="2024-06-03"):
    """TSB in treatment: decision CT 10.1.2024, first evaluation 15.1.; the interval after
    it is due 11.3. (56 days outpatient) or 26.2. (42 days inpatient)."""
    events = started("2024-01-02", ev("first_attendance", "2024-01-03"),
                     ev("clinical_decision", "2024-01-10", outcome="CT"),
                     ev("evaluation", "2024-01-15"), *more)
    return run("tsb", events, today, setting=setting)


def eating_disorder(*more, setting="outpatient", today="2024-06-03"):
    """Eating disorders started 1.3.2024, first attendance 4.3.: decision due 15.4. (42)
    or 18.3. (14)."""
    events = started("2024-03-01", ev("first_attendance", "2024-03-04"), *more)
    return run("spiseforstyrrelser", events, today, setting=setting, severity="serious")


# -- TSB, first attendance -> clinical decision (21 outpatient / 7 inpatient) ----------

def test_tsb_outpatient_decision_without_a_change_is_due_after_21_days():
    assert clock(tsb_assessment(), DECISION).due == D("2024-03-25")


def test_tsb_admission_during_assessment_brings_the_decision_forward_to_7_days_from_it():
    found = clock(tsb_assessment(admitted("2024-03-06")), DECISION)
    assert (found.due, found.days, found.setting, found.counted_from) == (
        D("2024-03-13"), 7, "inpatient", D("2024-03-06"))


def test_tsb_late_admission_keeps_the_outpatient_due_date():
    found = clock(tsb_assessment(admitted("2024-03-20")), DECISION)
    assert (found.due, found.setting, found.counted_from) == (D("2024-03-25"), "outpatient", None)


def test_tsb_discharge_during_inpatient_assessment_does_not_move_the_due_date_later():
    found = clock(tsb_assessment(discharged("2024-03-06"), setting="inpatient"), DECISION)
    assert (found.due, found.setting) == (D("2024-03-11"), "inpatient")


def test_tsb_decision_after_the_inpatient_due_date_stays_a_breach_after_discharge():
    found = clock(tsb_assessment(discharged("2024-03-08"),
                                 ev("clinical_decision", "2024-03-20", outcome="CT"),
                                 setting="inpatient"), DECISION)
    assert found.status == "breached"


def test_tsb_admission_on_the_first_attendance_day_is_the_clock_s_own_setting():
    found = clock(tsb_assessment(admitted("2024-03-04")), DECISION)
    assert (found.due, found.setting, found.counted_from) == (D("2024-03-11"), "inpatient", None)


def test_tsb_admission_before_the_first_attendance_gives_the_inpatient_limit():
    found = clock(tsb_assessment(admitted("2024-03-02")), DECISION)
    assert (found.due, found.days) == (D("2024-03-11"), 7)


def test_tsb_admission_after_the_decision_leaves_the_met_clock_alone():
    found = clock(tsb_assessment(ev("clinical_decision", "2024-03-15", outcome="CT"),
                                 admitted("2024-03-16")), DECISION)
    assert (found.due, found.status) == (D("2024-03-25"), "met")


def test_tsb_admission_after_the_due_date_does_not_rescue_a_breach():
    found = clock(tsb_assessment(admitted("2024-03-28"), today="2024-04-10"), DECISION)
    assert (found.due, found.status) == (D("2024-03-25"), "breached")


def test_tsb_admission_makes_an_open_decision_clock_overdue():
    found = clock(tsb_assessment(admitted("2024-03-06"), today="2024-03-14"), DECISION)
    assert found.status == "breached"


# -- TSB, between evaluations (56 outpatient / 42 inpatient) -----------------------------

def test_tsb_outpatient_interval_without_a_change_is_56_days():
    assert clock(tsb_treatment(), INTERVAL, 1).due == D("2024-03-11")


def test_tsb_admission_early_in_an_interval_brings_it_forward_to_42_days_from_admission():
    found = clock(tsb_treatment(admitted("2024-01-25")), INTERVAL, 1)
    assert (found.due, found.days, found.setting) == (D("2024-03-07"), 42, "inpatient")


def test_tsb_admission_late_in_an_interval_keeps_its_outpatient_due_date():
    found = clock(tsb_treatment(admitted("2024-02-20")), INTERVAL, 1)
    assert (found.due, found.setting) == (D("2024-03-11"), "outpatient")


def test_tsb_admission_turns_an_evaluation_within_56_days_into_a_late_one():
    found = clock(tsb_treatment(admitted("2024-01-20"), ev("evaluation", "2024-03-05")),
                  INTERVAL, 1)
    assert (found.due, found.status) == (D("2024-03-02"), "breached")


def test_tsb_inpatient_interval_keeps_its_42_days_after_discharge():
    found = clock(tsb_treatment(discharged("2024-01-20"), setting="inpatient"), INTERVAL, 1)
    assert (found.due, found.setting) == (D("2024-02-26"), "inpatient")


def test_tsb_interval_after_an_evaluation_in_outpatient_care_is_56_days_again():
    found = clock(tsb_treatment(discharged("2024-01-20"), ev("evaluation", "2024-02-20"),
                                setting="inpatient"), INTERVAL, 2)
    assert (found.due, found.days, found.setting) == (D("2024-04-16"), 56, "outpatient")


# -- Eating disorders (decision 42/14, between evaluations 42/14) -------------------------

def test_eating_disorder_admission_brings_the_decision_forward_to_14_days():
    found = clock(eating_disorder(admitted("2024-03-10")), DECISION)
    assert (found.due, found.days) == (D("2024-03-24"), 14)


def test_eating_disorder_outpatient_decision_without_a_change_is_42_days():
    assert clock(eating_disorder(), DECISION).due == D("2024-04-15")


def test_eating_disorder_discharge_keeps_the_inpatient_14_days():
    found = clock(eating_disorder(discharged("2024-03-06"), setting="inpatient"), DECISION)
    assert found.due == D("2024-03-18")


def test_eating_disorder_evaluations_after_discharge_follow_the_outpatient_42_days():
    found = clock(eating_disorder(ev("clinical_decision", "2024-03-14", outcome="CP"),
                                  ev("evaluation", "2024-03-20"), discharged("2024-03-25"),
                                  ev("evaluation", "2024-04-02"), setting="inpatient"),
                  INTERVAL, 2)
    assert (found.due, found.days) == (D("2024-05-14"), 42)


def test_eating_disorder_inpatient_interval_crossing_discharge_stays_14_days():
    found = clock(eating_disorder(ev("clinical_decision", "2024-03-14", outcome="CP"),
                                  ev("evaluation", "2024-03-20"), discharged("2024-03-25"),
                                  setting="inpatient"), INTERVAL, 1)
    assert (found.due, found.days) == (D("2024-04-03"), 14)


# -- No limit on one side, the result's setting, the command line -----------------------

def test_a_change_to_a_setting_with_a_limit_gives_a_clock_without_one_a_due_date():
    events = started("2024-03-01", ev("first_attendance", "2024-03-04"), discharged("2024-03-10"))
    found = clock(run("barn_unge", events, "2024-06-03", setting="inpatient"), DECISION)
    assert (found.due, found.counted_from) == (D("2024-04-21"), D("2024-03-10"))


def test_the_result_names_the_setting_in_force_now():
    assert tsb_assessment(admitted("2024-03-06"), discharged("2024-03-20")).setting == "outpatient"


def test_without_changes_the_setting_in_force_is_the_pathway_s_own():
    assert tsb_assessment(setting="inpatient").setting == "inpatient"


def test_a_change_after_the_end_is_not_in_force():
    result = tsb_assessment(ev("pathway_end", "2024-03-10", outcome="completed"),
                            admitted("2024-03-11"))
    assert result.setting == "outpatient"


def test_forlop_evaluate_reads_a_setting_change(capsys):
    import io

    case = {"pathway": {"type": "tsb", "setting": "outpatient", "severity": None},
            "events": [*started("2024-03-01", ev("first_attendance", "2024-03-04")),
                       admitted("2024-03-06")],
            "today": "2024-03-08"}
    out = io.StringIO()
    evaluate_main(["-"], io.StringIO(json.dumps(case)), out, io.StringIO())
    data = json.loads(out.getvalue())
    found = next(c for c in data["clocks"] if c["clock"] == DECISION)
    assert (data["setting"], found["due"], found["counted_from"]) == (
        "inpatient", "2024-03-13", "2024-03-06")


# -- Properties over generated histories ----------------------------------------------------

LIMITS = {"outpatient": 21, "inpatient": 7}  # TSB first attendance -> decision
_OTHER = {"outpatient": "inpatient", "inpatient": "outpatient"}


def _history(start_setting, gaps):
    """Alternating real changes after 1.3.2024, ``gaps`` days apart (the first counted
    from the start), with the first attendance on 4.3."""
    events, day, setting = [], D("2024-03-01"), start_setting
    for gap in gaps:
        day, setting = day + timedelta(days=gap), _OTHER[setting]
        events.append(ev("setting_change", day, setting=setting))
    return started("2024-03-01", ev("first_attendance", "2024-03-04"), *events)


def _setting_on(start_setting, events, day):
    changes = tuple(Change(D(e["date"]), e["setting"]) for e in events
                    if e["event"] == "setting_change")
    return SettingPeriods(start_setting, changes).on(day)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["outpatient", "inpatient"]), st.lists(st.integers(1, 12), max_size=5))
def test_a_change_never_moves_the_decision_due_date_later(start_setting, gaps):
    events = _history(start_setting, gaps)
    result = run("tsb", events, "2024-06-03", setting=start_setting)
    found = clock(result, DECISION)
    limit = LIMITS[_setting_on(start_setting, events, found.start)]
    assert (result.errors, found.due <= found.start + timedelta(days=limit)) == ((), True)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["outpatient", "inpatient"]), st.integers(0, 30))
def test_a_change_after_the_decision_leaves_its_clock_alone(start_setting, after):
    base = started("2024-03-01", ev("first_attendance", "2024-03-04"),
                   ev("clinical_decision", "2024-03-09", outcome="CT"))
    changed = [*base, ev("setting_change", D("2024-03-09") + timedelta(days=after),
                         setting=_OTHER[start_setting])]
    assert clock(run("tsb", changed, "2024-06-03", setting=start_setting), DECISION) == clock(
        run("tsb", base, "2024-06-03", setting=start_setting), DECISION)
