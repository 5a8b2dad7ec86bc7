"""One rule of effective events, read four ways, agreeing (hypothesis): the kernel
bridge's ``effective_events`` over ORM rows, the bulk export's tuples (``_events``), the
FHIR endpoints' selector, and the SQL form ``PathwayEvent.objects.effective()``."""

import datetime as dt

from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forlop.fhir import selectors
from forlop.fhir.exporting import _events
from forlop.pathways.kernel_bridge import (
    effective_events,
    effective_rows,
    superseded_or_retracted,
)
from forlop.pathways.models import PathwayEvent

DAY = dt.date(2024, 3, 1)
KINDS = ("first_attendance", "clinical_decision", "treatment_start", "pathway_end")

# A history: a few original registrations, then steps that each supersede one row no
# one has superseded yet (a correction with a new date, or a retraction), in any order:
# a correction of a correction, a retraction of a correction, several originals.
steps = st.lists(st.tuples(st.integers(0, 10**6), st.booleans(), st.integers(0, 30)),
                 max_size=12)
originals = st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 30),
                               st.sampled_from(["", "completed"])), min_size=1, max_size=6)


def build(pathway, by, first, later) -> None:
    open_rows = []
    for kind, days, outcome in first:
        open_rows.append(PathwayEvent.objects.create(
            pathway=pathway, event=kind, on=DAY + dt.timedelta(days=days), outcome=outcome,
            data={"n": days} if days % 2 else {}, registered_by=by))
    for pick, retract, days in later:
        if not open_rows:
            return
        old = open_rows.pop(pick % len(open_rows))
        open_rows.append(PathwayEvent.objects.create(
            pathway=pathway, event=old.event, on=DAY + dt.timedelta(days=days),
            outcome=old.outcome, data=old.data, supersedes=old, is_retraction=retract,
            reason="rettet", registered_by=by))


def iso(value) -> str:
    return value if isinstance(value, str) else value.isoformat()


@settings(max_examples=40, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(first=originals, later=steps)
def test_every_reading_of_the_rule_agrees(pathway, coordinator, first, later):
    with transaction.atomic():  # each example starts from the fixture's pathway alone
        build(pathway, coordinator, first, later)
        rows = list(PathwayEvent.objects.filter(pathway=pathway))
        kernel = [(e["event"], e["date"].isoformat(), e["outcome"] or "",
                   {k: v for k, v in e.items() if k not in ("event", "date", "outcome")})
                  for e in effective_events(reversed(rows))]  # any order given
        with connection.cursor() as cursor:
            exported, _encounters = _events(cursor, [pathway.pk])
        assert [(e, iso(on), o, d) for e, on, o, d in exported[pathway.pk]] == kernel
        chosen = [r.pk for r in effective_rows(rows)]
        assert [r.pk for r in selectors.events(pathway)] == chosen
        assert list(PathwayEvent.objects.filter(pathway=pathway).effective()
                    .order_by("pk").values_list("pk", flat=True)) == chosen
        transaction.set_rollback(True)


def test_the_rule_by_hand():
    """A correction chain and a retraction: only the last version of a kept chain."""
    class Row:
        def __init__(self, pk, supersedes_id=None, is_retraction=False):
            self.pk, self.supersedes_id, self.is_retraction = pk, supersedes_id, is_retraction

    rows = [Row(5, 2), Row(1), Row(2, 1), Row(3), Row(4, 3, True), Row(6)]
    assert [r.pk for r in effective_rows(rows)] == [5, 6]
    assert superseded_or_retracted([(2, 1, False), (4, 3, True), (5, 2, False), (6, None,
                                                                             False)]) == {
        1, 2, 3, 4}
