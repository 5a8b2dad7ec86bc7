"""The daily recompute of open clocks (``forlop recompute_states``).

A clock's due date is fixed by its events; only the passing of days turns an open
clock into a breached one. So the only projections that change overnight are open
pathways holding a clock still marked ``open`` whose due date is behind ``today``.
One set-based query finds them (``next_due`` is the earliest running clock's due
date, so the partial index on it narrows the search, and ``computed_on`` spares most
JSON tests: see ``CANDIDATES``), and only those are re-evaluated by the kernel, in
batches: one query for their events, one bulk UPDATE. Everything else is left
untouched. ``only_due=False`` re-evaluates every open pathway, e.g. after a catalog
or local-norm change.

Both batch statements are written from model metadata rather than through the ORM,
which cost more than the database here: the events are plain rows (an array of ids
on PostgreSQL), and the projections go back in one ``UPDATE ... FROM
jsonb_to_recordset(...)`` rather than 5,000 (docs/performance.md).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass
from itertools import groupby
from typing import NamedTuple

from django.db import connection, transaction
from django.utils import timezone

from forlop.kernel.evaluation import evaluate
from forlop.pathways.kernel_bridge import effective_events, local_norms_for, spec_of
from forlop.pathways.models import Pathway, PathwayEvent, PathwayState
from forlop.pathways.services.indicator_facts import fact_values, replace_facts_bulk
from forlop.pathways.services.projection import STATE_FIELDS, state_fields

log = logging.getLogger(__name__)
# The projection's columns exactly as ``save_state`` writes them (one list for both
# writers), and the moment of writing.
WRITTEN = (*STATE_FIELDS, "updated_at")


class EventRow(NamedTuple):
    """What the kernel bridge reads of a stored event."""

    pk: int
    pathway_id: int
    event: str
    on: dt.date
    outcome: str
    data: dict
    supersedes_id: int | None
    is_retraction: bool

    @classmethod
    def of(cls, values) -> EventRow:
        """From a fetched row: SQLite returns dates and JSON as text."""
        pk, pathway_id, event, on, outcome, data, supersedes_id, is_retraction = values
        return cls(pk, pathway_id, event, dt.date.fromisoformat(on) if isinstance(on, str)
                   else on, outcome, json.loads(data) if isinstance(data, str) else data,
                   supersedes_id, bool(is_retraction))


EVENT_FIELDS = ("id", "pathway", "event", "on", "outcome", "data", "supersedes",
                "is_retraction")


@dataclass
class RecomputeResult:
    candidates: int = 0
    updated: int = 0
    refused: int = 0  # stored events the kernel no longer accepts: left as they were


def recompute_open_states(*, today: dt.date, only_due: bool = True,
                          batch: int = 5000) -> RecomputeResult:
    """Bring open pathways' projections up to ``today``. Safe to run at any time:
    each batch locks its pathways, as ``register_event`` does, so no newer event is
    overwritten by an older reading."""
    if only_due:
        ids = _due_ids(today)
    else:
        ids = list(PathwayState.objects.filter(is_open=True).order_by("pathway_id")
                   .values_list("pathway_id", flat=True))
    result = RecomputeResult(candidates=len(ids))
    for start in range(0, len(ids), batch):
        with transaction.atomic():
            _recompute_batch(ids[start:start + batch], today, result)
    return result


# Open pathways holding a clock the projection still shows as open although its due
# date is behind today. A running clock was marked open exactly when its due date
# was on or after ``computed_on``; so when the earliest running clock (``next_due``)
# is not before ``computed_on`` it is that open clock, and no JSON need be read.
# Only pathways whose earliest clock is already breached (most of the rows the
# partial index returns) are searched for another open one: on PostgreSQL a
# containment test first (any open clock at all?), then a JSON path for its date.
CANDIDATES = {
    "postgresql": """
        SELECT s.pathway_id FROM {table} s
        WHERE s.is_open AND s.next_due < %(today)s
          AND (s.next_due >= s.computed_on
               OR (s.clocks @> '[{{"status": "open"}}]'
                   AND jsonb_path_exists(s.clocks, '$[*] ? (@.status == "open" && @.due < $d)',
                                         jsonb_build_object('d', %(iso)s::text))))
        ORDER BY s.pathway_id""",
    "sqlite": """
        SELECT s.pathway_id FROM {table} s
        WHERE s.is_open AND s.next_due < %(today)s
          AND (s.next_due >= s.computed_on
               OR EXISTS (SELECT 1 FROM json_each(s.clocks) c
                          WHERE json_extract(c.value, '$.status') = 'open'
                            AND json_extract(c.value, '$.due') < %(iso)s))
        ORDER BY s.pathway_id""",
}


def _due_ids(today: dt.date) -> list[int]:
    table = connection.ops.quote_name(PathwayState._meta.db_table)
    sql = CANDIDATES[connection.vendor].format(table=table)
    with connection.cursor() as cursor:
        cursor.execute(sql, {"today": today, "iso": today.isoformat()})
        return [pk for (pk,) in cursor.fetchall()]


def _recompute_batch(ids: list[int], today: dt.date, result: RecomputeResult) -> None:
    pathways = {p.pk: p for p in Pathway.objects.select_for_update()
                .filter(pk__in=ids).only("type", "setting_at_start", "severity", "trust_id",
                                          "unit_id")}
    norms = {t: local_norms_for(t) for t in {p.trust_id for p in pathways.values()}}
    rows = events_of(ids)
    now = timezone.now()
    updates, facts = [], []
    for pathway_id, group in groupby(rows, key=lambda r: r.pathway_id):
        pathway = pathways[pathway_id]
        events = effective_events(group)
        evaluation = evaluate(spec_of(pathway), events, today,
                              local_norms=norms[pathway.trust_id])
        if evaluation.errors:
            log.warning("pathway %s: stored events refused by the kernel", pathway_id)
            result.refused += 1
            continue
        fields = {**state_fields(evaluation, today), "updated_at": now}
        updates.append((*(fields[f] for f in WRITTEN), pathway_id))
        facts += fact_values(pathway_id, pathway.trust_id, pathway.unit_id, pathway.type,
                             evaluation, events)
    _write(updates)
    # The indicator summary of the same pathways (a rule-set or local-norm change can
    # move a limit; the passing of days alone changes no fact).
    replace_facts_bulk([u[-1] for u in updates], facts)
    result.updated += len(updates)


def events_of(ids: list[int]) -> list[EventRow]:
    """The events of these pathways, by pathway and in registration order."""
    ops, meta = connection.ops, PathwayEvent._meta
    columns = ", ".join(ops.quote_name(meta.get_field(f).column) for f in EVENT_FIELDS)
    pathway = ops.quote_name(meta.get_field("pathway").column)
    if connection.vendor == "postgresql":
        where, params = f"{pathway} = ANY(%s::bigint[])", [ids]
    else:
        where, params = f"{pathway} IN ({', '.join(['%s'] * len(ids))})", ids
    sql = (f"SELECT {columns} FROM {ops.quote_name(meta.db_table)} WHERE {where}"  # noqa: S608
           f" ORDER BY {pathway}, {ops.quote_name(meta.pk.column)}")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [EventRow.of(r) for r in cursor.fetchall()]


def _write(updates: list[tuple]) -> None:
    """One UPDATE for the batch on PostgreSQL, the rows sent as one JSON document
    (``jsonb_to_recordset``: psycopg escapes a ``jsonb[]`` array element by element,
    which took 2.8 s a batch, and binding each value client-side 1.4 s);
    ``executemany`` on SQLite, where statements cost no round trip."""
    if not updates:
        return
    fields = [PathwayState._meta.get_field(f) for f in WRITTEN]
    quote = connection.ops.quote_name
    table = quote(PathwayState._meta.db_table)
    key = quote(PathwayState._meta.pk.column)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            record = [f"{quote(f.column)} {f.db_type(connection)}" for f in fields]
            sets = ", ".join(f"{quote(f.column)} = u.{quote(f.column)}" for f in fields)
            batch = [{**{f.column: v for f, v in zip(fields, row[:-1], strict=True)},
                      "pk": row[-1]} for row in updates]
            cursor.execute(
                f"UPDATE {table} SET {sets} FROM jsonb_to_recordset(%s::jsonb)"  # noqa: S608
                f" AS u({', '.join(record)}, pk bigint) WHERE {table}.{key} = u.pk",
                [json.dumps(batch, default=_iso)])
        else:
            rows = [[*(f.get_db_prep_save(v, connection)
                       for f, v in zip(fields, row[:-1], strict=True)), row[-1]]
                    for row in updates]
            sets = ", ".join(f"{quote(f.column)} = %s" for f in fields)
            cursor.executemany(f"UPDATE {table} SET {sets} WHERE {key} = %s", rows)  # noqa: S608


def _iso(value) -> str:
    """Dates and moments in the batch document, to the microsecond (Django's JSON
    encoder stops at the millisecond)."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} in a projection row")
