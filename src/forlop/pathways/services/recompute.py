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
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from itertools import groupby

from django.db import connection, transaction
from django.utils import timezone

from forlop.kernel.evaluation import evaluate
from forlop.pathways.kernel_bridge import effective_events, local_norms_for, spec_of
from forlop.pathways.models import Pathway, PathwayEvent, PathwayState
from forlop.pathways.services.projection import state_fields

log = logging.getLogger(__name__)
WRITTEN = ("state", "next_due", "next_clock", "next_basis", "breached", "patient_caused_breach",
           "service_caused_breach", "clocks", "ruleset", "computed_on", "updated_at")
EVENT_COLUMNS = ("pk", "pathway_id", "event", "on", "outcome", "data", "supersedes_id",
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
                .filter(pk__in=ids).only("type", "setting", "severity", "trust_id")}
    norms = {t: local_norms_for(t) for t in {p.trust_id for p in pathways.values()}}
    rows = (PathwayEvent.objects.filter(pathway_id__in=ids)
            .order_by("pathway_id", "pk").values_list(*EVENT_COLUMNS, named=True))
    now = timezone.now()
    updates = []
    for pathway_id, group in groupby(rows, key=lambda r: r.pathway_id):
        pathway = pathways[pathway_id]
        evaluation = evaluate(spec_of(pathway), effective_events(group), today,
                              local_norms=norms[pathway.trust_id])
        if evaluation.errors:
            log.warning("pathway %s: stored events refused by the kernel", pathway_id)
            result.refused += 1
            continue
        fields = {**state_fields(evaluation, today), "updated_at": now}
        updates.append((*(fields[f] for f in WRITTEN), pathway_id))
    _write(updates)
    result.updated += len(updates)


def _write(updates: list[tuple]) -> None:
    fields = [PathwayState._meta.get_field(f) for f in WRITTEN]
    sets = ", ".join(f"{connection.ops.quote_name(f.column)} = %s" for f in fields)
    table = connection.ops.quote_name(PathwayState._meta.db_table)
    params = [
        [*(f.get_db_prep_save(v, connection) for f, v in zip(fields, row[:-1], strict=True)),
         row[-1]]
        for row in updates
    ]
    with connection.cursor() as cursor:
        sql = f"UPDATE {table} SET {sets} WHERE pathway_id = %s"  # noqa: S608 - model columns
        cursor.executemany(sql, params)
