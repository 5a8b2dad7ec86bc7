"""A throwaway PostgreSQL cluster for tests and benchmarks.

``python -m forlop.devtools.pgcluster [--durable] -- COMMAND...`` starts a private
cluster on a Unix socket in a temporary directory, runs COMMAND with
``DATABASE_URL`` pointing at it, then stops the cluster and removes the directory.
PostgreSQL refuses to run as root, so as root the server runs as ``postgres``.
Start-up takes well under a second; nothing listens on TCP.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator


def _bin(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None
    )
    if not found:
        sys.exit(f"pgcluster: {name} not found; install PostgreSQL (make installs it with apt).")
    return found


def _as_owner(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@contextlib.contextmanager
def cluster(*, durable: bool = False, dbname: str = "forlop") -> Iterator[str]:
    """Yield a DATABASE_URL for a fresh cluster; stop and delete it afterwards."""
    base = tempfile.mkdtemp(prefix="forlop-pg-")
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(base, owner.pw_uid, owner.pw_gid)
    data = os.path.join(base, "data")
    quiet = {"stdout": subprocess.DEVNULL, "check": True}
    options = f"-k {base} -c listen_addresses=''"
    if durable:
        # Benchmarks: sized like a database server rather than a laptop default
        # (128 MB buffers, a checkpoint every 1 GB of WAL), as the PostgreSQL docs
        # advise for bulk loads; every write still reaches the disk.
        options += " -c shared_buffers=1GB -c max_wal_size=8GB"
    else:
        # Test data is thrown away: skip the flushes that make commits slow.
        options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    try:
        subprocess.run(_as_owner([_bin("initdb"), "-D", data, "-U", "postgres", "-A", "trust",
                                  "-E", "UTF8", "--no-sync"]), **quiet)
        subprocess.run(_as_owner([_bin("pg_ctl"), "-D", data, "-o", options, "-w", "-l",
                                  os.path.join(base, "log"), "start"]), **quiet)
        subprocess.run(_as_owner([_bin("createdb"), "-h", base, "-U", "postgres", dbname]),
                       **quiet)
        yield f"postgresql://postgres@/{dbname}?host={base}"
    finally:
        if os.path.exists(os.path.join(data, "postmaster.pid")):
            subprocess.run(_as_owner([_bin("pg_ctl"), "-D", data, "-m", "fast", "-w", "stop"]),
                           stdout=subprocess.DEVNULL, check=False)
        shutil.rmtree(base, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--durable", action="store_true",
                        help="keep fsync on, server-sized buffers and WAL (benchmarks)")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give a command to run, e.g. -- pytest")
    with cluster(durable=args.durable) as url:
        return subprocess.run(command, env={**os.environ, "DATABASE_URL": url},  # noqa: S603
                              check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
