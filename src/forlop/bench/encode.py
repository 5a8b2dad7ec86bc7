"""Rows in each database's bulk-load format, written by the generator processes.

PostgreSQL: ``COPY ... FROM STDIN`` text format (tab-separated, ``\\N`` for NULL,
``t``/``f``, backslash escapes), so the writing process only streams bytes and the
server parses them. SQLite: pickled tuples of the values Django would bind (dates as
ISO text, booleans as 0/1, aware datetimes as naive UTC text), for ``executemany``.
Rows are tuples of plain Python values in the order of a table's fields.
"""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path


def _pg_text(value: str) -> str:
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        return (value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
                .replace("\r", "\\r"))
    return value


@lru_cache(maxsize=65536)
def _pg_datetime(value: dt.datetime) -> str:
    return value.isoformat()


_PG = {
    str: _pg_text,
    int: str,
    bool: lambda v: "t" if v else "f",
    type(None): lambda v: "\\N",
    dt.date: dt.date.isoformat,
    dt.datetime: _pg_datetime,
}


@lru_cache(maxsize=65536)
def _sqlite_datetime(value: dt.datetime) -> str:
    return str(value.astimezone(dt.UTC).replace(tzinfo=None))


_SQLITE = {
    bool: int,
    dt.date: dt.date.isoformat,
    dt.datetime: _sqlite_datetime,
}


def write_copy(path: Path, rows: Iterable[tuple]) -> None:
    pg = _PG
    lines = ["\t".join([pg[type(v)](v) for v in row]) for row in rows]
    lines.append("")
    path.write_bytes("\n".join(lines).encode())


def write_pickle(path: Path, rows: Iterable[tuple]) -> None:
    conv = _SQLITE
    adapted = [tuple([conv[type(v)](v) if type(v) in conv else v for v in row])
               for row in rows]
    with path.open("wb") as f:
        pickle.dump(adapted, f, protocol=pickle.HIGHEST_PROTOCOL)


def read_pickle(path: Path) -> list[tuple]:
    with path.open("rb") as f:
        return pickle.load(f)  # noqa: S301 - written by this process's own workers


def read_blocks(path: Path, size: int = 1 << 20) -> Iterator[bytes]:
    with path.open("rb") as f:
        while block := f.read(size):
            yield block


WRITERS = {"postgresql": (write_copy, "copy"), "sqlite": (write_pickle, "pickle")}


def write(vendor: str, spool: Path, table: str, index: int, rows: list[tuple]) -> Path:
    """One chunk of one table, as ``spool/table-00007.copy`` (or ``.pickle``)."""
    writer, suffix = WRITERS[vendor]
    path = spool / f"{table}-{index:05d}.{suffix}"
    writer(path, rows)
    return path


def chunk_files(spool: Path, table: str) -> list[Path]:
    """A table's chunk files in chunk order (so ids arrive in ascending blocks)."""
    return sorted(spool.glob(f"{table}-*.*"))
