"""Rows in each database's bulk-load format, written by the generator processes.

PostgreSQL: ``COPY ... FROM STDIN`` text format (tab-separated, ``\\N`` for NULL,
``t``/``f``, backslash escapes), so the writing process only streams bytes and the
server parses them. SQLite: pickled tuples of the values Django would bind (dates as
ISO text, booleans as 0/1, aware datetimes as naive UTC text), for ``executemany``.
Rows are tuples of plain Python values in the order of a table's fields.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator
from pathlib import Path

# The formats are forlop.bulkcopy's: the FHIR/CSV import writes rows the same way.
from forlop.bulkcopy import copy_text, sqlite_rows


def write_copy(path: Path, rows: Iterable[tuple]) -> None:
    path.write_bytes(copy_text(rows))


def write_pickle(path: Path, rows: Iterable[tuple]) -> None:
    adapted = sqlite_rows(rows)
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
