"""Requests per second under concurrent load: gunicorn on loopback, signed-in clients.

The server runs production settings (persistent database connections, DEBUG off;
on SQLite, which production refuses, the test settings with persistent connections)
with the bench process's secret key, so the session made here is valid there.
Load is bounded in time, comes from wrk, and never leaves 127.0.0.1.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import subprocess
import time
from collections import Counter
from pathlib import Path
from typing import NamedTuple
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.test import Client

from forlop.devtools import server
from forlop.devtools.server import HOST

WRK_SCRIPT = Path(__file__).with_name("wrk_statuses.lua")


def _database_url() -> str:
    if "DATABASE_URL" in os.environ:
        return os.environ["DATABASE_URL"]
    return f"sqlite:///{settings.DATABASES['default']['NAME']}"


def gunicorn(*, workers: int = 2, timeout: float = 30.0):
    """A gunicorn with production settings on this process's database (a context
    manager yielding the base URL)."""
    # Production refuses SQLite, so the SQLite figure runs the test settings with the
    # one production setting that matters for speed: persistent connections.
    production = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    env = {**os.environ, "FORLOP_ENV": "production" if production else "test",
           "DATABASE_CONN_MAX_AGE": "600", "SECRET_KEY": settings.SECRET_KEY,
           "ACCESS_LOG_KEY": settings.ACCESS_LOG_KEY,
           "ALLOWED_HOSTS": HOST, "DATABASE_URL": _database_url(),
           "SECURE_SSL_REDIRECT": "0", "LOG_LEVEL": "ERROR",
           # The benchmark measures the worklist, not sign-in: no second-factor step.
           "FORLOP_REQUIRE_TOTP": "0"}
    return server.gunicorn(env, workers=workers, timeout=timeout)


def session_cookie(user) -> str:
    """The session under both cookie names: production settings name it "__Host-…"."""
    client = Client()
    client.force_login(user)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    return f"sessionid={key}; __Host-sessionid={key}"


def _warm_up(url, headers: dict, path: str = "/", tries: int = 50, answers: int = 6) -> None:
    """The port opens before the workers have imported Django: wait for real answers
    (a few, so both workers have loaded the app and opened their connection)."""
    for _ in range(tries):
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        try:
            conn.request("GET", path, headers=headers)
            answers -= conn.getresponse().status == 200
            if answers <= 0:
                return
        except OSError:
            time.sleep(0.2)
        finally:
            conn.close()
    raise RuntimeError(f"the server never answered {path} with 200")


def _ticks(pid: int) -> tuple[int, int]:
    """(parent pid, CPU ticks used by the process and its reaped children)."""
    with open(f"/proc/{pid}/stat", "rb") as f:
        fields = f.read().rsplit(b")", 1)[1].split()
    return int(fields[1]), sum(int(n) for n in fields[11:15])


def tree_cpu_s(roots) -> float:
    """CPU seconds used so far by the processes ``roots`` and all their descendants
    (Linux /proc; 0 where there is none)."""
    if not Path("/proc/self/stat").exists():
        return 0.0
    parent, ticks = {}, {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                parent[int(entry.name)], ticks[int(entry.name)] = _ticks(int(entry.name))
            except (OSError, ValueError, IndexError):
                continue  # gone meanwhile
    wanted = set(roots) & set(ticks)
    grew = True
    while grew:
        more = {pid for pid, up in parent.items() if up in wanted} - wanted
        grew = bool(more)
        wanted |= more
    return sum(ticks[pid] for pid in wanted) / os.sysconf("SC_CLK_TCK")


def server_roots(base_url) -> list[int]:
    """The processes that serve a request: the gunicorn master (its workers below it)
    and, when the database is a cluster on this machine's Unix socket (``pgcluster``'s
    layout), its postmaster (the backends below it)."""
    roots = [base_url.pid] if hasattr(base_url, "pid") else []
    host = parse_qs(urlsplit(_database_url()).query).get("host", [""])[0]
    pidfile = Path(host, "data", "postmaster.pid") if host.startswith("/") else None
    if pidfile is not None and pidfile.exists():
        roots.append(int(pidfile.read_text().split()[0]))
    return roots


class Load(NamedTuple):
    per_s: float  # successful requests per second
    statuses: Counter  # count per status; socket errors under 0
    cpu_ms: float  # CPU of the server and its database per request (0: not known)

    @property
    def cpu_ceiling_per_s(self) -> float:
        """Requests per second the machine's cores would serve at this CPU cost, with
        nothing else running (the load generator included)."""
        return (os.cpu_count() or 1) * 1000 / self.cpu_ms if self.cpu_ms else 0.0


def load(base_url: str, cookie: str | None = None, *, clients: int, seconds: float,
         path: str = "/", headers: dict | None = None) -> Load:
    """``clients`` connections GET ``path`` (the worklist) for ``seconds`` through wrk
    (a load generator in C: a Python client would take a good part of the two cores
    from the server it measures), signed in by the session ``cookie`` or by
    ``headers`` (an API token). Also the CPU the server's processes and a local
    database's used per request (``/proc``): steadier than requests per second on a
    machine something else is using too."""
    headers = {**({"Cookie": cookie} if cookie else {}), **(headers or {})}
    wrk = shutil.which("wrk")
    if wrk is None:
        raise RuntimeError("wrk not found: install it (make bench does, with apt).")
    url = urlsplit(base_url)
    _warm_up(url, headers, path)
    sent = [arg for name, value in headers.items() for arg in ("--header", f"{name}: {value}")]
    roots = server_roots(base_url)
    cpu_before = tree_cpu_s(roots)
    done = subprocess.run(  # noqa: S603 - wrk from PATH, our own arguments
        [wrk, "--threads", str(min(2, clients)), "--connections", str(clients),
         "--duration", f"{max(1, round(seconds))}s", "--timeout", "30s",
         *sent, "--script", str(WRK_SCRIPT), f"{base_url}{path}"],
        capture_output=True, text=True, check=False)
    last = (done.stdout.strip().splitlines() or [""])[-1]
    if done.returncode != 0 or not last.startswith("{"):
        raise RuntimeError(f"wrk failed (exit {done.returncode}): {done.stderr.strip()}"
                           f" {done.stdout.strip()[-500:]}")
    cpu_s = tree_cpu_s(roots) - cpu_before
    report = json.loads(last)
    statuses = Counter({int(status): n for status, n in report["statuses"].items()})
    if report["errors"]:
        statuses[0] += report["errors"]
    answered = sum(statuses.values()) - statuses[0]
    return Load(statuses[200] / report["seconds"], statuses,
                cpu_s * 1000 / answered if roots and answered else 0.0)
