"""The pathway state, derived from its events."""

import pytest

from tests.kernel.kernel_helpers import ev, run

RECEIVED = ev("referral_received", "2025-02-03")
ASSESSED = ev("referral_assessed", "2025-02-07", outcome="right_granted")
START = ev("pathway_start", "2025-02-07")
ATTENDED = ev("first_attendance", "2025-02-12")
CU = ev("clinical_decision", "2025-02-20", outcome="CU")
CP = ev("clinical_decision", "2025-03-10", outcome="CP")
END = ev("pathway_end", "2025-04-01", outcome="completed")

STATES = {
    "referred": [RECEIVED],
    "assessed": [RECEIVED, ASSESSED],
    "started": [RECEIVED, ASSESSED, START],
    "assessing": [RECEIVED, ASSESSED, START, ATTENDED],
    "extended_assessment": [RECEIVED, ASSESSED, START, ATTENDED, CU],
    "treatment": [RECEIVED, ASSESSED, START, ATTENDED, CU, CP],
    "closed": [RECEIVED, ASSESSED, START, ATTENDED, CU, CP, END],
}


@pytest.mark.parametrize(("expected", "events"), STATES.items(), ids=STATES.keys())
def test_state_follows_the_furthest_event(expected, events):
    assert run("voksne", events, "2025-04-02").state == expected


def test_direct_treatment_decision_means_treatment():
    events = [RECEIVED, ASSESSED, START, ATTENDED, ev("clinical_decision", "2025-02-20",
                                                      outcome="CT")]
    assert run("voksne", events, "2025-04-02").state == "treatment"


def test_ending_before_attendance_closes():
    end = ev("pathway_end", "2025-02-10", outcome="patient_withdrew")
    events = [RECEIVED, ASSESSED, START, end]
    assert run("voksne", events, "2025-04-02").state == "closed"


def test_refused_decision_after_treatment_does_not_change_state():
    events = [RECEIVED, ASSESSED, START, ATTENDED, CP, ev("clinical_decision", "2025-03-20",
                                                          outcome="CU")]
    assert run("voksne", events, "2025-04-02").state == "treatment"


def test_state_is_derived_even_without_a_pathway_type():
    assert run("kreft", [RECEIVED, ASSESSED], "2025-04-02").state == "assessed"
