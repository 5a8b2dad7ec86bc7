"""Migration access/0010 numbers the rows an existing log holds, in the chain's order,
and leaves the log append-only and verifiable (ADR 79)."""

import datetime as dt

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from forlop.access.audit import Touch, append, verify
from forlop.access.models import AccessLogEntry, Basis
from forlop.access.models.log import GENESIS, content_of, hash_of

BEFORE = ("access", "0009_alter_accesslogentry_basis")
TABLE = AccessLogEntry._meta.db_table


def migrate(target=None):
    """To ``target``, or back to the newest migration of every app."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target] if target else executor.loader.graph.leaf_nodes())


def insert_old_rows(n: int) -> list[str]:
    """``n`` rows as the writer before 0010 wrote them (no place), hashes and links
    right; returns their hashes."""
    at = dt.datetime(2026, 11, 2, 8, 30, tzinfo=dt.UTC)
    prev, hashes = GENESIS, []
    with connection.cursor() as cursor:
        for i in range(n):
            row = {"at": at, "user_id": None, "user_name": f"Syntetisk {i}", "role": "",
                   "unit_id": None, "patient_id": None, "action": "read", "what": "x",
                   "basis": Basis.NONE, "outcome": "allowed", "reason": "",
                   "request_id": f"r{i}", "prev_hash": prev}
            prev = hash_of(content_of(row))
            hashes.append(prev)
            cursor.execute(
                f"INSERT INTO {TABLE} (at, user_name, role, action, what, basis, outcome, "  # noqa: S608
                "reason, request_id, prev_hash, hash) VALUES (%s, %s, '', 'read', 'x', %s, "
                "'allowed', '', %s, %s, %s)",
                [at, row["user_name"], row["basis"], row["request_id"], row["prev_hash"],
                 prev])
    return hashes


def test_the_migration_numbers_an_existing_log_and_keeps_it_append_only(transactional_db):
    migrate(BEFORE)
    try:
        hashes = insert_old_rows(4)
    finally:
        migrate()  # through 0010, and on: the writer needs what later ones make
    stored = list(AccessLogEntry.objects.order_by("pk").values_list("hash", "seq"))
    assert stored == [(h, i) for i, h in enumerate(hashes, start=1)]
    assert verify().ok
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AccessLogEntry.objects.filter(seq=2).update(what="changed")
    [next_row] = append(user=None, request_id="r5", action="read", what="x",
                        touches=[Touch(None, Basis.NONE)])
    assert (AccessLogEntry.objects.get(pk=next_row.pk).seq, verify().ok) == (5, True)
