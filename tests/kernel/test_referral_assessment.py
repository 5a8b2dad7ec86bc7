"""The legal clock: a referral is assessed within 10 Norwegian working days."""

import pytest

from forlop.kernel import vocabulary as v
from tests.kernel.kernel_helpers import D, clock, ev, run

NAME = "referral_to_assessment"


def assessment(received: str, assessed: str | None, today: str, pathway: str = "tsb"):
    events = [ev("referral_received", received)]
    events += [ev("referral_assessed", assessed, outcome="right_granted")] if assessed else []
    return clock(run(pathway, events, today), NAME)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        ("2024-03-20", "2024-04-08"),  # Easter 2024: 28 Mar, 29 Mar and 1 Apr are holidays
        ("2024-05-08", "2024-05-27"),  # Ascension 9 May, 17 May, Whit Monday 20 May
        ("2024-12-18", "2025-01-06"),  # Christmas and New Year
        ("2024-03-01", "2024-03-15"),  # an ordinary fortnight
    ],
)
def test_due_after_ten_working_days(received, due):
    assert assessment(received, None, received).due == D(due)


@pytest.mark.parametrize(
    ("received", "assessed"),
    [("2024-03-20", "2024-04-08"), ("2024-05-08", "2024-05-27")],
)
def test_met_when_assessed_on_the_tenth_working_day(received, assessed):
    assert assessment(received, assessed, "2024-06-30").status == "met"


@pytest.mark.parametrize(
    ("received", "assessed"),
    [("2024-03-20", "2024-04-09"), ("2024-05-08", "2024-05-28")],
)
def test_breached_when_assessed_the_next_working_day(received, assessed):
    assert assessment(received, assessed, "2024-06-30").status == "breached"


def test_open_while_unassessed_until_the_due_date():
    assert assessment("2024-03-20", None, "2024-04-08").status == "open"


def test_breached_when_still_unassessed_after_the_due_date():
    assert assessment("2024-03-20", None, "2024-04-09").status == "breached"


def test_counts_working_days():
    found = assessment("2024-03-20", None, "2024-03-21")
    assert (found.days, found.unit) == (10, "working_days")


def test_statutory_limit_is_marked_unconfirmed():
    assert assessment("2024-03-20", None, "2024-03-21").confirmed is False


@pytest.mark.parametrize("pathway", [k for k in v.PATHWAY_KEYS if k != "ocd"])
def test_applies_to_every_pathway_type_but_ocd(pathway):
    assert assessment("2024-03-20", "2024-03-22", "2024-03-25", pathway).status == "met"


# ADR 0010: the OCD instance's referral is the OCD team's internal referral or
# transfer, made after the local clinic assessed the patient's right to care.
@pytest.mark.parametrize("today", ["2021-03-25", "2024-12-02", "2025-06-02"])  # each rule set
def test_ocd_team_referral_starts_no_assessment_clock(today):
    received = today[:8] + "01"
    events = [ev("referral_received", received), ev("pathway_start", received)]
    names = [c.clock for c in run("ocd", events, today).clocks]
    assert names == ["ocd_team_referral_to_first_attendance"]


def test_ocd_team_clock_still_runs_from_the_internal_referral():
    events = [ev("referral_received", "2025-06-02"), ev("pathway_start", "2025-06-02")]
    found = clock(run("ocd", events, "2025-06-03"), "ocd_team_referral_to_first_attendance")
    assert (found.start, found.due) == (D("2025-06-02"), D("2025-07-14"))


def test_first_attendance_proves_the_referral_was_assessed():
    events = [ev("referral_received", "2024-03-01"), ev("pathway_start", "2024-03-01"),
              ev("first_attendance", "2024-03-11")]
    found = clock(run("tsb", events, "2024-04-02"), NAME)
    assert (found.done, found.status) == (D("2024-03-11"), "met")


def test_start_proves_assessment_when_the_rule_set_starts_at_assessment():
    events = [ev("referral_received", "2025-03-03"), ev("pathway_start", "2025-03-07")]
    found = clock(run("tsb", events, "2025-04-01"), NAME)
    assert (found.done, found.status) == (D("2025-03-07"), "met")


def test_start_on_receipt_does_not_prove_assessment():
    events = [ev("referral_received", "2024-03-01"), ev("pathway_start", "2024-03-01")]
    found = clock(run("tsb", events, "2024-03-05"), NAME)
    assert (found.done, found.status) == (None, "open")


def test_no_clock_without_a_referral():
    result = run("tsb", [ev("pathway_start", "2024-03-01")], "2024-03-05")
    assert [c.clock for c in result.clocks if c.clock == NAME] == []
