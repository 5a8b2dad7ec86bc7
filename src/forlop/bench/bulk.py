"""Bulk import of spooled chunk files, the way a restore or first migration loads.

As ``pg_restore`` does and PostgreSQL's "Populating a Database" advises: drop the
tables' foreign keys, keys and indexes, write the rows with the bulk path (``COPY``
on PostgreSQL, in one stream per core; ``executemany`` in one transaction per table
on SQLite, foreign-key enforcement off), then build the keys and indexes and add
the foreign keys back, which checks every row. Only into empty tables: into a live
database the indexes stay and rows arrive through the services.

Every step is timed per table: ``write_s`` (the rows) and ``index_s`` (its keys,
indexes and foreign-key checks), so the import figures include the index builds.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from django.core.management.color import no_style
from django.db import connection, connections, transaction

from forlop.bench import encode

log = logging.getLogger(__name__)

@dataclass(frozen=True)
class Table:
    name: str  # the generator's key (spool file prefix)
    model: type
    fields: tuple[str, ...]

    @property
    def db_table(self) -> str:
        return self.model._meta.db_table

    def column_list(self) -> str:
        q = connection.ops.quote_name
        return ", ".join(q(self.model._meta.get_field(f).column) for f in self.fields)


@dataclass
class TableLoad:
    rows: int = 0
    write_s: float = 0.0
    index_s: float = 0.0


def import_spool(tables: list[Table], spool: Path, *, streams: int = 2) -> dict[str, TableLoad]:
    """Load every table's chunk files from ``spool`` into its (empty) table."""
    loads = {t.name: TableLoad() for t in tables}
    if connection.vendor == "postgresql":
        # Inside a transaction (the tests) other connections would wait on its locks.
        _pg_import(tables, spool, loads, 1 if connection.in_atomic_block else streams)
    else:
        _sqlite_import(tables, spool, loads)
    return loads


# PostgreSQL -----------------------------------------------------------------------

PG_CONSTRAINTS = """
SELECT c.conrelid::regclass::text, c.conname, c.contype, pg_get_constraintdef(c.oid)
FROM pg_constraint c
WHERE c.contype IN ('p', 'u', 'f')
  AND (c.conrelid = ANY(%s::regclass[]) OR (c.contype = 'f' AND c.confrelid = ANY(%s::regclass[])))
ORDER BY c.contype <> 'f', c.conname
"""
PG_INDEXES = """
SELECT i.indrelid::regclass::text, i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
FROM pg_index i
WHERE i.indrelid = ANY(%s::regclass[])
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                  WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
ORDER BY 2
"""


def _pg_import(tables, spool, loads, streams: int) -> None:
    names = [t.db_table for t in tables]
    q = connection.ops.quote_name
    # Deferred checks still pending (rows made earlier in this transaction) would
    # forbid the ALTER TABLEs: run them now.
    connection.check_constraints()
    with connection.cursor() as cursor:
        cursor.execute(PG_CONSTRAINTS, [names, names])
        constraints = cursor.fetchall()  # foreign keys first: they hold on to the keys
        cursor.execute(PG_INDEXES, [names])
        indexes = cursor.fetchall()
        with transaction.atomic():
            for table, name, _kind, _definition in constraints:
                cursor.execute(f"ALTER TABLE {q(table)} DROP CONSTRAINT {q(name)}")
            for _table, name, _definition in indexes:
                cursor.execute(f"DROP INDEX {q(name)}")
    by_table = {t.db_table: t.name for t in tables}
    for table in tables:
        started = time.perf_counter()
        _pg_copy(table, encode.chunk_files(spool, table.name), streams)
        loads[table.name].write_s = time.perf_counter() - started
    # Keys and indexes first, foreign keys last (they need the keys they point at).
    build = [(t, f"ALTER TABLE {q(t)} ADD CONSTRAINT {q(n)} {d}")
             for t, n, kind, d in constraints if kind != "f"]
    build += [(t, d) for t, _n, d in indexes]
    build += [(t, f"ALTER TABLE {q(t)} ADD CONSTRAINT {q(n)} {d}")
              for t, n, kind, d in constraints if kind == "f"]
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '1GB'")  # sorts in memory
        for table, sql in build:
            started = time.perf_counter()
            cursor.execute(sql)
            seconds = time.perf_counter() - started
            log.debug("%.2f s %s", seconds, sql)
            if table in by_table:
                loads[by_table[table]].index_s += seconds
        cursor.execute("RESET maintenance_work_mem")


def _pg_copy(table: Table, files: list[Path], streams: int) -> None:
    """COPY the files in ``streams`` parallel connections (each one transaction);
    files alternate between streams, so each pathway's rows stay in one stream."""
    sql = f"COPY {connection.ops.quote_name(table.db_table)} ({table.column_list()}) FROM STDIN"
    if streams <= 1 or len(files) <= 1:
        _copy_files(connection, sql, files)
        return

    def stream(share: list[Path]) -> None:
        try:
            _copy_files(connections["default"], sql, share)  # this thread's own connection
        finally:
            connections.close_all()

    with ThreadPoolExecutor(streams) as pool:
        for future in [pool.submit(stream, files[k::streams]) for k in range(streams)]:
            future.result()


def _copy_files(conn, sql: str, files: list[Path]) -> None:
    with conn.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for path in files:
            for block in encode.read_blocks(path):
                copy.write(block)


# SQLite ---------------------------------------------------------------------------

def _sqlite_import(tables, spool, loads) -> None:
    names = [t.db_table for t in tables]
    with connection.cursor() as cursor:
        cursor.execute("SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'index' "
                       "AND sql IS NOT NULL ORDER BY name")
        indexes = [row for row in cursor.fetchall() if row[0] in names]
    disabled = connection.disable_constraint_checking()
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            for _table, name, _sql in indexes:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        for table in tables:
            started = time.perf_counter()
            values = ", ".join(["%s"] * len(table.fields))
            sql = (f"INSERT INTO {connection.ops.quote_name(table.db_table)} "  # noqa: S608
                   f"({table.column_list()}) VALUES ({values})")
            with transaction.atomic(), connection.cursor() as cursor:
                for path in encode.chunk_files(spool, table.name):
                    cursor.executemany(sql, encode.read_pickle(path))
            loads[table.name].write_s = time.perf_counter() - started
        by_table = defaultdict(list)
        for table, _name, sql in indexes:
            by_table[table].append(sql)
        for table in tables:
            started = time.perf_counter()
            with transaction.atomic(), connection.cursor() as cursor:
                for sql in by_table[table.db_table]:
                    cursor.execute(sql)
            loads[table.name].index_s = time.perf_counter() - started
    finally:
        if disabled:
            connection.enable_constraint_checking()
    for table in tables:
        started = time.perf_counter()
        connection.check_constraints(table_names=[table.db_table])  # raises on a bad key
        loads[table.name].index_s += time.perf_counter() - started


# Both -----------------------------------------------------------------------------

def next_id(model) -> int:
    """The first id after the rows already present (ids are given explicitly in bulk)."""
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def reset_sequences(*models) -> None:
    """Move PostgreSQL's id sequences past explicitly inserted ids (SQLite needs nothing)."""
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(sql)


def analyze(*models) -> None:
    """Fresh planner statistics (and, on PostgreSQL outside a transaction, the
    visibility map and hint bits) after a bulk load, as an operator would."""
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        for model in models:
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"VACUUM (ANALYZE) {table}" if vacuum else f"ANALYZE {table}")
