"""Writing and verifying the access log.

``log_access`` writes one row per patient touched, in one transaction, chained to
the row before it. Writers are serialised (an advisory lock on PostgreSQL, taken and
released by the database function that writes the rows, ADR 80; SQLite transactions
are IMMEDIATE, see settings) so the chain never forks. It is called
before the response is built and outside the request's own work, so a request that
later fails or is refused is still logged.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from django.db import connection, connections, transaction
from django.utils import timezone

from forlop.access import headhint
from forlop.access.models import AccessLogEntry, Outcome
from forlop.access.models.log import GENESIS, HASHED, content_of, hash_of, row_hasher
from forlop.hotpath import hot_cursor

_LOCK_KEY = 7_013_001  # any constant; one advisory lock for the whole log
_PLAIN_UP_TO = 3  # rows a request hashes one by one, not from shared JSON


@dataclass(frozen=True)
class Touch:
    """One patient touched by a request, and on what basis."""

    patient_id: int | None
    basis: str
    role: str = ""
    unit_id: int | None = None


def log_access(request, *, action: str, what: str, touches: Iterable[Touch],
               outcome: str = Outcome.ALLOWED, reason: str = "") -> list[Logged]:
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    return append(
        user=user if signed_in else None,
        request_id=getattr(request, "request_id", ""),
        action=action, what=what, touches=touches, outcome=outcome, reason=reason,
    )


class Logged(NamedTuple):
    """What ``append`` wrote for one patient."""

    pk: int
    patient_id: int | None
    basis: str
    hash: str


def append(*, user, request_id: str, action: str, what: str, touches: Iterable[Touch],
           outcome: str = Outcome.ALLOWED, reason: str = "") -> list[Logged]:
    touches = _one_per_patient(touches)
    if not touches:
        return []
    now = timezone.now()
    name = (user.get_full_name() or user.username) if user else ""
    name = name[:AccessLogEntry._meta.get_field("user_name").max_length]  # first+last: 301
    common = {"at": now, "user_id": user.pk if user else None, "user_name": name,
              "action": action, "what": what, "outcome": outcome, "reason": reason[:500],
              "request_id": request_id}
    # Both = hash_of(content_of(row)); the shared JSON written once pays from four rows
    # on (~50 µs to make, ~8 µs a row after, against ~22 µs a row the plain way).
    hash_row = (row_hasher(common) if len(touches) > _PLAIN_UP_TO
                else lambda row: hash_of(content_of(row)))

    def chained(head: tuple) -> list[dict]:
        """The request's rows chained after ``head`` (its hash and place, or two
        ``None`` for an empty log)."""
        prev, seq = (head[0], head[1]) if head[0] is not None else (GENESIS, 0)
        rows = []
        for touch in touches:
            seq += 1
            row = {**common, "role": touch.role, "unit_id": touch.unit_id,
                   "patient_id": touch.patient_id, "basis": touch.basis, "prev_hash": prev,
                   "seq": seq}
            row["hash"] = prev = hash_row(row)
            rows.append(row)
        return rows

    if connection.vendor == "postgresql":
        rows, ids = _append_postgresql(chained)
    else:  # SQLite: the IMMEDIATE transaction holds the only write lock from its start
        with transaction.atomic():
            rows = chained(AccessLogEntry.objects.order_by("-id").values_list("hash", "seq")
                           .first() or (None, None))
            ids = _insert(rows)
    return [Logged(pk, row["patient_id"], row["basis"], row["hash"])
            for pk, row in zip(ids, rows, strict=True)]


_OPTIMISTIC = 3  # calls outside a transaction before one that holds the lock


def forget_head() -> None:
    """Drop the hint of where the head is (after the database was emptied or
    restored, as between tests): the next write asks the database."""
    if connection.vendor == "postgresql":
        headhint.for_connection(connection).write(None, None)


def _append_postgresql(chained) -> tuple[list[dict], list[int]]:
    """The rows chained to the head the hint names (``headhint``: where this
    machine's app processes last saw it) and written in one call each try (migration
    0011): the database inserts them only if that is still the head, else answers
    with the head as it is. Outside a transaction each call is its own transaction, so
    the writer lock is never held across a round trip; inside one the first call
    takes the lock for the rest of it, so the second cannot miss."""
    hint = headhint.for_connection(connection)
    rows, ids, head = _tries(chained, hint.read(), _OPTIMISTIC)
    if not ids:  # still behind after that many other writers: wait for the lock instead
        with transaction.atomic():
            rows, ids, _head = _tries(chained, head, 2)
        if not ids:
            raise RuntimeError("The access log's head moved while its lock was held.")
    hint.write(rows[-1]["hash"], rows[-1]["seq"])
    return rows, ids


def _tries(chained, head: tuple, tries: int) -> tuple[list[dict], list[int], tuple]:
    """Up to ``tries`` calls, each with the rows chained to the head the call before
    answered: the rows and their ids, or no ids and the head as the last call found."""
    rows, ids = [], []
    for _ in range(tries):
        rows = chained(head)
        ids, head = _call_append(rows, head)
        if ids:
            break
    return rows, ids, head


_APPEND = ("SELECT new_id, head_hash, head_seq FROM forlop_access_log_append("
           "%s::bigint, %s::text, %s::bigint, %s::timestamptz, %s::bigint, %s::text, %s::text,"
           " %s::text, %s::text, %s::text, %s::text, %s::text[], %s::bigint[], %s::bigint[],"
           " %s::text[], %s::text[], %s::text[], %s::bigint[])")


def _call_append(rows: list[dict], head: tuple) -> tuple[list[int], tuple]:
    """The new rows' ids, or none and the head the database found instead."""
    params = [_LOCK_KEY, *head, *(rows[0][n] for n in _SHARED)]
    params += [_array([row[n] for row in rows]) for n in _PER_ROW]
    with hot_cursor() as cursor:  # prepared: one text for any number of rows
        cursor.execute(_APPEND, params)
        answer = cursor.fetchall()
    if answer[0][0] is None:
        return [], (answer[0][1], answer[0][2])
    return [r[0] for r in answer], head


