"""Generate a scale's data, then bulk-load it, timing each table's import.

Two phases, so the import is measured on its own and not against the generators
for the two cores: first worker processes generate the chunks (the demo's
scenarios with the national follow-up, one kernel ``evaluate()`` per pathway) and
write them into a spool directory in the database's bulk format; then this process
imports the spool (``bulk.import_spool``). ``load_s`` is the whole job, end to end.
"""

from __future__ import annotations

import multiprocessing
import random
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection

from forlop.bench import bulk, encode
from forlop.bench.bulk import Table, TableLoad
from forlop.bench.generate import FIELDS, PER_PATHWAY, ChunkJob, generate_chunk
from forlop.bench.organisation import create_organisation
from forlop.demo.people import synthetic_identifier
from forlop.pathways.models import (
    IndicatorFact,
    Pathway,
    PathwayEvent,
    PathwayState,
    PathwayStatusChange,
    Referral,
)
from forlop.patients.models import Patient

MODELS = {"patients": Patient, "referrals": Referral, "pathways": Pathway,
          "events": PathwayEvent, "states": PathwayState, "status_changes": PathwayStatusChange,
          "facts": IndicatorFact}
TABLES = [Table(name, model, FIELDS[name]) for name, model in MODELS.items()]  # FK order


@dataclass
class LoadResult:
    pathways: int = 0
    refused: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    tables: dict[str, TableLoad] = field(default_factory=dict)
    generate_s: float = 0.0
    load_s: float = 0.0
    layout: object = None
    importer: object = None

    @property
    def events(self) -> int:
        return self.rows.get("events", 0)


def load(scale, *, seed: int, today, workers: int = 0) -> LoadResult:
    """Create the organisation and ``scale.pathways`` pathways with their referrals,
    events, projections, status history and indicator summary."""
    started = time.perf_counter()
    result = LoadResult()
    result.layout, result.importer = create_organisation(trusts=scale.trusts, today=today)
    first = {"pathways": max(bulk.next_id(Patient), bulk.next_id(Pathway)),
             **{t: bulk.next_id(MODELS[t]) for t in PER_PATHWAY}}
    spool = Path(tempfile.mkdtemp(prefix="forlop-bench-"))
    try:
        jobs = [
            ChunkJob(seed, k, min(scale.chunk, scale.pathways - start),
                     {"pathways": first["pathways"] + start,
                      **{t: first[t] + start * n for t, n in PER_PATHWAY.items()}},
                     today, result.layout, connection.vendor, spool)
            for k, start in enumerate(range(0, scale.pathways, scale.chunk))
        ]
        _generate(jobs, workers, result, spool)
        result.generate_s = time.perf_counter() - started
        result.tables = bulk.import_spool(TABLES, spool)
    finally:
        shutil.rmtree(spool, ignore_errors=True)
    bulk.reset_sequences(*MODELS.values())
    bulk.analyze(*MODELS.values())
    result.load_s = time.perf_counter() - started
    return result


def _generate(jobs: list[ChunkJob], workers: int, result: LoadResult, spool: Path) -> None:
    seen: set[str] = set()
    redraw = random.Random(f"{jobs[0].seed if jobs else 0}:identifiers")
    for summary in _chunks(jobs, workers):
        patients = [_unique(row, seen, redraw) for row in summary.patients]
        encode.write(connection.vendor, spool, "patients", summary.index, patients)
        for table, n in {**summary.rows, "patients": len(patients)}.items():
            result.rows[table] = result.rows.get(table, 0) + n
        result.refused += summary.refused
    result.pathways = result.rows.get("pathways", 0)


def _chunks(jobs, workers: int):
    if workers <= 1:
        yield from map(generate_chunk, jobs)
        return
    # fork: workers inherit the configured Django and never touch the database.
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(generate_chunk, jobs)


def _unique(row: tuple, seen: set[str], rng: random.Random) -> tuple:
    """With a million patients, random synthetic numbers collide; draw again until new."""
    identifier, kind = row[1], row[2]
    while identifier in seen:
        identifier, kind = synthetic_identifier(rng)
    seen.add(identifier)
    return (row[0], identifier, kind, *row[3:])
