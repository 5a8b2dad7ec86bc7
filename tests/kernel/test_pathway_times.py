"""Every pathway time in DESIGN.md, per pathway type and setting: met exactly on the
due date, breached one day after. Run under the 2019 and the 2023 rule sets."""

import pytest

from tests.kernel.kernel_helpers import CLOCK_SCENARIOS, clock, plus, run

# (pathway, setting, severity, clock, n, days, confirmed)
OFFICIAL_TIMES = [
    ("tsb", "outpatient", None, "first_attendance_to_clinical_decision", None, 21, True),
    ("tsb", "inpatient", None, "first_attendance_to_clinical_decision", None, 7, True),
    ("tsb", "outpatient", None, "detox_to_treatment", None, 3, True),
    ("tsb", "inpatient", None, "detox_to_treatment", None, 0, True),
    ("tsb", "outpatient", None, "clinical_decision_to_first_evaluation", None, 7, True),
    ("tsb", "inpatient", None, "clinical_decision_to_first_evaluation", None, 7, True),
    ("tsb", "outpatient", None, "evaluation_interval", 1, 56, True),
    ("tsb", "inpatient", None, "evaluation_interval", 1, 42, True),
    ("ocd", "outpatient", None, "ocd_team_referral_to_first_attendance", None, 42, True),
    ("ocd", "inpatient", None, "ocd_team_referral_to_first_attendance", None, 42, True),
    ("ocd", "outpatient", None, "first_attendance_to_clinical_decision", None, 56, True),
    ("ocd", "inpatient", None, "first_attendance_to_clinical_decision", None, 56, True),
    ("spiseforstyrrelser", "outpatient", "serious", "referral_to_first_attendance", None, 7, True),
    ("spiseforstyrrelser", "outpatient", "less_serious", "referral_to_first_attendance", None, 28,
     True),
    ("spiseforstyrrelser", "inpatient", "serious", "referral_to_first_attendance", None, 7, True),
    ("spiseforstyrrelser", "inpatient", "less_serious", "referral_to_first_attendance", None, 28,
     True),
    ("spiseforstyrrelser", "outpatient", "serious", "first_attendance_to_clinical_decision", None,
     42, True),
    ("spiseforstyrrelser", "inpatient", "serious", "first_attendance_to_clinical_decision", None,
     14, True),
    ("spiseforstyrrelser", "outpatient", "serious", "clinical_decision_to_first_evaluation", None,
     28, True),
    ("spiseforstyrrelser", "inpatient", "serious", "clinical_decision_to_first_evaluation", None,
     14, True),
    ("spiseforstyrrelser", "outpatient", "less_serious", "evaluation_interval", 1, 42, True),
    ("spiseforstyrrelser", "inpatient", "less_serious", "evaluation_interval", 1, 14, True),
    ("gravide", "outpatient", None, "first_attendance_to_clinical_decision", None, 7, True),
    ("gravide", "inpatient", None, "first_attendance_to_clinical_decision", None, 7, True),
    ("gravide", "outpatient", None, "detox_to_treatment", None, 0, True),
    ("gravide", "inpatient", None, "detox_to_treatment", None, 0, True),
    ("gravide", "outpatient", None, "clinical_decision_to_first_evaluation", None, 14, True),
    ("gravide", "inpatient", None, "clinical_decision_to_first_evaluation", None, 7, True),
    ("gravide", "outpatient", None, "evaluation_interval", 1, 42, True),
    ("gravide", "inpatient", None, "evaluation_interval", 1, 42, True),
    ("psykose", "outpatient", None, "referral_to_first_attendance", None, 7, True),
    ("psykose", "inpatient", None, "referral_to_first_attendance", None, 7, True),
    ("barn_unge", "outpatient", None, "first_attendance_to_clinical_decision", None, 42, False),
    ("barn_unge", "outpatient", None, "clinical_decision_to_first_evaluation", None, 42, False),
    ("barn_unge", "outpatient", None, "evaluation_interval", 1, 84, False),
]
IDS = [f"{p}-{s}-{sev or 'any'}-{c}" for p, s, sev, c, *_ in OFFICIAL_TIMES]
# Pathway start dates under each rule set (gravide exists from October 2019).
BASES = {"pakkeforlop-2019": "2019-11-04", "npf-2023": "2023-03-06"}


def scenario(base, row, extra_days):
    pathway, setting, severity, name, n, days, _confirmed = row
    start = plus(base, 14)
    due = plus(start, days)
    events = CLOCK_SCENARIOS[name](base, start, plus(due, extra_days))
    result = run(pathway, events, plus(due, 60), setting=setting, severity=severity)
    return result, clock(result, name, n), due


@pytest.mark.parametrize("base", BASES.values(), ids=BASES.keys())
@pytest.mark.parametrize("row", OFFICIAL_TIMES, ids=IDS)
def test_met_exactly_on_the_due_date(base, row):
    _result, found, due = scenario(base, row, 0)
    assert (found.days, found.due, found.status) == (row[5], due, "met")


@pytest.mark.parametrize("base", BASES.values(), ids=BASES.keys())
@pytest.mark.parametrize("row", OFFICIAL_TIMES, ids=IDS)
def test_breached_one_day_after_the_due_date(base, row):
    _result, found, due = scenario(base, row, 1)
    assert (found.due, found.status) == (due, "breached")


@pytest.mark.parametrize("base", BASES.values(), ids=BASES.keys())
@pytest.mark.parametrize("row", OFFICIAL_TIMES, ids=IDS)
def test_scenarios_are_valid_pathways(base, row):
    result, _found, _due = scenario(base, row, 0)
    assert result.errors == ()


@pytest.mark.parametrize("row", OFFICIAL_TIMES, ids=IDS)
def test_confirmed_flag_follows_the_source(row):
    _result, found, _due = scenario(BASES["npf-2023"], row, 0)
    assert found.confirmed is row[6]


@pytest.mark.parametrize("row", OFFICIAL_TIMES, ids=IDS)
def test_times_count_calendar_days(row):
    _result, found, _due = scenario(BASES["npf-2023"], row, 0)
    assert found.unit == "calendar_days"


@pytest.mark.parametrize("row", OFFICIAL_TIMES, ids=IDS)
def test_revised_rule_set_carries_the_times_over_unconfirmed(row):
    _result, found, _due = scenario("2025-03-03", row, 0)
    assert (found.ruleset, found.days, found.confirmed) == ("npf-revised", row[5], False)


@pytest.mark.parametrize(
    ("pathway", "setting", "name"),
    [
        ("barn_unge", "inpatient", "first_attendance_to_clinical_decision"),
        ("voksne", "outpatient", "first_attendance_to_clinical_decision"),
        ("voksne", "inpatient", "clinical_decision_to_first_evaluation"),
        ("psykose", "outpatient", "first_attendance_to_clinical_decision"),
        ("ocd", "outpatient", "clinical_decision_to_first_evaluation"),
    ],
)
def test_clocks_without_a_national_time_have_no_limit(pathway, setting, name):
    row = (pathway, setting, None, name, None, 0, False)
    _result, found, _due = scenario(BASES["npf-2023"], row, 0)
    assert (found.due, found.basis, found.no_limit, found.status) == (None, "none", True, "met")
