"""Property tests: statuses agree with dates; input order never changes a result."""

from datetime import date, timedelta

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from forlop.kernel import evaluate
from forlop.kernel.workdays import holidays_in
from tests.kernel.kernel_helpers import ev

for _year in range(2019, 2029):
    holidays_in(_year)  # warm the cache: the first build is slow and not under test

PATHWAYS = st.sampled_from(["tsb", "ocd", "psykose", "gravide", "barn_unge", "voksne"])
SETTINGS = st.sampled_from(["outpatient", "inpatient"])
gaps = st.integers(min_value=0, max_value=70)


@st.composite
def pathways(draw):
    """A valid pathway: referral, start, then optional later events in order."""
    day = draw(st.dates(min_value=date(2019, 11, 1), max_value=date(2026, 6, 1)))
    events = [ev("referral_received", day), ev("pathway_start", day)]
    for key, outcome in [("first_attendance", None), ("clinical_decision", "CP"),
                         ("evaluation", None), ("evaluation", None), ("evaluation", None)]:
        if not draw(st.booleans()):
            break
        day += timedelta(days=draw(gaps))
        events.append(ev(key, day, **({"outcome": outcome} if outcome else {})))
    if draw(st.booleans()):
        end = day + timedelta(days=draw(gaps))
        events.append(ev("patient_delay", day, postponed_from=day.isoformat(),
                         postponed_to=(day + timedelta(days=20)).isoformat()))
        events.append(ev("pathway_end", end, outcome="completed"))
        day = end
    today = day + timedelta(days=draw(gaps))
    return draw(PATHWAYS), draw(SETTINGS), events, today


def result_of(case, events=None):
    pathway, setting, original, today = case
    return evaluate({"type": pathway, "setting": setting}, events or original, today)


def end_of(events):
    ends = [date.fromisoformat(e["date"]) for e in events if e["event"] == "pathway_end"]
    return next(iter(ends), None)


def expected_status(found, today, end):
    """The status the documented rules give, computed independently of the kernel."""
    reference = today if end is None else min(today, end)
    if found.done is not None:
        return "met" if found.due is None or found.done <= found.due else "breached"
    if found.due is not None and reference > found.due:
        return "breached"
    return "open" if end is None else "closed"


@settings(max_examples=300)
@given(pathways())
def test_generated_pathways_are_valid(case):
    assert result_of(case).errors == ()


@settings(max_examples=300)
@given(pathways())
def test_status_agrees_with_dates(case):
    end = end_of(case[2])
    statuses = [(c.status, expected_status(c, case[3], end)) for c in result_of(case).clocks]
    assert [got for got, _ in statuses] == [want for _, want in statuses]


@settings(max_examples=300)
@given(pathways())
def test_no_clock_is_open_after_closure(case):
    assume(end_of(case[2]) is not None)
    assert "open" not in {c.status for c in result_of(case).clocks}


@settings(max_examples=300)
@given(pathways(), st.randoms(use_true_random=False))
def test_input_order_does_not_change_the_result(case, rng):
    shuffled = list(case[2])
    rng.shuffle(shuffled)
    assert result_of(case, shuffled).to_dict() == result_of(case).to_dict()


@settings(max_examples=300)
@given(pathways())
def test_patient_caused_implies_breached(case):
    assert all(c.status == "breached" for c in result_of(case).clocks if c.patient_caused)


@settings(max_examples=300)
@given(pathways())
def test_next_due_is_never_in_the_past(case):
    next_due = result_of(case).next_due
    assert (next_due or case[3]) >= case[3]


@settings(max_examples=300)
@given(pathways())
def test_breach_flags_partition_the_breaches(case):
    result = result_of(case)
    assert result.breached == (result.patient_caused_breach or result.service_caused_breach)
