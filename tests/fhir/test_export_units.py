"""The bulk export is the served mapping: every exported resource of the demo is what
``GET /fhir/R4/<Type>/<id>`` serves its reader; restricted patients stay out; only
the types asked for; forked workers write what one process writes."""

import datetime as dt
import json
import os
from collections import defaultdict
from pathlib import Path

import pytest
from django.db import connection

from forlop.access.models import AccessLogEntry, Restriction
from forlop.accounts.models import RoleAssignment, User
from forlop.accounts.roles import Role
from forlop.demo.load import load_demo
from forlop.fhir import exporting
from forlop.fhir.exporting import TYPES, _dates_as_text, can_fork, export_unit, export_units
from forlop.fhir.importing.run import import_file
from forlop.organisations.models import Unit
from forlop.pathways.models import Pathway
from forlop.plans.models import ResponseKind, SelfReport
from forlop.plans.selectors import current_version
from forlop.plans.services import answer_self_report, respond, save_version
from tests.fhir.importing import pathway_rows, person, write_csv

TODAY = dt.date(2026, 11, 23)
IMPORTED = dt.date(2024, 6, 3)  # the day tests.fhir.importing's histories are read in


def read(folder: Path) -> dict[str, list[dict]]:
    return {p.relative_to(folder).as_posix(): [json.loads(line) for line in p.open()]
            for p in sorted(folder.rglob("*.ndjson"))}


def demo_reader():
    """The demo, and a reader with a unit role in every unit that has pathways."""
    load_demo(seed=1, pathways=40, today=TODAY)
    reader = User.objects.create_user(username="eksport", first_name="Eks", last_name="Port")
    units = list(Unit.objects.select_related("trust").filter(pathways__isnull=False)
                 .distinct().order_by("pk"))
    for unit in units:
        RoleAssignment.objects.create(user=reader, role=Role.CLINICIAN, unit=unit,
                                      valid_from=dt.date(2000, 1, 1))
    return reader, units


@pytest.mark.django_db
def test_every_exported_resource_is_what_the_server_serves_and_restricted_stay_out(
        client, tmp_path):
    reader, units = demo_reader()
    planned = Pathway.objects.filter(plan_versions__isnull=False).first()
    respond(version=current_version(planned), by=planned.patient.user,
            kind=ResponseKind.SIGNED, today=TODAY)  # the CarePlan's signature note
    # A self-report on a pathway without a plan: the two kinds are found apart.
    reporting = Pathway.objects.filter(is_open=True, plan_versions__isnull=True).exclude(
        patient=planned.patient).order_by("pk").first()
    reporting.patient.user = User.objects.create_user(username="rapport")
    reporting.patient.save(update_fields=["user"])
    answer_self_report(pathway=reporting, by=reporting.patient.user, how_it_goes="Bedre")
    # ... and a plan on a pathway without a self-report.
    plan_only = Pathway.objects.filter(is_open=True, plan_versions__isnull=True).exclude(
        patient__in=[planned.patient, reporting.patient]).order_by("pk").first()
    save_version(pathway=plan_only, by=reader, content={"goals": "Sove bedre"})
    barred = Pathway.objects.exclude(
        patient__in=[planned.patient, reporting.patient, plan_only.patient]) \
        .order_by("pk").first().patient
    # A restriction against one of the reader's units bars the reader from the patient.
    Restriction.objects.create(patient=barred, barred_unit=units[-1], reason="Syntetisk",
                               created_by=reader)
    export_units(units, tmp_path, by=reader, workers=1)
    client.force_login(reader)
    exported = {(r["resourceType"], r["id"]): r
                for resources in read(tmp_path).values() for r in resources}
    served = {key: client.get(f"/fhir/R4/{key[0]}/{key[1]}").json() for key in exported}
    ids = defaultdict(set)
    for kind, rid in exported:
        ids[kind].add(rid)
    assert served == exported
    assert set(ids) == set(TYPES)  # the demo has every type, plans and self-reports too
    # Every plan and self-report of a patient the reader may see is exported, too.
    assert ids["CarePlan"] == {str(pk) for pk in Pathway.objects.filter(
        plan_versions__isnull=False).exclude(patient=barred).values_list("pk", flat=True)}
    assert ids["QuestionnaireResponse"] == {str(pk) for pk in SelfReport.objects.exclude(
        pathway__patient=barred).values_list("pk", flat=True)}
    assert (str(barred.pk) in ids["Patient"],
            exported[("CarePlan", str(planned.pk))]["note"][-1]["text"]) == (
        False, "signed by the patient")


@pytest.mark.django_db
def test_only_the_types_asked_for_and_no_log_without_a_patient_type(tmp_path):
    reader, units = demo_reader()
    unit = max(units, key=lambda u: u.pathways.count())
    logged = AccessLogEntry.objects.filter(what="export").count()
    only = export_unit(unit, tmp_path / "org", by=reader, types={"Organization",
                                                                  "Practitioner"})
    unlogged = AccessLogEntry.objects.filter(what="export").count() - logged
    some = export_unit(unit, tmp_path / "some", by=reader, types={"Task", "CarePlan"})
    full = export_unit(unit, tmp_path / "all", by=reader)
    assert (sorted(only.files), unlogged, sorted(some.files)) == (
        ["Organization", "Practitioner"], 0, ["CarePlan", "Task"])
    picked = [only.files["Organization"], only.files["Practitioner"], some.files["Task"],
              some.files["CarePlan"]]
    assert [p.read_bytes() for p in picked] == [full.files[k].read_bytes() for k in (
        "Organization", "Practitioner", "Task", "CarePlan")]


