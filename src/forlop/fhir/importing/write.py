"""Land an import chunk by chunk: ids allotted, rows built, written set-based
(``forlop.bulkcopy``, the bench loader's formats) in the import's one transaction,
with one access-log row per patient and chunk.

PostgreSQL: the tables are locked against other writers for the transaction (reads
go on), so the ids taken after the highest present are ours; the sequences are
moved past them before commit. SQLite's write transaction is exclusive already.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import Max
from django.utils import timezone

from forlop import bulkcopy
from forlop.access.audit import Touch, append
from forlop.access.models import Action, Basis
from forlop.fhir.importing.plan import Plan
from forlop.pathways.models import (
    IndicatorFact,
    Pathway,
    PathwayEvent,
    PathwayState,
    PathwayStatusChange,
    Referral,
)
from forlop.pathways.services.indicator_facts import FACT_FIELDS
from forlop.patients.models import Patient

FIELDS = {
    Patient: ("id", "identifier", "identifier_kind", "name", "birth_date", "created_at"),
    Referral: ("id", "patient", "unit", "received_on", "assessed_on", "right_granted",
               "referrer_name", "referrer_hpr", "referrer_kind", "first_trust_name",
               "first_trust_started_on", "created_by", "created_at"),
    Pathway: ("id", "patient", "unit", "trust", "type", "setting", "setting_at_start",
              "severity", "ruleset", "referral", "started_on", "first_trust_started_on",
              "first_trust_name", "is_open", "closed_on", "coordinator", "created_by",
              "created_at"),
    PathwayEvent: ("id", "pathway", "event", "on", "outcome", "data", "is_retraction",
                   "reason", "registered_by", "registered_at"),
    PathwayState: ("pathway", "unit", "is_open", "state", "next_due", "next_clock",
                   "next_basis", "breached", "patient_caused_breach", "service_caused_breach",
                   "clocks", "ruleset", "computed_on", "updated_at"),
    PathwayStatusChange: ("id", "pathway", "state", "reason", "changed_by", "changed_at"),
    # The maintained indicator summary, as save_state writes it (ids from the database).
    IndicatorFact: FACT_FIELDS,
}
WITH_IDS = (Patient, Referral, Pathway, PathwayEvent, PathwayStatusChange)
LOG_CHUNK = 500


@dataclass
class Written:
    patients: int = 0
    pathways: int = 0
    events: int = 0
    rows: int = 0


class Writer:
    """Lands an import's chunks one after another inside the caller's transaction
    (``run.import_file`` holds it: all or nothing over every chunk). PostgreSQL: the
    tables are locked first, so the ids after the highest present are ours."""

    def __init__(self, *, by, progress=None):
        self.by, self.progress = by, progress
        self.written = Written()
        _lock()
        self.ids = {m: iter(range(first, 1 << 62)) for m, first in _first_ids().items()}
        self.now = timezone.now()

    def write(self, plan: Plan) -> None:
        rows = build_rows(plan, by=self.by, ids=self.ids, now=self.now)
        for model in FIELDS:
            n = bulkcopy.insert_rows(model, FIELDS[model], rows[model])
            self.written.rows += n
            if self.progress is not None:
                self.progress(model, n)
        self.written.patients += len(rows[Patient])
        self.written.pathways += len(rows[Pathway])
        self.written.events += len(rows[PathwayEvent])
        _log(rows, self.by)

    def finish(self, *, dry_run: bool) -> None:
        """Deferred foreign keys: a dry run checks them before it rolls back. On
        PostgreSQL the check covers only the pending rows, so it always runs; on
        SQLite it scans the whole tables, and the commit checks them anyway."""
        if dry_run or connection.vendor == "postgresql":
            check_foreign_keys([m._meta.db_table for m in FIELDS])
        if not dry_run:
            _reset_sequences()


def check_foreign_keys(tables: list[str]) -> None:
    """The deferred foreign keys checked now (raises on a bad key). PostgreSQL checks
    each written row with one query per foreign key, planned once per connection and
    then kept; on a small referenced table (the units, the trusts: a few pages) its
    cost model picks a sequential scan, which then runs for every row up to the unit
    it looks for: for the newest of ~300 units ~24 µs a row instead of ~5.5, and ~6
    rows a pathway point at its unit. So the check is planned with sequential scans
    off, for the check only (``DISCARD PLANS`` first: plans the connection made
    earlier are made again). Measured in docs/performance.md: the check ~300 -> ~200
    µs a pathway on a 12,596-pathway file."""
    if connection.vendor != "postgresql":
        connection.check_constraints(table_names=tables)
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_seqscan')")
        (before,) = cursor.fetchone()
        cursor.execute("DISCARD PLANS")
        cursor.execute("SELECT set_config('enable_seqscan', 'off', true)")  # SET LOCAL
        # A bad key raises here and the transaction rolls back, the setting with it.
        connection.check_constraints(table_names=tables)
        cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [before])


def _lock() -> None:
    if connection.vendor != "postgresql":
        return
    q = connection.ops.quote_name
    tables = ", ".join(q(m._meta.db_table) for m in FIELDS)
    with connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {tables} IN SHARE ROW EXCLUSIVE MODE")


def _first_ids() -> dict:
    return {m: (m.objects.aggregate(top=Max("pk"))["top"] or 0) + 1 for m in WITH_IDS}


def _reset_sequences() -> None:
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(WITH_IDS)):
            cursor.execute(sql)


def build_rows(plan: Plan, *, by, ids: dict, now: dt.datetime) -> dict:
    """The chunk's rows, ids taken from ``ids`` (one iterator per model with ids)."""
    rows = {m: [] for m in FIELDS}
    patient_ids = {}
    for identifier, (kind, name, born) in plan.new_patients.items():
        pid = patient_ids[identifier] = next(ids[Patient])
        rows[Patient].append((pid, identifier, kind, name, born, now))
    by_id = by.pk
    next_event, next_change = ids[PathwayEvent].__next__, ids[PathwayStatusChange].__next__
    events, changes, facts = rows[PathwayEvent], rows[PathwayStatusChange], rows[IndicatorFact]
    for a in plan.pathways:
        j, d = a.judged, a.judged.draft
        unit, trust = a.unit_id, a.trust_id
        patient = a.patient if isinstance(a.patient, int) else patient_ids[a.patient]
        received, assessed, granted, trust_name, trust_start = j.referral
        referral = next(ids[Referral])
        rows[Referral].append((referral, patient, unit, received, assessed, granted, "", "", "",
                               trust_name, trust_start, by_id, now))
        pid = next(ids[Pathway])
        setting, ruleset, closed_on = j.pathway
        rows[Pathway].append((
            pid, patient, unit, trust, d.type, setting, d.setting, d.severity, ruleset,
            referral, j.start_on, trust_start, trust_name, closed_on is None, closed_on,
            a.coordinator_id, by_id, now))
        for event, on, outcome, data in j.event_rows:
            events.append((next_event(), pid, event, on, outcome, data, False, "", by_id, now))
        rows[PathwayState].append((pid, unit, *j.state, now))
        for state, reason in j.history:
            changes.append((next_change(), pid, state, reason, by_id, now))
        for indicator, *rest in j.facts:
            facts.append((pid, indicator, trust, unit, *rest))
    return rows


def _log(rows: dict, by) -> None:
    """One access-log row per patient written to in the chunk (what a registration
    logs)."""
    touches, seen = [], set()
    for row in rows[Pathway]:
        if row[1] not in seen:
            seen.add(row[1])
            touches.append(Touch(row[1], Basis.UNIT, "", row[2]))
    for start in range(0, len(touches), LOG_CHUNK):
        append(user=by, request_id="", action=Action.WRITE, what="import",
               touches=touches[start:start + LOG_CHUNK])
