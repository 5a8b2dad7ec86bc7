"""forlop evaluate never crashes: any JSON gives exit 0, 1 or 2."""

import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from forlop.kernel.cli import evaluate_main

scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=12) | st.sampled_from(
    ["2024-03-01", "2024-13-01", "tsb", "outpatient", "serious", "CP", "CU", "completed",
     "first_attendance", "clinical_decision", "pathway_end", "patient_delay"])
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=6)
events = st.lists(st.fixed_dictionaries(
    {"event": st.sampled_from(["referral_received", "pathway_start", "first_attendance",
                               "clinical_decision", "evaluation", "patient_delay",
                               "pathway_end", "x"]),
     "date": st.dates().map(str)},
    optional={"outcome": values, "postponed_from": values, "postponed_to": values}), max_size=6)
requests = st.fixed_dictionaries(
    {"pathway": st.fixed_dictionaries({"type": values, "setting": values},
                                      optional={"severity": values}),
     "events": events,
     "today": st.dates().map(str)},
    optional={"local_norms": values})


def exit_code(data) -> int:
    return evaluate_main(["-"], io.StringIO(json.dumps(data)), io.StringIO(), io.StringIO())


@settings(max_examples=300)
@given(requests)
def test_well_shaped_requests_never_crash(data):
    assert exit_code(data) in {0, 1, 2}


@settings(max_examples=200)
@given(values)
def test_any_json_value_never_crashes(data):
    assert exit_code(data) in {0, 1, 2}
