"""The access log's writer takes shortcuts (the JSON around a request's per-row values
written once, arrays sent as PostgreSQL's text): each must give what the plain way
gives, or the chain would not verify."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forlop.access import audit, headhint
from forlop.access.audit import Touch, append, verify
from forlop.access.models import AccessLogEntry, Basis
from forlop.access.models.log import content_of, hash_of, row_hasher
from tests import factories

COMMON = {"at": dt.datetime(2026, 12, 3, 10, 1, 2, 345678, tzinfo=dt.UTC), "user_id": 7,
          "user_name": 'Åse "Ø" Back\\slash \u2028', "action": "read", "what": "export",
          "outcome": "allowed", "reason": "", "request_id": "r-1"}


@pytest.mark.parametrize("per_row", [
    {"role": "", "unit_id": None, "patient_id": 12, "basis": Basis.UNIT, "prev_hash": "0" * 64},
    {"role": 'lege "ø"', "unit_id": 3, "patient_id": None, "basis": "consent",
     "prev_hash": "ab" * 32},
    {"role": "x\ny", "unit_id": True, "patient_id": 10**20, "basis": "æ", "prev_hash": ""},
])
def test_a_rows_hash_from_the_shared_json_is_the_plain_hash(per_row):
    row = {**COMMON, **per_row}
    assert row_hasher(COMMON)(row) == hash_of(content_of(row))


def test_a_shared_value_holding_a_marks_text_still_hashes_as_the_plain_way():
    common = {**COMMON, "reason": "\x000", "user_name": "\x004"}
    row = {**common, "role": "r", "unit_id": 1, "patient_id": 2, "basis": "unit",
           "prev_hash": "c" * 64}
    assert row_hasher(common)(row) == hash_of(content_of(row))


@pytest.mark.django_db
def test_rows_with_quotes_backslashes_and_no_unit_are_stored_as_given_and_verify(clinician):
    # More rows than ``audit._PLAIN_UP_TO``: hashed from the request's shared JSON.
    patients = [factories.patient() for _ in range(5)]
    roles = ['a "quoted" role', "back\\slash, comma", "", "{braces}", "ø\n"]
    logged = append(user=clinician, request_id="r", action="read", what="export",
                    touches=[Touch(p.pk, Basis.UNIT, role, None)
                             for p, role in zip(patients, roles, strict=True)])
    stored = list(AccessLogEntry.objects.filter(pk__in=[r.pk for r in logged]).order_by("pk"))
    assert [(r.patient_id, r.role, r.unit_id) for r in stored] == [
        (p.pk, role, None) for p, role in zip(patients, roles, strict=True)]
    assert verify().ok


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, audit._PLAIN_UP_TO, audit._PLAIN_UP_TO + 1, 9])
def test_either_way_of_hashing_a_requests_rows_verifies(clinician, rows):
    patients = [factories.patient() for _ in range(rows)]
    append(user=clinician, request_id="r", action="read", what="worklist",
           touches=[Touch(p.pk, Basis.UNIT, "clinician") for p in patients])
    assert AccessLogEntry.objects.count() == rows
    assert verify().ok


# PostgreSQL's writer (ADR 80): rows chained to a guessed head, written only if the
# guess is still the head under the lock; one round trip when it is.
on_postgresql = pytest.mark.skipif("connection.vendor != 'postgresql'")


def read(user, patients, what="pathway"):
    return append(user=user, request_id="r", action="read", what=what,
                  touches=[Touch(p.pk, Basis.UNIT) for p in patients])


@on_postgresql
@pytest.mark.parametrize("guess", ["wrong", "empty", "older"])
def test_a_wrong_guess_of_the_head_is_put_right_and_the_chain_holds(db, clinician, guess):
    patients = [factories.patient() for _ in range(3)]
    first = read(clinician, patients[:2])
    headhint.for_connection(connection).write(*{
        "wrong": ("f" * 64, 999), "empty": (None, None),
        "older": (first[0].hash, AccessLogEntry.objects.get(pk=first[0].pk).seq)}[guess])
    [row] = read(clinician, patients[2:])
    stored = AccessLogEntry.objects.get(pk=row.pk)
    assert (stored.prev_hash, stored.seq) == (first[1].hash, 3)
    assert verify().ok


@on_postgresql
def test_a_right_guess_costs_one_statement_and_a_wrong_one_two(db, clinician):
    patients = [factories.patient() for _ in range(2)]
    read(clinician, patients[:1])  # the process now knows the head
    with CaptureQueriesContext(connection) as right:
        read(clinician, patients[1:])
    headhint.for_connection(connection).write("f" * 64, 999)
    with CaptureQueriesContext(connection) as wrong:
        read(clinician, patients[:1])
    assert (len(right), len(wrong)) == (1, 2)
    assert all("forlop_access_log_append" in q["sql"] for q in [*right, *wrong])
    assert verify().ok


@on_postgresql
def test_after_many_misses_the_writer_waits_for_the_lock(db, clinician, monkeypatch):
    monkeypatch.setattr(audit, "_OPTIMISTIC", 0)  # no call outside a transaction
    patients = [factories.patient() for _ in range(2)]
    read(clinician, patients[:1])
    headhint.for_connection(connection).write("f" * 64, 999)
    [row] = read(clinician, patients[1:])
    assert AccessLogEntry.objects.get(pk=row.pk).seq == 2
    assert verify().ok


@on_postgresql
def test_the_append_function_writes_every_column_the_writer_fills(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_functiondef('forlop_access_log_append'::regproc)")
        [definition] = cursor.fetchone()
    listed = re.search(r"INSERT INTO access_accesslogentry AS e\s*\(([^)]*)\)", definition)
    columns = [c.strip() for c in listed.group(1).split(",")]
    fields = [f.column for f in AccessLogEntry._meta.concrete_fields if not f.primary_key]
    assert columns == [AccessLogEntry._meta.get_field(n).column for n in audit._NAMES]
    assert sorted(columns) == sorted(fields)