def stamp_pid(folder: Path) -> None:
    (folder / "pid").write_text(str(os.getpid()))


@pytest.mark.skipif("connection.vendor != 'postgresql'")  # in-memory SQLite: no workers
def test_forked_workers_write_what_one_process_writes(transactional_db, org, coordinator,
                                                      outsider, tmp_path):
    # Committed rows (the workers' connections must see them): pathways in two units.
    rows = []
    for n, unit in enumerate([org.unit_a, org.unit_a, org.unit_b, org.unit_b, org.unit_b]):
        rows += pathway_rows(f"P{n}", unit.resh_id, person(), closed=n % 2 == 1)
    RoleAssignment.objects.create(user=coordinator, role=Role.CLINICIAN, unit=org.unit_b,
                                  valid_from=dt.date(2000, 1, 1))
    outcome = import_file(Path(write_csv(tmp_path / "history.csv", rows)), by=coordinator,
                          today=IMPORTED)
    units = [org.unit_b, org.unit_a]
    logged = AccessLogEntry.objects.filter(what="export").count()
    serial = export_units(units, tmp_path / "serial", by=coordinator, workers=1)
    serial_log = AccessLogEntry.objects.filter(what="export").count() - logged
    forked = export_units(units, tmp_path / "forked", by=coordinator, workers=2,
                          after=stamp_pid)
    forked_log = (AccessLogEntry.objects.filter(what="export").count() - logged - serial_log)
    pids = {int(p.read_text()) for p in (tmp_path / "forked").rglob("pid")}
    assert (can_fork(), read(tmp_path / "forked")) == (True, read(tmp_path / "serial"))
    assert ([e.counts for e in forked], forked_log, serial_log, os.getpid() in pids,
            len(pids) >= 1, outcome.rejections) == (
        [e.counts for e in serial], serial_log, 5, False, True, [])


@pytest.mark.skipif("connection.vendor != 'postgresql'")  # SQLite has no date type
@pytest.mark.django_db
def test_the_export_cursor_reads_dates_as_postgresqls_iso_text_other_cursors_as_dates():
    # The builders take both (resources.iso); the text saves a date object a value.
    with connection.cursor() as cursor, connection.cursor() as other:
        _dates_as_text(cursor)
        cursor.execute("SELECT CAST('2024-01-02' AS date)")
        other.execute("SELECT CAST('2024-01-02' AS date)")
        assert (cursor.fetchone()[0], other.fetchone()[0]) == ("2024-01-02",
                                                               dt.date(2024, 1, 2))


@pytest.mark.django_db
def test_the_chunk_statement_is_compiled_once_yet_sees_a_restriction_made_after(tmp_path):
    reader, units = demo_reader()
    unit = max(units, key=lambda u: u.pathways.count())
    before = export_unit(unit, tmp_path / "before", by=reader)
    compiled = dict(exporting._statements)
    barred = Pathway.objects.filter(unit=unit).order_by("pk").first().patient
    Restriction.objects.create(patient=barred, barred_user=reader, reason="Syntetisk",
                               created_by=reader)
    after = export_unit(unit, tmp_path / "after", by=reader)
    ids = {name: {r["id"] for r in read(tmp_path / name)["Patient.ndjson"]}
           for name in ("before", "after")}
    assert exporting._statements == compiled  # the same statement, not compiled again
    assert (str(barred.pk) in ids["before"], ids["before"] - ids["after"],
            before.counts["Patient"] - after.counts["Patient"]) == (True, {str(barred.pk)}, 1)


@pytest.mark.skipif("connection.vendor != 'postgresql'")
@pytest.mark.django_db
def test_dates_stay_dates_when_the_server_would_not_write_them_in_iso():
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL DateStyle TO 'German'")
        _dates_as_text(cursor)
        cursor.execute("SELECT CAST('2024-01-02' AS date)")
        assert cursor.fetchone()[0] == dt.date(2024, 1, 2)


def _parallel_workers() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        return cursor.fetchone()[0]


@pytest.mark.skipif("connection.vendor != 'postgresql'")
@pytest.mark.django_db
def test_the_export_runs_without_parallel_query_and_puts_the_setting_back(tmp_path,
                                                                           monkeypatch):
    # The chunk statement's two parallel workers cost more CPU than they saved
    # (docs/performance.md, "Bulk export: the database's share").
    reader, units = demo_reader()
    real, seen = exporting._chunk, []

    def chunk(*args):
        seen.append(_parallel_workers())
        real(*args)

    monkeypatch.setattr(exporting, "_chunk", chunk)
    before = _parallel_workers()
    export_unit(units[0], tmp_path / "ok", by=reader)
    after = _parallel_workers()

    def fails(*args):
        raise RuntimeError("stopped")

    monkeypatch.setattr(exporting, "_chunk", fails)
    with pytest.raises(RuntimeError):
        export_unit(units[0], tmp_path / "failed", by=reader)
    assert (set(seen), before, after, _parallel_workers()) == ({"0"}, "2", "2", "2")
