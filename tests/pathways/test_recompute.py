"""The daily recompute: breaches appear when a due date passes, nothing else moves."""

import datetime as dt

import pytest
from django.core.management import call_command

from forlop.pathways.models import PathwayState
from forlop.pathways.services import register_event
from forlop.pathways.services.recompute import recompute_open_states
from tests import factories
from tests.conftest import TODAY

DAY = dt.timedelta(days=1)


@pytest.fixture
def early(org, coordinator):
    return factories.pathway(patient=factories.patient(), unit=org.unit_a, by=coordinator,
                             today=TODAY, started_on=TODAY - 10 * DAY)


@pytest.fixture
def late(org, coordinator):
    return factories.pathway(patient=factories.patient(), unit=org.unit_a, by=coordinator,
                             today=TODAY, started_on=TODAY)


def state(pathway):
    return PathwayState.objects.get(pathway=pathway)


def test_pathway_is_breached_the_day_after_its_due_date(early, late):
    recompute_open_states(today=state(early).next_due + DAY)
    assert state(early).breached is True


def test_pathway_not_yet_due_is_left_untouched(early, late):
    before = state(late)
    recompute_open_states(today=state(early).next_due + DAY)
    assert state(late).updated_at == before.updated_at


def test_nothing_changes_on_the_due_date_itself(early, late):
    recompute_open_states(today=state(early).next_due)
    assert state(early).breached is False


def test_only_due_pathways_agree_with_a_full_re_evaluation(early, late):
    day = state(late).next_due + 3 * DAY
    recompute_open_states(today=day)
    fast = [(s.next_due, s.breached, s.clocks) for s in PathwayState.objects.order_by("pk")]
    recompute_open_states(today=day, only_due=False)
    assert [(s.next_due, s.breached, s.clocks)
            for s in PathwayState.objects.order_by("pk")] == fast


def test_an_open_clock_behind_an_already_breached_one_is_found(org, coordinator):
    # TSB inpatient: the decision was due 3 days ago (breached, so it is next_due),
    # and the detox completed today starts a clock due today, still open.
    pathway = factories.pathway(patient=factories.patient(), unit=org.unit_a, by=coordinator,
                                today=TODAY, setting="inpatient", started_on=TODAY - 20 * DAY)
    for event, on in (("first_attendance", TODAY - 10 * DAY), ("detox_completed", TODAY)):
        register_event(pathway=pathway, event=event, on=on, by=coordinator, today=TODAY)
    assert state(pathway).next_due < state(pathway).computed_on
    assert recompute_open_states(today=TODAY + DAY).updated == 1
    detox = next(c for c in state(pathway).clocks if c["clock"] == "detox_to_treatment")
    assert detox["status"] == "breached"


def test_command_reports_its_counts(early, capsys):
    call_command("recompute_states", "--today", (state(early).next_due + DAY).isoformat())
    assert "1 candidates, 1 updated" in capsys.readouterr().out


def _projection(pathway) -> dict:
    row = PathwayState.objects.filter(pathway=pathway).values().get()
    return {k: v for k, v in row.items() if k != "updated_at"}


def test_the_projection_columns_are_written_by_both_writers():
    """One projection writer: every column an evaluation decides is in the one list
    ``save_state`` and the recompute's UPDATE both write (a new column left out of
    either fails here)."""
    from forlop.pathways.services.projection import STATE_FIELDS
    from forlop.pathways.services.recompute import WRITTEN

    decided = {f.name for f in PathwayState._meta.concrete_fields} - {
        "pathway", "unit", "updated_at"}
    assert set(STATE_FIELDS) == decided
    assert (*STATE_FIELDS, "updated_at") == WRITTEN


def test_recompute_writes_what_a_registration_would(early, coordinator):
    """The set-based UPDATE and ``save_state`` give the same row for the same day."""
    from forlop.pathways.kernel_bridge import effective_events, judge, spec_of
    from forlop.pathways.services.projection import save_state

    day = state(early).next_due + DAY
    recompute_open_states(today=day)
    recomputed = _projection(early)
    events = effective_events(early.events.all())
    save_state(pathway=early, evaluation=judge(spec_of(early), events, day,
                                               trust_id=early.trust_id),
               events=events, today=day, by=coordinator, reason="check")
    assert _projection(early) == recomputed
