"""Eating disorders: the referral clock depends on severity."""

import pytest

from tests.kernel.kernel_helpers import D, clock, codes, ev, run

EVENTS = [ev("referral_received", "2024-03-04"), ev("pathway_start", "2024-03-04")]
NAME = "referral_to_first_attendance"


@pytest.mark.parametrize(("severity", "due"), [("serious", "2024-03-11"),
                                                ("less_serious", "2024-04-01")])
def test_due_date_follows_severity(severity, due):
    result = run("spiseforstyrrelser", EVENTS, "2024-03-05", severity=severity)
    assert clock(result, NAME).due == D(due)


def test_missing_severity_is_an_error():
    assert codes(run("spiseforstyrrelser", EVENTS, "2024-03-05")) == ["severity_required"]


def test_missing_severity_shows_the_strictest_limit():
    found = clock(run("spiseforstyrrelser", EVENTS, "2024-03-05"), NAME)
    assert (found.days, found.assumed_severity) == (7, "serious")


def test_known_severity_assumes_nothing():
    found = clock(run("spiseforstyrrelser", EVENTS, "2024-03-05", severity="serious"), NAME)
    assert found.assumed_severity is None


def test_severity_does_not_matter_for_other_pathways():
    assert run("psykose", EVENTS, "2024-03-05", severity="serious").errors == ()


def test_unknown_severity_still_gives_clocks():
    result = run("tsb", EVENTS, "2024-03-05", severity="mild")
    assert [c.clock for c in result.clocks] == ["referral_to_assessment"]


def test_unknown_eating_disorder_severity_is_treated_as_missing():
    found = clock(run("spiseforstyrrelser", EVENTS, "2024-03-05", severity="mild"), NAME)
    assert found.assumed_severity == "serious"
