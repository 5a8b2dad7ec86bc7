"""Run Forløp under gunicorn on a free loopback port, for browser tests and benchmarks.

Nothing listens beyond 127.0.0.1. The caller decides the environment (settings,
database); this module only starts the server, waits until it accepts connections,
and stops it.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Served(str):
    """The base URL of a running server, with the process id of its master."""

    pid: int


@contextlib.contextmanager
def gunicorn(env: Mapping[str, str], *, workers: int = 2, timeout: float = 30.0,
             port: int | None = None) -> Iterator[str]:
    """Yield the base URL of a gunicorn serving ``forlop.wsgi`` with ``env`` (on
    ``port``, when the caller must know it before the server starts)."""
    port = port or free_port()
    cmd = [sys.executable, "-m", "gunicorn", "forlop.wsgi:application", "--workers",
           str(workers), "--bind", f"{HOST}:{port}", "--log-level", "error"]
    server = subprocess.Popen(cmd, env=dict(env))
    try:
        wait_for_port(port, server, timeout)
        served = Served(f"http://{HOST}:{port}")
        served.pid = server.pid
        yield served
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_for_port(port: int, server: subprocess.Popen, timeout: float, *,
                  name: str = "gunicorn") -> None:
    """Return once ``server`` accepts connections on ``port``; fail if it exits first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"{name} exited with {server.returncode}")
        with contextlib.suppress(OSError), socket.create_connection((HOST, port), 0.2):
            return
        time.sleep(0.1)
    raise RuntimeError(f"{name} did not start in time")
