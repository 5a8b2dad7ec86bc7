"""Benchmark sizes. Events per pathway come from ``histories`` (about ten)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# A fixed "today" keeps every run of a seed identical, whatever the calendar says.
BENCH_TODAY = dt.date(2025, 6, 2)


@dataclass(frozen=True)
class Scale:
    name: str
    pathways: int
    trusts: int
    chunk: int  # pathways generated and written per batch
    samples: int  # timed repetitions for p95 figures
    naive_sample: int  # pathways done the naive way (the result is extrapolated)
    web_seconds: float  # the load test's duration


SCALES = {
    s.name: s
    for s in [
        Scale("tiny", 240, trusts=2, chunk=100, samples=10, naive_sample=20, web_seconds=3),
        Scale("small", 25_000, trusts=20, chunk=5_000, samples=200, naive_sample=1_000,
              web_seconds=15),
        Scale("national", 1_000_000, trusts=20, chunk=20_000, samples=200,
              naive_sample=1_000, web_seconds=20),
    ]
}
