"""The bench's CPU-per-request figure reads /proc: a process tree's CPU time."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from forlop.bench import web

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc")


def test_a_trees_cpu_counts_its_children():
    child = subprocess.Popen([sys.executable, "-c",
                              "import time\nend = time.process_time() + 0.6\n"
                              "while time.process_time() < end: pass\ntime.sleep(30)"])
    try:
        deadline = time.monotonic() + 20
        while web.tree_cpu_s([child.pid]) < 0.5 and time.monotonic() < deadline:
            time.sleep(0.1)
        own = web.tree_cpu_s([child.pid])
        assert own >= 0.5  # the child's busy loop
        assert web.tree_cpu_s([os.getppid()]) >= own  # an ancestor's tree holds it
    finally:
        child.kill()
        child.wait()


def test_the_ceiling_is_the_cores_over_the_cost(monkeypatch):
    monkeypatch.setattr(web.os, "cpu_count", lambda: 2)
    assert web.Load(100.0, {}, 4.0).cpu_ceiling_per_s == 500.0
    assert web.Load(100.0, {}, 0.0).cpu_ceiling_per_s == 0.0
