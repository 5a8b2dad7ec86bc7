"""The generator is seeded: the same seed gives the same rows, wherever it runs."""

import datetime as dt

from forlop.bench.generate import ChunkJob, generate_chunk
from forlop.bench.organisation import Layout
from forlop.bench.scales import BENCH_TODAY

LAYOUT = Layout(units=tuple((u, 1, kind, 1.0) for u, kind in enumerate(
    ["voksne", "ocd", "barn_unge", "spiseforstyrrelser", "tsb", "gravide", "psykose"], 1)),
    trust_weights={1: 1.0}, importer_id=1)


def job(index=0):
    return ChunkJob(seed=3, index=index, size=30, first_id=1, today=BENCH_TODAY,
                    stamp=dt.datetime(2025, 6, 2, tzinfo=dt.UTC), layout=LAYOUT)


def test_same_seed_same_rows():
    assert generate_chunk(job()).events == generate_chunk(job()).events


def test_chunks_differ():
    assert generate_chunk(job(0)).events != generate_chunk(job(1)).events


def test_every_pathway_has_a_projection():
    chunk = generate_chunk(job())
    assert [s[0] for s in chunk.states] == [p[0] for p in chunk.pathways]


def test_no_event_after_today():
    assert max(e[2] for e in generate_chunk(job()).events) <= BENCH_TODAY
