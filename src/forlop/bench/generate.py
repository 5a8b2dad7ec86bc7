"""Seeded rows for the bulk load: patients, referrals, pathways, events, projections
and status history, written straight into each database's bulk format.

Pure Python (no database access) so chunks are generated in worker processes, each
writing its own chunk files into a spool directory. Chunk ``k`` is seeded by
``(seed, k)`` alone, so the data does not depend on how many workers made it. Each
pathway's projection is the kernel's ``evaluate()`` of its events and its status
history the state after each registration, exactly what the services would store.

Ids are given explicitly: pathways (and new patients) take consecutive ids, and each
chunk owns a block of ids for referrals, events and status changes big enough for
its worst case, so workers need no coordination. The gaps between blocks are
harmless (PostgreSQL sequences leave gaps too); sequences are moved past them.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from forlop.bench import encode
from forlop.bench.histories import MAX_EVENTS, history
from forlop.demo.people import synthetic_identifier, synthetic_name
from forlop.kernel.evaluation import evaluate
from forlop.kernel.events import normalise_events
from forlop.kernel.indicators import INDICATORS
from forlop.kernel.state import STATES
from forlop.pathways.kernel_bridge import stored_data
from forlop.pathways.services.indicator_facts import FACT_FIELDS, fact_values
from forlop.pathways.services.projection import state_fields, status_history

# Column order of each table's row tuples; bulk.py maps these model fields to columns.
FIELDS = {
    "patients": ("id", "identifier", "identifier_kind", "name", "created_at"),
    "referrals": ("id", "patient", "unit", "received_on", "assessed_on", "right_granted",
                  "referrer_name", "referrer_hpr", "referrer_kind", "first_trust_name",
                  "created_by", "created_at"),
    "pathways": ("id", "patient", "unit", "trust", "type", "setting", "setting_at_start",
                 "severity", "ruleset",
                 "referral", "started_on", "first_trust_name", "is_open", "closed_on",
                 "coordinator", "created_by", "created_at"),
    "events": ("id", "pathway", "event", "on", "outcome", "data", "is_retraction", "reason",
               "registered_by", "registered_at"),
    "states": ("pathway", "unit", "is_open", "state", "next_due", "next_clock", "next_basis",
               "breached", "patient_caused_breach", "service_caused_breach", "clocks", "ruleset",
               "computed_on", "updated_at"),
    "status_changes": ("id", "pathway", "state", "reason", "changed_by", "changed_at"),
    # The maintained indicator summary, as save_state writes it (indicator_facts).
    "facts": ("id", *FACT_FIELDS),
}
# Ids a chunk may need per pathway: its id blocks are this many times its size.
PER_PATHWAY = {"referrals": 2, "events": MAX_EVENTS, "status_changes": len(STATES),
               "facts": len(INDICATORS)}
START_EVENTS = 3  # referral_received, referral_assessed, pathway_start: start_pathway's
STATE_EVENTS = frozenset({"referral_assessed", "pathway_start", "first_attendance",
                          "clinical_decision", "pathway_end"})
REFERRED_BEFORE = 0.12  # share of patients with an earlier referral that was not granted
RETURNING = 0.08  # share of pathways for a patient whose earlier pathway has closed
REFERRER = "Fastlege (syntetisk)"
# Registration time of day (UTC): events are stamped on the day they happened.
REGISTERED_AT = dt.time(11, 0, tzinfo=dt.UTC)


@dataclass(frozen=True)
class ChunkJob:
    seed: int
    index: int
    size: int
    first_ids: dict[str, int]  # this chunk's first pathway id and each id block's start
    today: dt.date
    layout: object  # organisation.Layout
    vendor: str  # "postgresql" or "sqlite": the bulk format to write
    spool: Path


@dataclass
class ChunkSummary:
    """What a worker hands back: its patients (the main process makes identifiers
    unique across chunks) and how many rows it wrote to each table."""

    index: int
    patients: list[tuple] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    refused: int = 0  # histories the kernel refused (none expected; counted, not stored)


def generate_chunk(job: ChunkJob) -> ChunkSummary:
    rng = random.Random(f"{job.seed}:{job.index}")
    rows = {table: [] for table in FIELDS}
    ids = {t: itertools.count(job.first_ids[t]) for t in PER_PATHWAY}
    pick_unit = _unit_picker(job.layout)
    by = job.layout.importer_id
    closed, open_keys = [], set()  # (closed_on, patient); (patient, type, trust) still open
    summary = ChunkSummary(job.index)
    for i in range(job.size):
        scenario = history(rng, job.today)
        entries, _errors = normalise_events(scenario.events)  # parsed once, used twice
        entries_events = [e.event for e in entries]
        evaluation = evaluate(scenario.spec, entries_events, job.today)
        identifier, kind = synthetic_identifier(rng)
        name = synthetic_name(rng)
        if evaluation.errors or len(scenario.events) > MAX_EVENTS:
            summary.refused += 1
            continue
        pid = job.first_ids["pathways"] + i
        unit, trust = pick_unit(rng, scenario.type)
        first = {e["event"]: e["date"] for e in reversed(scenario.events)}
        received, start = first["referral_received"], first["pathway_start"]
        patient = _returning(rng, closed, received)
        if (patient, scenario.type, trust) in open_keys:
            patient = None  # that patient has an open pathway of this type in this trust
        if patient is None:
            patient = pid
            summary.patients.append((pid, identifier, kind, name, _stamp(received)))
        if rng.random() < REFERRED_BEFORE:
            earlier = received - dt.timedelta(days=rng.randint(60, 500))
            rows["referrals"].append((next(ids["referrals"]), patient, unit, earlier,
                                      earlier + dt.timedelta(days=rng.randint(2, 14)), False,
                                      REFERRER, "", "", "", by, _stamp(earlier)))
        referral = next(ids["referrals"])
        rows["referrals"].append((referral, patient, unit, received,
                                  first["referral_assessed"], True, REFERRER, "", "", "",
                                  by, _stamp(received)))
        closed_on = first.get("pathway_end")
        if closed_on is not None:
            closed.append((closed_on, patient))
        else:
            open_keys.add((patient, scenario.type, trust))
        coordinators = job.layout.coordinators.get(unit)
        coordinator = rng.choice(coordinators) if coordinators else None
        rows["pathways"].append((pid, patient, unit, trust, scenario.type, scenario.setting,
                                 scenario.setting, scenario.severity or "",
                                 evaluation.ruleset_id, referral, start, "", closed_on is None,
                                 closed_on, coordinator, by, _stamp(start)))
        for e in scenario.events:
            plain = len(e) == 2 + ("outcome" in e)  # event, date and outcome only
            data = "{}" if plain else json.dumps(stored_data(e))
            rows["events"].append((next(ids["events"]), pid, e["event"], e["date"],
                                   e.get("outcome") or "", data, False, "", by,
                                   _stamp(e["date"])))
        for state, reason, on in status_history(scenario.events, entries):
            rows["status_changes"].append((next(ids["status_changes"]), pid, state, reason, by,
                                           _stamp(on)))
        s = state_fields(evaluation, job.today)
        rows["states"].append((pid, unit, s["is_open"], s["state"], s["next_due"],
                               s["next_clock"], s["next_basis"], s["breached"],
                               s["patient_caused_breach"], s["service_caused_breach"],
                               json.dumps(s["clocks"]),
                               s["ruleset"], job.today, _stamp(job.today)))
        for row in fact_values(pid, trust, unit, scenario.type, evaluation, entries_events):
            rows["facts"].append((next(ids["facts"]), *row))
    for table, table_rows in rows.items():
        if table != "patients":
            encode.write(job.vendor, job.spool, table, job.index, table_rows)
            summary.rows[table] = len(table_rows)
    return summary


def _stamp(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, REGISTERED_AT)


def _returning(rng: random.Random, closed: list, received: dt.date) -> int | None:
    """Now and then the patient of an earlier pathway (in this chunk) that had closed
    before this referral: the one-open-pathway rule cannot be broken by it."""
    if not closed or rng.random() >= RETURNING:
        return None
    closed_on, patient = closed[rng.randrange(len(closed))]
    return patient if closed_on < received else None


def _unit_picker(layout):
    """Choose a unit that takes the pathway type, weighted by trust and unit size."""
    by_kind: dict[str, tuple[list, list]] = {}
    for unit, trust, kind, weight in layout.units:
        units, weights = by_kind.setdefault(kind, ([], []))
        units.append((unit, trust))
        weights.append(weight * layout.trust_weights[trust])

    cumulative = {k: (u, list(itertools.accumulate(w))) for k, (u, w) in by_kind.items()}

    def pick(rng: random.Random, kind: str) -> tuple[int, int]:
        units, cum = cumulative[kind]
        return rng.choices(units, cum_weights=cum)[0]

    return pick
