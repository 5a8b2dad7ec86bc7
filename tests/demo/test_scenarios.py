import datetime as dt
import random

import pytest

from forlop.demo.scenarios import generate
from forlop.kernel.evaluation import evaluate

TODAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize("seed", range(300))
def test_generated_history_passes_the_kernel(seed):
    scenario = generate(random.Random(seed), TODAY)
    assert evaluate(scenario.spec, scenario.events, TODAY).errors == ()


def test_generation_is_deterministic_for_a_seed():
    assert generate(random.Random(7), TODAY).events == generate(random.Random(7), TODAY).events


def test_generated_events_are_not_in_the_future():
    events = [e for s in range(200) for e in generate(random.Random(s), TODAY).events]
    assert max(e["date"] for e in events) <= TODAY


def test_mix_contains_every_pathway_type():
    types = {generate(random.Random(s), TODAY).type for s in range(500)}
    assert len(types) == 7