# What differs between the rows of one request; the rest is the same for all of them.
_PER_ROW = ("role", "unit_id", "patient_id", "basis", "prev_hash", "hash", "seq")


def _insert(rows: list[dict]) -> list[int]:
    """SQLite's write: one INSERT from plain values (model instances and
    ``bulk_create`` cost more than the database's work here, on the busiest page of
    the app). Names come from the model; values are always parameters."""
    at = connection.ops.adapt_datetimefield_value(rows[0]["at"])  # one moment for all
    head, returning = _insert_sql(connection.alias)
    marks = "(" + ", ".join(["%s"] * len(_NAMES)) + ")"
    sql = f"{head} VALUES {', '.join([marks] * len(rows))} {returning}"
    params = [at if n == "at" else row[n] for row in rows for n in _NAMES]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [r[0] for r in cursor.fetchall()]


_NAMES = (*HASHED, "hash", "seq")  # the columns the writer fills
_SHARED = tuple(n for n in _NAMES if n not in _PER_ROW)  # the same in every row


@functools.lru_cache(maxsize=8)
def _insert_sql(alias: str) -> tuple[str, str]:
    """The INSERT's head and ``RETURNING``, worked out once per database (quoting the
    names cost ~55 µs a request); the VALUES list grows with the rows."""
    ops, meta = connections[alias].ops, AccessLogEntry._meta
    columns = ", ".join(ops.quote_name(meta.get_field(n).column) for n in _NAMES)
    return (f"INSERT INTO {ops.quote_name(meta.db_table)} ({columns})",
            f"RETURNING {ops.quote_name(meta.pk.column)}")


def _array(values: list) -> str:
    """PostgreSQL's text form of an array of ints, texts and NULLs: one parameter the
    driver sends as it is, instead of dumping and quoting each element in Python."""
    return "{" + ",".join(["NULL" if v is None else str(v) if type(v) is int
                           else '"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"'
                           for v in values]) + "}"


def _one_per_patient(touches) -> list[Touch]:
    seen, out = set(), []
    for touch in touches:
        if touch.patient_id not in seen:
            seen.add(touch.patient_id)
            out.append(touch)
    return out


@dataclass(frozen=True)
class Verification:
    checked: int
    # Every broken row, in order: (row id, what is wrong). A forger who inserts one row
    # with a made-up hash must not hide later edits and deletions behind it, so the walk
    # goes on past a broken row (each row is checked against its own stored
    # predecessor, not against the first break).
    problems: tuple[tuple[int | None, str], ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def broken_id(self) -> int | None:
        return self.problems[0][0] if self.problems else None


LINK = ("the link to the previous row is broken (a row before it was removed, changed "
        "or reordered)")
CONTENT = "the row's content does not match its hash (the row was changed or forged)"
PLACE = ("the row's place in the chain is not the one after the row before it (a row "
         "before it was removed, or places were changed)")


def verify(chunk_size: int = 5000, checkpoints=()) -> Verification:
    """Walk the whole chain in order and report every row whose content or link is
    wrong; then check each signed checkpoint (``checkpoint.Checkpoint``) against the
    rows it names, which catches the removal of the newest rows."""
    prev, place, checked, problems = GENESIS, 0, 0, []
    heads = {}
    wanted = {c.last_id for c in checkpoints}
    for row in AccessLogEntry.objects.order_by("id").iterator(chunk_size=chunk_size):
        if row.prev_hash != prev:
            problems.append((row.pk, LINK))
        if row.compute_hash() != row.hash:
            problems.append((row.pk, CONTENT))
        # Places are not hashed (ADR 79) but only ever count up by one (ADR 80).
        if row.seq != place + 1:
            problems.append((row.pk, PLACE))
        place = row.seq
        if row.pk in wanted:
            heads[row.pk] = row.hash
        prev = row.hash
        checked += 1
    for c in checkpoints:
        if heads.get(c.last_id) != c.head_hash:
            problems.append((c.last_id, f"the checkpoint of {c.taken_at} names row "
                             f"{c.last_id} with another hash or a row that is gone (rows "
                             "were removed or rewritten after the checkpoint)"))
    return Verification(checked, tuple(problems))
