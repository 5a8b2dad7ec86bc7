"""The daily recompute on the benchmark's data: its set-based candidate query finds
exactly the open pathways with an overdue clock still marked open, and re-evaluating
only those gives what re-evaluating every open pathway gives."""

import datetime as dt

import pytest

from forlop.bench.load import load
from forlop.bench.scales import BENCH_TODAY, SCALES
from forlop.pathways.models import PathwayState
from forlop.pathways.services.recompute import _due_ids, recompute_open_states

# Days ahead of the load day at which the tiny data has pathways to find (a day with
# none, like the next day here, would compare two empty sets and prove nothing).
DAYS = [2, 7, 30, 90]


@pytest.fixture
def loaded(db):
    return load(SCALES["tiny"], seed=5, today=BENCH_TODAY)


def overdue_open(day: dt.date) -> set[int]:
    return {s.pathway_id for s in PathwayState.objects.filter(is_open=True)
            if any(c["status"] == "open" and c["due"] and c["due"] < day.isoformat()
                   for c in s.clocks)}


@pytest.mark.parametrize("days", DAYS)
def test_candidates_are_the_pathways_with_an_overdue_open_clock(loaded, days):
    day = BENCH_TODAY + dt.timedelta(days=days)
    expected = overdue_open(day)
    assert expected, "no overdue open clock on this day: the comparison would prove nothing"
    assert set(_due_ids(day)) == expected


def test_due_only_agrees_with_every_open_pathway(loaded):
    day = BENCH_TODAY + dt.timedelta(days=30)
    assert recompute_open_states(today=day).updated > 0
    fast = list(PathwayState.objects.order_by("pk").values_list(
        "pathway_id", "next_due", "breached", "service_caused_breach", "clocks"))
    recompute_open_states(today=day, only_due=False)
    assert list(PathwayState.objects.order_by("pk").values_list(
        "pathway_id", "next_due", "breached", "service_caused_breach", "clocks")) == fast
