"""Seeded rows for the bulk load: patients, pathways, events and their projections.

Pure Python (no database access) so chunks can be generated in worker processes.
Chunk ``k`` is seeded by ``(seed, k)`` alone, so the data does not depend on how many
workers made it. Each pathway's projection is the kernel's ``evaluate()`` of its
events, exactly what the services would have stored.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
from dataclasses import dataclass, field

from forlop.demo.people import synthetic_identifier, synthetic_name
from forlop.demo.scenarios import generate
from forlop.kernel.evaluation import evaluate
from forlop.pathways.kernel_bridge import stored_data
from forlop.pathways.services.projection import state_fields

# Column order of each row tuple; bulk.py maps these model fields to columns.
PATIENT_FIELDS = ("id", "identifier", "identifier_kind", "name", "created_at")
PATHWAY_FIELDS = ("id", "patient", "unit", "trust", "type", "setting", "severity", "ruleset",
                  "started_on", "first_trust_name", "is_open", "closed_on", "created_by",
                  "created_at")
EVENT_FIELDS = ("pathway", "event", "on", "outcome", "data", "is_retraction", "reason",
                "registered_by", "registered_at")
STATE_FIELDS = ("pathway", "unit", "is_open", "state", "next_due", "next_clock", "breached",
                "patient_caused_breach", "service_caused_breach", "clocks", "ruleset",
                "computed_on", "updated_at")


@dataclass
class Chunk:
    patients: list[tuple] = field(default_factory=list)
    pathways: list[tuple] = field(default_factory=list)
    events: list[tuple] = field(default_factory=list)
    states: list[tuple] = field(default_factory=list)
    refused: int = 0  # scenarios the kernel refused (none expected; counted, not stored)


@dataclass(frozen=True)
class ChunkJob:
    seed: int
    index: int
    size: int
    first_id: int  # pathway and patient ids of this chunk start here
    today: dt.date
    stamp: object  # created_at/registered_at value, already adapted for the database
    layout: object  # organisation.Layout


def generate_chunk(job: ChunkJob) -> Chunk:
    rng = random.Random(f"{job.seed}:{job.index}")
    pick_unit = _unit_picker(job.layout)
    chunk, by = Chunk(), job.layout.importer_id
    for i in range(job.size):
        scenario = generate(rng, job.today)
        evaluation = evaluate(scenario.spec, scenario.events, job.today)
        identifier, kind = synthetic_identifier(rng)
        name = synthetic_name(rng)
        if evaluation.errors:
            chunk.refused += 1
            continue
        pid = job.first_id + i
        unit, trust = pick_unit(rng, scenario.type)
        ends = [e["date"] for e in scenario.events if e["event"] == "pathway_end"]
        closed_on = ends[-1] if ends else None
        start = next(e["date"] for e in scenario.events if e["event"] == "pathway_start")
        chunk.patients.append((pid, identifier, kind, name, job.stamp))
        chunk.pathways.append((pid, pid, unit, trust, scenario.type, scenario.setting,
                               scenario.severity or "", evaluation.ruleset_id, start, "",
                               closed_on is None, closed_on, by, job.stamp))
        for e in scenario.events:
            chunk.events.append((pid, e["event"], e["date"], e.get("outcome") or "",
                                 json.dumps(stored_data(e)), False, "", by, job.stamp))
        s = state_fields(evaluation, job.today)
        chunk.states.append((pid, unit, s["is_open"], s["state"], s["next_due"],
                             s["next_clock"], s["breached"], s["patient_caused_breach"],
                             s["service_caused_breach"], json.dumps(s["clocks"]), s["ruleset"],
                             job.today, job.stamp))
    return chunk


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
