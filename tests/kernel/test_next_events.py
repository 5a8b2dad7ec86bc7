"""next_events: the offer is what evaluate accepts today, derived by trial."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from forlop.kernel import evaluate
from forlop.kernel import vocabulary as v
from forlop.kernel.next_events import (
    OWN_FLOW_EVENTS,
    candidate_events,
    next_events,
    offered_outcomes,
    trial_event,
)
from tests.kernel.kernel_helpers import ev, started

TODAY = date(2024, 6, 3)
TSB = {"type": "tsb", "setting": "outpatient"}


def offer(events, spec=TSB, today=TODAY):
    return offered_outcomes(next_events(spec, events, today))


def test_own_flow_events_are_never_offered():
    assert OWN_FLOW_EVENTS & set(offer(started("2024-05-01"))) == set()


def test_first_attendance_is_offered_on_a_started_pathway():
    assert offer(started("2024-05-01"))["first_attendance"] == ()


def test_all_clinical_decisions_of_the_ruleset_are_offered_first():
    assert offer(started("2024-05-01"))["clinical_decision"] == v.CLINICAL_DECISIONS


def test_a_second_decision_is_not_offered_after_cp():
    events = started("2024-05-01", ev("clinical_decision", "2024-05-10", outcome="CP"))
    assert "clinical_decision" not in offer(events)


def test_a_second_decision_is_offered_after_cu():
    events = started("2024-05-01", ev("clinical_decision", "2024-05-10", outcome="CU"))
    assert "clinical_decision" in offer(events)


def test_closure_outcomes_follow_the_ruleset():
    # pakkeforlop-2019 has no "transferred to contracted specialist" (added 2023).
    outcomes = offer(started("2019-06-03"), today=date(2019, 9, 2))["pathway_end"]
    assert "transferred_contracted_specialist" not in outcomes


def test_nothing_is_offered_after_the_end():
    events = started("2024-05-01", ev("pathway_end", "2024-05-20", outcome="completed"))
    assert offer(events) == {}


def test_patient_delay_is_tried_with_a_satisfiable_postponement():
    assert "patient_delay" in offer(started("2024-05-01"))


def test_referral_assessment_offers_both_outcomes_before_the_start():
    events = [ev("referral_received", "2024-05-28")]
    assert offer(events)["referral_assessed"] == v.REFERRAL_OUTCOMES


# Histories: valid or not, in any order; the offer must agree with evaluate either way.
KEYS = st.sampled_from([k for k in v.EVENT_KEYS if k not in {"transfer_out", "transfer_in"}])
OUTCOMES = st.sampled_from([None, "CU", "CP", "CK", "completed", "right_granted"])


@st.composite
def histories(draw):
    start = draw(st.dates(min_value=date(2020, 1, 1), max_value=date(2025, 6, 1)))
    events = [ev("referral_received", start), ev("pathway_start", start)]
    for _ in range(draw(st.integers(min_value=0, max_value=5))):
        day = start + timedelta(days=draw(st.integers(min_value=-3, max_value=60)))
        key, outcome = draw(KEYS), draw(OUTCOMES)
        extra = {"outcome": outcome} if outcome else {}
        if key == "patient_delay":
            extra |= {"postponed_from": day.isoformat(),
                      "postponed_to": (day + timedelta(days=14)).isoformat()}
        events.append(ev(key, day, **extra))
    today = start + timedelta(days=draw(st.integers(min_value=0, max_value=120)))
    spec = {"type": draw(st.sampled_from(["tsb", "ocd", "gravide", "voksne"])),
            "setting": draw(st.sampled_from(v.SETTINGS))}
    return spec, events, today


def _accepted(spec, events, today, key, outcome):
    return not evaluate(spec, [*events, trial_event(key, today, outcome)], today).errors


@settings(max_examples=60, deadline=None)
@given(histories())
def test_an_offered_event_dated_today_is_accepted(case):
    spec, events, today = case
    tried = [(item.event, outcome) for item in next_events(spec, events, today)
             for outcome in (item.outcomes or (None,))]
    assert all(_accepted(spec, events, today, key, outcome) for key, outcome in tried)


@settings(max_examples=60, deadline=None)
@given(histories())
def test_an_event_not_offered_is_refused_with_every_outcome(case):
    spec, events, today = case
    offered = offer(events, spec, today)
    refused = [(key, outcome) for key in candidate_events()
               for outcome in (None, *v.REFERRAL_OUTCOMES, *v.CLINICAL_DECISIONS,
                               *v.CLOSURE_OUTCOMES)
               if outcome not in offered.get(key, ()) and not (key in offered and
                                                                outcome is None)]
    assert not any(_accepted(spec, events, today, key, outcome) for key, outcome in refused)
