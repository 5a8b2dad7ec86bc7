"""Set-based row writes: ``COPY ... FROM STDIN`` on PostgreSQL, ``executemany`` in
one statement per batch on SQLite. Never one ORM save per row.

The bench's loader (``forlop.bench.bulk``, ``forlop.bench.encode``) writes its spool
files in these formats and streams them with the same calls; the FHIR/CSV import
(``forlop.fhir.importing``) writes a unit's history through ``insert_rows`` into the
live tables, their keys, indexes and foreign keys in place (the bench drops them,
which only an empty database allows).

Rows are tuples of plain Python values in the order of the fields named.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache
from itertools import islice

from django.db import connection


def _pg_text(value: str) -> str:
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        return (value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
                .replace("\r", "\\r"))
    return value


@lru_cache(maxsize=65536)
def _pg_datetime(value: dt.datetime) -> str:
    return value.isoformat()


# PostgreSQL's COPY text format: tab-separated, ``\N`` for NULL, ``t``/``f``.
PG_TEXT = {
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


# The values Django would bind on SQLite (types not named pass through).
SQLITE_VALUES = {
    bool: int,
    dt.date: dt.date.isoformat,
    dt.datetime: _sqlite_datetime,
}


def copy_text(rows: Iterable[tuple]) -> bytes:
    """Rows as one block of COPY text (a trailing newline after the last row)."""
    pg = PG_TEXT
    lines = ["\t".join([pg[type(v)](v) for v in row]) for row in rows]
    lines.append("")
    return "\n".join(lines).encode()


def sqlite_rows(rows: Iterable[tuple]) -> list[tuple]:
    conv = SQLITE_VALUES
    return [tuple([conv[type(v)](v) if type(v) in conv else v for v in row]) for row in rows]


def column_list(model, fields: tuple[str, ...]) -> str:
    q = connection.ops.quote_name
    return ", ".join(q(model._meta.get_field(f).column) for f in fields)


def insert_rows(model, fields: tuple[str, ...], rows: Iterable[tuple], *,
                batch: int = 20_000) -> int:
    """Write ``rows`` into ``model``'s table in batches; returns how many. Runs in the
    caller's transaction (an import is all or nothing)."""
    table = connection.ops.quote_name(model._meta.db_table)
    columns = column_list(model, fields)
    rows = iter(rows)
    written = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                while chunk := list(islice(rows, batch)):
                    copy.write(copy_text(chunk))
                    written += len(chunk)
            return written
        marks = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
        while chunk := list(islice(rows, batch)):
            cursor.executemany(sql, sqlite_rows(chunk))
            written += len(chunk)
    return written
