"""The status table of a single clock, judged directly (clocks.judge)."""

import pytest

from forlop.kernel.clocks import Rule, judge
from forlop.kernel.windows import Window
from tests.kernel.kernel_helpers import D

SEVEN_DAYS = Rule(7, "calendar_days", "national", True, "source")
NO_LIMIT = Rule(None, "calendar_days", "none", False, None)
WORKING = Rule(10, "working_days", "national", False, "law")
START = D("2024-03-04")  # due 2024-03-11 with seven calendar days


def status(done, today, end=None, rule=SEVEN_DAYS, trailing=False):
    window = Window("detox_to_treatment", START, done and D(done), None, trailing)
    found = judge(window, rule, D(today), end and D(end), [], "npf-2023")
    return found and found.status


@pytest.mark.parametrize(
    ("done", "today", "end", "expected"),
    [
        ("2024-03-04", "2024-03-04", None, "met"),          # same day
        ("2024-03-11", "2024-04-01", None, "met"),          # exactly on due
        ("2024-03-12", "2024-04-01", None, "breached"),     # one day late
        (None, "2024-03-04", None, "open"),
        (None, "2024-03-11", None, "open"),                 # due today
        (None, "2024-03-12", None, "breached"),             # overdue, still running
        (None, "2024-06-01", "2024-03-08", "closed"),       # ended before due
        (None, "2024-06-01", "2024-03-11", "closed"),       # ended on the due date
        (None, "2024-06-01", "2024-03-12", "breached"),     # ended after due
        (None, "2024-03-09", "2024-03-30", "open"),         # end in the future: still open
        ("2024-03-08", "2024-06-01", "2024-04-01", "met"),  # done before the end
    ],
)
def test_status_table(done, today, end, expected):
    assert status(done, today, end) == expected


@pytest.mark.parametrize(
    ("done", "today", "end", "expected"),
    [
        ("2025-01-01", "2025-01-02", None, "met"),
        (None, "2030-01-01", None, "open"),
        (None, "2030-01-01", "2024-04-01", "closed"),
    ],
)
def test_status_without_a_limit(done, today, end, expected):
    assert status(done, today, end, rule=NO_LIMIT) == expected


def test_trailing_interval_closed_at_the_end_is_dropped():
    assert status(None, "2024-06-01", "2024-03-08", trailing=True) is None


def test_trailing_interval_overdue_at_the_end_is_kept():
    assert status(None, "2024-06-01", "2024-03-20", trailing=True) == "breached"


def test_working_day_rule_gives_a_working_day_due_date():
    window = Window("referral_to_assessment", D("2024-03-20"), None)
    found = judge(window, WORKING, D("2024-03-21"), None, [], "npf-2023")
    assert found.due == D("2024-04-08")


def test_judged_clock_carries_the_rule():
    window = Window("detox_to_treatment", START, None)
    found = judge(window, SEVEN_DAYS, START, None, [], "npf-2023")
    assert (found.days, found.unit, found.basis, found.confirmed, found.source, found.ruleset) == (
        7, "calendar_days", "national", True, "source", "npf-2023")


@pytest.mark.parametrize(
    ("delay", "expected"),
    [("2024-03-03", False), ("2024-03-04", True), ("2024-03-12", True), ("2024-03-13", False)],
)
def test_patient_delay_window_includes_both_ends(delay, expected):
    window = Window("detox_to_treatment", START, D("2024-03-12"))
    found = judge(window, SEVEN_DAYS, D("2024-04-01"), None, [D(delay)], "npf-2023")
    assert found.patient_caused is expected


def test_patient_delay_window_of_a_running_clock_ends_today():
    window = Window("detox_to_treatment", START, None)
    found = judge(window, SEVEN_DAYS, D("2024-03-20"), None, [D("2024-03-19")], "npf-2023")
    assert found.patient_caused is True


def test_patient_delay_window_of_a_closed_pathway_ends_at_the_end():
    window = Window("detox_to_treatment", START, None)
    found = judge(window, SEVEN_DAYS, D("2024-06-01"), D("2024-03-20"), [D("2024-03-25")],
                  "npf-2023")
    assert (found.status, found.patient_caused) == ("breached", False)
