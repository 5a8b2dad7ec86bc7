"""The access log's hash chain, ``forlop audit verify``, and append-only storage (the
model refuses, and so does the database, to raw SQL and bulk queries alike)."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import ProtectedError

from forlop.access.audit import LINK, PLACE, Touch, append, verify
from forlop.access.models import AccessLogEntry, Basis, ImmutableLogError
from forlop.access.models.log import GENESIS
from tests import factories
from tests.access import builders as b

TABLE = AccessLogEntry._meta.db_table


@pytest.fixture
def log(org, clinician):
    """Five rows from three requests, for five patients."""
    patients = [factories.patient() for _ in range(5)]
    rows = []
    for request_id, chunk in (("r1", patients[:2]), ("r2", patients[2:3]), ("r3", patients[3:])):
        rows += append(user=clinician, request_id=request_id, action="read", what="worklist",
                       touches=[Touch(p.pk, Basis.UNIT, "clinician", org.unit_a.pk)
                                for p in chunk])
    return rows


def audit() -> str:
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue()


def sql(statement, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement.format(table=TABLE), params)


def test_each_row_links_to_the_one_before(log):
    stored = list(AccessLogEntry.objects.order_by("pk"))
    assert [r.pk for r in stored] == [r.pk for r in log]
    assert stored[0].prev_hash == GENESIS
    assert [r.prev_hash for r in stored[1:]] == [r.hash for r in stored[:-1]]
    assert all(r.hash == r.compute_hash() for r in stored)
    assert len({r.hash for r in stored}) == 5


def test_one_row_per_patient_even_if_touched_twice(clinician, patient):
    rows = append(user=clinician, request_id="r", action="read", what="pathway",
                  touches=[Touch(patient.pk, Basis.UNIT), Touch(patient.pk, Basis.CARE_TEAM)])
    assert [(r.patient_id, r.basis) for r in rows] == [(patient.pk, Basis.UNIT)]
    assert append(user=clinician, request_id="r", action="read", what="x", touches=[]) == []


def test_user_name_is_a_snapshot(clinician, patient):
    clinician.first_name, clinician.last_name = "Kari", "Nordmann"
    [row] = append(user=clinician, request_id="r", action="read", what="pathway",
                   touches=[Touch(patient.pk, Basis.UNIT)])
    clinician.first_name = "Endret"
    clinician.save()
    assert AccessLogEntry.objects.get(pk=row.pk).user_name == "Kari Nordmann"


def test_longest_possible_name_is_logged(clinician, patient):
    # first_name and last_name are 150 characters each: the full name is 301.
    clinician.first_name, clinician.last_name = "K" * 150, "N" * 150
    clinician.save()
    append(user=clinician, request_id="r", action="read", what="pathway",
           touches=[Touch(patient.pk, Basis.UNIT)])
    assert verify().ok


def test_verify_passes_on_an_intact_log(log):
    assert "5 rows verified" in audit()


def test_verify_passes_on_an_empty_log(db):
    assert "0 rows verified" in audit()


@pytest.mark.parametrize("column, value", [("what", "nothing"), ("basis", "break_glass"),
                                           ("user_name", "Someone Else"),
                                           ("request_id", "other")])
def test_verify_names_a_changed_row(log, column, value):
    target = log[2]
    with b.log_unguarded():
        sql(f"UPDATE {{table}} SET {column} = %s WHERE id = %s", [value, target.pk])  # noqa: S608
    with pytest.raises(CommandError, match=rf"row id {target.pk}\b.*content"):
        audit()


def test_verify_catches_a_changed_patient(log, stranger_pathway):
    with b.log_unguarded():
        sql("UPDATE {table} SET patient_id = %s WHERE id = %s",
            [stranger_pathway.patient_id, log[1].pk])
    with pytest.raises(CommandError, match=rf"row id {log[1].pk}\b"):
        audit()


def test_rewriting_a_rows_hash_breaks_the_next_link(log):
    target = AccessLogEntry.objects.get(pk=log[1].pk)
    target.what = "nothing"
    with b.log_unguarded():
        sql("UPDATE {table} SET what = %s, hash = %s WHERE id = %s",
            ["nothing", target.compute_hash(), target.pk])
    with pytest.raises(CommandError, match=rf"row id {log[2].pk}\b.*link"):
        audit()


@pytest.mark.parametrize("removed", [0, 2])
def test_verify_catches_a_removed_row(log, removed):
    with b.log_unguarded():
        sql("DELETE FROM {table} WHERE id = %s", [log[removed].pk])
    with pytest.raises(CommandError, match=rf"row id {log[removed + 1].pk}\b.*link"):
        audit()


def test_verify_names_a_row_whose_place_was_changed(log):
    # Places are not hashed: only their count (one more each row) shows the change.
    with b.log_unguarded():
        sql("UPDATE {table} SET seq = seq + 100 WHERE id = %s", [log[-1].pk])
    result = verify()
    assert result.problems == ((log[-1].pk, PLACE),)


def test_a_removed_row_shows_in_the_places_too(log):
    with b.log_unguarded():
        sql("DELETE FROM {table} WHERE id = %s", [log[1].pk])
    assert verify().problems == ((log[2].pk, LINK), (log[2].pk, PLACE))


def test_model_refuses_to_change_or_delete_a_row(log):
    row = AccessLogEntry.objects.get(pk=log[0].pk)
    row.what = "nothing"
    with pytest.raises(ImmutableLogError):
        row.save()
    with pytest.raises(ImmutableLogError):
        row.delete()
    assert AccessLogEntry.objects.get(pk=row.pk).what == "worklist"


@pytest.mark.parametrize("statement", [
    "UPDATE {table} SET what = 'nothing' WHERE id = %s",
    "DELETE FROM {table} WHERE id = %s",
])
def test_database_refuses_raw_update_and_delete(log, statement):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        sql(statement, [log[0].pk])
    assert AccessLogEntry.objects.count() == 5
    assert verify().ok


def test_database_refuses_bulk_update_and_delete(log):
    rows = AccessLogEntry.objects.filter(pk=log[0].pk)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        rows.update(what="nothing")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        rows.delete()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AccessLogEntry.objects.all().delete()
    assert AccessLogEntry.objects.count() == 5
    assert verify().ok


def test_database_refuses_truncate(log):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no TRUNCATE (DELETE is refused, above)")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        sql("SET CONSTRAINTS ALL IMMEDIATE")
        sql("TRUNCATE {table}")


def test_database_refuses_a_fork_of_the_chain(log):
    """No two rows may take the same place, so no two follow the same row, whoever
    writes (the writers' lock keeps the app from trying; this keeps raw SQL from it
    too)."""
    first = AccessLogEntry.objects.order_by("pk").first()
    fork = AccessLogEntry(at=first.at, user_name="x", action="read", what="x",
                          basis=Basis.UNIT, outcome="allowed", prev_hash=first.prev_hash,
                          hash="f" * 64, seq=first.seq)
    with pytest.raises(IntegrityError, match="seq|accesslog_one_successor"), \
            transaction.atomic():
        fork.save()
    assert AccessLogEntry.objects.count() == 5


def test_the_rows_are_numbered_in_the_chains_order(log):
    rows = list(AccessLogEntry.objects.order_by("pk").values_list("seq", flat=True))
    assert rows == list(range(1, len(rows) + 1))


@pytest.mark.parametrize("relation", ["patient", "user", "unit"])
def test_what_the_log_names_cannot_be_deleted(log, relation):
    """The log's references carry no database constraint; Django's PROTECT holds."""
    entry = AccessLogEntry.objects.exclude(**{relation: None}).first()
    with pytest.raises(ProtectedError) as refused:
        getattr(entry, relation).delete()
    assert any(isinstance(o, AccessLogEntry) for o in refused.value.protected_objects)


def _forge_row(after_hash: str) -> int:
    """A row inserted by someone with database access but without ACCESS_LOG_KEY (its
    id from the table's own sequence, as a real row's); returns its id."""
    last = AccessLogEntry.objects.order_by("-id").first()
    sql("INSERT INTO {table} (at, user_name, role, action, what, basis, outcome, reason, "
        "request_id, prev_hash, hash, seq) VALUES (%s, '', '', 'read', 'x', 'none', "
        "'allowed', '', '', %s, %s, %s)", [last.at, after_hash, "f" * 64, last.seq + 1])
    return AccessLogEntry.objects.get(hash="f" * 64).pk


def test_verify_reports_every_broken_row_and_goes_on_past_a_forged_one(log, org, clinician):
    """Issue 11, hole 4: after one forged row, later edits and deletions went unreported."""
    forged = _forge_row(log[-1].hash)
    later = append(user=clinician, request_id="r4", action="read", what="worklist",
                   touches=[Touch(factories.patient().pk, Basis.UNIT) for _ in range(3)])
    with b.log_unguarded():
        sql("UPDATE {table} SET what = 'nothing' WHERE id = %s", [later[0].pk])
        sql("DELETE FROM {table} WHERE id = %s", [later[1].pk])
    result = verify()
    assert [(row, problem.split()[1:3]) for row, problem in result.problems] == [
        (forged, ["row's", "content"]), (later[0].pk, ["row's", "content"]),
        (later[2].pk, ["link", "to"]), (later[2].pk, ["row's", "place"])]
    with pytest.raises(CommandError, match="4 problem"):
        audit()


def test_a_checkpoint_catches_the_removal_of_the_newest_rows(log):
    from forlop.access import checkpoint

    checkpoint.take()
    assert "1 checkpoint(s) matched" in audit()
    with b.log_unguarded():
        sql("DELETE FROM {table} WHERE id = %s", [log[-1].pk])
    assert verify().ok  # the chain alone cannot tell: the rest is intact
    with pytest.raises(CommandError, match=rf"row id {log[-1].pk}: the checkpoint"):
        audit()


def test_a_forged_checkpoint_is_refused(log, settings):
    import json
    from pathlib import Path

    from forlop.access import checkpoint

    checkpoint.take()
    [path] = Path(settings.ACCESS_LOG_CHECKPOINT_DIR).glob("checkpoint-*.json")
    data = json.loads(path.read_text())
    path.write_text(json.dumps({**data, "last_id": log[0].pk}))
    with pytest.raises(CommandError, match="signature does not match"):
        audit()


def test_checkpoint_command_writes_a_signed_file(log, settings):
    out = io.StringIO()
    call_command("audit", "checkpoint", stdout=out)
    assert f"row {log[-1].pk}, 5 rows" in out.getvalue()
