"""Land a plan: ids allotted, rows built, written set-based (``forlop.bulkcopy``, the
bench loader's formats) in one transaction, with one access-log row per patient.

PostgreSQL: the tables are locked against other writers for the transaction (reads
go on), so the ids taken after the highest present are ours; the sequences are
moved past them before commit. SQLite's write transaction is exclusive already.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from forlop import bulkcopy
from forlop.access.audit import Touch, append
from forlop.access.models import Action, Basis
from forlop.fhir.importing.plan import Plan
from forlop.pathways.kernel_bridge import stored_data
from forlop.pathways.models import (
    IndicatorFact,
    Pathway,
    PathwayEvent,
    PathwayState,
    PathwayStatusChange,
    Referral,
)
from forlop.pathways.services.indicator_facts import FACT_FIELDS, fact_values
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


class DryRun(Exception):
    """Raised inside the transaction to roll back a dry run after writing."""


@dataclass
class Written:
    patients: int = 0
    pathways: int = 0
    events: int = 0
    rows: int = 0


def land(plan: Plan, *, by, dry_run: bool = False, progress=None) -> Written:
    """Write every planned pathway, or nothing. A dry run writes and rolls back, so it
    meets the database's own checks too."""
    written = Written()
    try:
        with transaction.atomic():
            _lock()
            rows = build_rows(plan, by=by, first=_first_ids(), now=timezone.now())
            for model in FIELDS:
                n = bulkcopy.insert_rows(model, FIELDS[model], rows[model])
                written.rows += n
                if progress is not None:
                    progress(model, n)
            written.patients = len(rows[Patient])
            written.pathways = len(rows[Pathway])
            written.events = len(rows[PathwayEvent])
            _log(plan, rows, by)
            # Deferred foreign keys: a dry run checks them before it rolls back. On
            # PostgreSQL the check covers only the pending rows, so it always runs; on
            # SQLite it scans the whole tables, and the commit checks them anyway.
            if dry_run or connection.vendor == "postgresql":
                connection.check_constraints(table_names=[m._meta.db_table for m in FIELDS])
            if dry_run:
                raise DryRun
            _reset_sequences()
    except DryRun:
        pass
    return written


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


def build_rows(plan: Plan, *, by, first: dict, now: dt.datetime) -> dict:
    ids = {m: iter(range(first[m], 1 << 62)) for m in WITH_IDS}
    rows = {m: [] for m in FIELDS}
    patient_ids = {}
    for identifier, (kind, name, born) in plan.new_patients.items():
        pid = patient_ids[identifier] = next(ids[Patient])
        rows[Patient].append((pid, identifier, kind, name, born, now))
    by_id = by.pk
    for p in plan.pathways:
        patient = p.patient if isinstance(p.patient, int) else patient_ids[p.patient]
        first_of = {}
        for e in p.events:
            first_of.setdefault(e["event"], e)
        received, assessed = first_of["referral_received"], first_of.get("referral_assessed")
        start = first_of["pathway_start"]
        first_trust = (start.get("first_trust_start"), start.get("first_trust_name") or "")
        referral = next(ids[Referral])
        rows[Referral].append((
            referral, patient, p.unit_id, received["date"],
            assessed["date"] if assessed else None,
            (assessed["outcome"] == "right_granted") if assessed else None,
            "", "", "", first_trust[1], first_trust[0], by_id, now))
        pid = next(ids[Pathway])
        ends = [e["date"] for e in p.events if e["event"] == "pathway_end"]
        closed_on = max(ends) if ends else None
        setting = p.evaluation.setting or p.draft.setting
        rows[Pathway].append((
            pid, patient, p.unit_id, p.trust_id, p.draft.type, setting, p.draft.setting,
            p.draft.severity, p.evaluation.ruleset_id, referral, start["date"], first_trust[0],
            first_trust[1], closed_on is None, closed_on, p.coordinator_id, by_id, now))
        for e in p.events:
            data = stored_data(e)
            rows[PathwayEvent].append((
                next(ids[PathwayEvent]), pid, e["event"], e["date"], e.get("outcome") or "",
                json.dumps(data) if data else "{}", False, "", by_id, now))
        s = p.state
        rows[PathwayState].append((
            pid, p.unit_id, s["is_open"], s["state"], s["next_due"], s["next_clock"],
            s["next_basis"], s["breached"], s["patient_caused_breach"],
            s["service_caused_breach"], json.dumps(s["clocks"]), s["ruleset"],
            s["computed_on"], now))
        for state, reason, _on in p.history:
            rows[PathwayStatusChange].append((next(ids[PathwayStatusChange]), pid, state,
                                              reason, by_id, now))
        rows[IndicatorFact].extend(fact_values(pid, p.trust_id, p.unit_id, p.draft.type,
                                               p.evaluation, p.events))
    return rows


def _log(plan: Plan, rows: dict, by) -> None:
    """One access-log row per patient written to (what a registration logs)."""
    touches, seen = [], set()
    for row in rows[Pathway]:
        if row[1] not in seen:
            seen.add(row[1])
            touches.append(Touch(row[1], Basis.UNIT, "", row[2]))
    for start in range(0, len(touches), LOG_CHUNK):
        append(user=by, request_id="", action=Action.WRITE, what="import",
               touches=touches[start:start + LOG_CHUNK])
