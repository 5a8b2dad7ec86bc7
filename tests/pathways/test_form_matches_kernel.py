"""Over generated histories, the web form refuses an event dated today exactly when
``evaluate`` on the same events (plus that one) reports an error, or when it is a
closure an installed closure check guards (those close on their own page, ADR 50)."""

import contextlib
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forlop.kernel import evaluate
from forlop.kernel import vocabulary as v
from forlop.kernel.next_events import candidate_events, trial_event
from forlop.pathways.closure import ClosureNotReady, checked_outcomes
from forlop.pathways.kernel_bridge import PathwayRuleError, effective_events, spec_of
from forlop.pathways.services import register_event
from tests.conftest import TODAY

# Most events take no outcome: draw "none" as often as any outcome word.
OUTCOMES = st.one_of(st.just(""), st.sampled_from([*v.REFERRAL_OUTCOMES, *v.CLINICAL_DECISIONS,
                                                  *v.CLOSURE_OUTCOMES]))
EVENTS = st.sampled_from(candidate_events())
HISTORY = st.lists(st.tuples(EVENTS, OUTCOMES, st.integers(min_value=-19, max_value=0)),
                   max_size=4)


@pytest.fixture(autouse=True)
def _today():
    moment = dt.datetime.combine(TODAY, dt.time(10, 0), ZoneInfo("Europe/Oslo"))
    with time_machine.travel(moment, tick=False):
        yield


def _history(pathway, by, steps):
    for event, outcome, offset in steps:
        trial = trial_event(event, TODAY + dt.timedelta(days=offset), outcome or None)
        data = {"postponed_from": trial.postponed_from, "postponed_to": trial.postponed_to}
        # a refused step is not in the history
        with contextlib.suppress(PathwayRuleError, ClosureNotReady):
            register_event(pathway=pathway, event=event, on=trial.date, outcome=outcome,
                           data=data, by=by, today=TODAY)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=HISTORY, event=EVENTS, outcome=OUTCOMES)
def test_the_form_refuses_exactly_what_the_kernel_refuses(client, coordinator, pathway, steps,
                                                         event, outcome):
    client.force_login(coordinator)
    with transaction.atomic():
        _history(pathway, coordinator, steps)
        trial = trial_event(event, TODAY, outcome or None)
        events = effective_events(pathway.events.all())
        kernel_refuses = bool(evaluate(spec_of(pathway), [*events, trial], TODAY).errors)
        body = {"event": event, "on": TODAY.isoformat(), "outcome": outcome,
                "postponed_from": trial.postponed_from or "",
                "postponed_to": trial.postponed_to or "",
                "last_event": pathway.events.order_by("-pk").first().pk}
        response = client.post(reverse("pathway_register", args=[pathway.pk]), body)
        transaction.set_rollback(True)
    guarded = event == "pathway_end" and outcome in checked_outcomes()
    assert (response.status_code == 400) == (kernel_refuses or guarded)
