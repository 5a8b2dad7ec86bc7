"""Small timing helpers shared by the measurements."""

from __future__ import annotations

import math
import time
from collections.abc import Callable


def p95(samples: list[float]) -> float:
    """Nearest-rank 95th percentile (no interpolation: a real observed value)."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def timed_ms(fn: Callable[[], object], repeat: int, *, warmup: int = 2) -> list[float]:
    """Run ``fn`` ``warmup`` times untimed, then ``repeat`` times; return milliseconds."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return samples
