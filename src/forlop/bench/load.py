"""Generate and bulk-load a scale's data, timing each table's bulk write separately.

Generation (the demo scenarios plus one kernel ``evaluate()`` per pathway) can run in
worker processes while this process writes; the database work is what
``import_events_per_s`` measures, and ``load_s`` is the whole job, end to end.
"""

from __future__ import annotations

import multiprocessing
import random
import time
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from forlop.bench import bulk
from forlop.bench.generate import (
    EVENT_FIELDS,
    PATHWAY_FIELDS,
    PATIENT_FIELDS,
    STATE_FIELDS,
    ChunkJob,
    generate_chunk,
)
from forlop.bench.organisation import create_organisation
from forlop.demo.people import synthetic_identifier
from forlop.pathways.models import Pathway, PathwayEvent, PathwayState
from forlop.patients.models import Patient

TABLES = [  # chunk attribute, model, fields
    ("patients", Patient, PATIENT_FIELDS),
    ("pathways", Pathway, PATHWAY_FIELDS),
    ("events", PathwayEvent, EVENT_FIELDS),
    ("states", PathwayState, STATE_FIELDS),
]


@dataclass
class LoadResult:
    pathways: int = 0
    events: int = 0
    refused: int = 0
    write_s: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    load_s: float = 0.0
    layout: object = None
    importer: object = None


def load(scale, *, seed: int, today, workers: int = 0) -> LoadResult:
    """Create the organisation and ``scale.pathways`` pathways with events and states."""
    started = time.perf_counter()
    result = LoadResult()
    result.layout, result.importer = create_organisation(trusts=scale.trusts, today=today)
    first_id = max(bulk.next_id(Patient), bulk.next_id(Pathway))
    stamp = connection.ops.adapt_datetimefield_value(timezone.now())
    jobs = [
        ChunkJob(seed, k, min(scale.chunk, scale.pathways - start), first_id + start, today,
                 stamp, result.layout)
        for k, start in enumerate(range(0, scale.pathways, scale.chunk))
    ]
    seen: set[str] = set()
    redraw = random.Random(f"{seed}:identifiers")
    for chunk in _chunks(jobs, workers):
        chunk.patients = [_unique(row, seen, redraw) for row in chunk.patients]
        with transaction.atomic():
            for attr, model, fields in TABLES:
                t = time.perf_counter()
                bulk.insert_rows(model, fields, getattr(chunk, attr))
                result.write_s[attr] += time.perf_counter() - t
        result.pathways += len(chunk.pathways)
        result.events += len(chunk.events)
        result.refused += chunk.refused
    bulk.reset_sequences(Patient, Pathway)
    bulk.analyze(Patient, Pathway, PathwayEvent, PathwayState)
    result.load_s = time.perf_counter() - started
    return result


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
