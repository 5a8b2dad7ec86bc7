"""``forlop import``: all or nothing, every rejection named, dry run, a kill halfway."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction

from forlop import bulkcopy
from forlop.access.models import AccessLogEntry
from forlop.fhir import systems
from forlop.fhir.importing.run import import_file
from forlop.pathways.models import (
    IndicatorFact,
    Pathway,
    PathwayEvent,
    PathwayState,
    PathwayStatusChange,
)
from forlop.pathways.services import register_event
from forlop.pathways.services.start import open_pathway
from forlop.patients.models import Patient
from tests import factories
from tests.fhir.importing import HEADER, pathway_rows, person, write_csv

TODAY = dt.date(2024, 6, 3)
MODELS = (Patient, Pathway, PathwayEvent, PathwayState, PathwayStatusChange, AccessLogEntry)


def counts():
    return [m.objects.count() for m in MODELS]


@pytest.fixture
def unit(org):
    return org.unit_a


@pytest.fixture
def two_pathways(tmp_path, unit):
    return Path(write_csv(tmp_path / "two.csv",
                          pathway_rows("P1", unit.resh_id, person())
                          + pathway_rows("P2", unit.resh_id, person(), closed=True)))


def test_a_valid_file_lands_every_pathway_with_its_projection(two_pathways, coordinator):
    outcome = import_file(two_pathways, by=coordinator, today=TODAY)
    states = dict(PathwayState.objects.values_list("pathway__is_open", "state"))
    assert (outcome.rejections, outcome.written.pathways, outcome.written.events,
            outcome.written.patients, states,
            AccessLogEntry.objects.filter(what="import").count()) == (
        [], 2, 15, 2, {True: "treatment", False: "closed"}, 2)


def test_an_import_keeps_the_indicator_summary(two_pathways, coordinator):
    from forlop.pathways.models import IndicatorFact
    from forlop.pathways.services.indicator_rebuild import differences

    import_file(two_pathways, by=coordinator, today=TODAY)
    assert IndicatorFact.objects.exists()
    assert differences(today=TODAY) == []


def test_an_imported_pathway_is_what_the_services_would_have_stored(two_pathways, org,
                                                                     coordinator):
    import_file(two_pathways, by=coordinator, today=TODAY)
    imported = Pathway.objects.get(is_open=True)
    made = open_pathway(patient=factories.patient(), unit=org.unit_a, type="tsb",
                        setting="outpatient", by=coordinator,
                        referral_received_on=dt.date(2024, 1, 2),
                        assessed_on=dt.date(2024, 1, 5), right_granted=True,
                        started_on=dt.date(2024, 1, 5), today=TODAY)
    for event, on, outcome, data in [
            ("first_attendance", dt.date(2024, 1, 15), "", None),
            ("clinical_decision", dt.date(2024, 1, 30), "CT", None),
            ("treatment_plan", dt.date(2024, 2, 5), "", {"together_with_patient": True}),
            ("evaluation", dt.date(2024, 2, 20), "",
             {"standardised_tool": True, "user_involved": False})]:
        register_event(pathway=made, event=event, on=on, outcome=outcome, data=data,
                       by=coordinator, today=TODAY)

    def shape(p):
        state = PathwayState.objects.filter(pathway=p).values(
            "state", "next_due", "next_clock", "breached", "clocks", "ruleset").get()
        return (state,
                list(p.events.order_by("pk").values_list("event", "on", "outcome", "data")),
                list(p.status_changes.order_by("pk").values_list("state", "reason")),
                Pathway.objects.filter(pk=p.pk).values(
                    "started_on", "ruleset", "setting", "is_open", "closed_on").get())

    # (The services' test builder opens without a referral row; the import keeps the
    # referral, as the intake would: its dates are checked below.)
    assert (shape(imported) == shape(made),
            Pathway.objects.filter(pk=imported.pk).values_list(
                "referral__received_on", "referral__assessed_on", "referral__right_granted"
            ).get()) == (True, (dt.date(2024, 1, 2), dt.date(2024, 1, 5), True))


def test_one_bad_row_lands_nothing_and_every_rejection_names_its_line(tmp_path, unit,
                                                                      coordinator):
    rows = pathway_rows("P1", unit.resh_id, person()) + pathway_rows("P2", unit.resh_id,
                                                                     person())
    rows[3] = rows[3].replace("2024-01-15", "15.01.2024")  # line 5: not an ISO date
    rows[11] = rows[11].replace("CT", "XX")  # line 13: the kernel refuses the outcome
    before = counts()
    outcome = import_file(Path(write_csv(tmp_path / "bad.csv", rows)), by=coordinator,
                          today=TODAY)
    assert ([(r.line, r.field) for r in outcome.rejections], counts()) == (
        [(5, "date"), (13, "outcome")], before)
    assert "regelmotoren" in outcome.rejections[1].reason


def test_the_command_lists_every_rejection_and_fails(tmp_path, unit, coordinator, capsys):
    rows = pathway_rows("P1", unit.resh_id, person())
    rows[0] = rows[0].replace("1009001", "999")  # unknown unit
    rows[4] = rows[4].replace("2024-01-30", "2024-13-30")
    path = write_csv(tmp_path / "bad.csv", rows)
    with pytest.raises(CommandError, match="2 feil"):
        call_command("import", path, by=coordinator.username, today=TODAY)
    err = capsys.readouterr().err
    assert ("linje 2, felt unit_resh" in err, "linje 6, felt date" in err) == (True, True)


def test_a_dry_run_changes_nothing(two_pathways, coordinator, capsys):
    before = counts()
    call_command("import", str(two_pathways), by=coordinator.username, dry_run=True,
                 today=TODAY)
    assert (counts(), "Tørrkjøring: 2 forløp med 15 hendelser" in capsys.readouterr().out) == (
        before, True)


def test_an_import_killed_halfway_leaves_nothing_and_a_rerun_completes(two_pathways,
                                                                      coordinator,
                                                                      monkeypatch):
    real = bulkcopy.insert_rows

    def killed(model, fields, rows, **kwargs):
        if model is PathwayEvent:
            raise KeyboardInterrupt  # as Ctrl-C or a kill would stop it mid-write
        return real(model, fields, rows, **kwargs)

    before = counts()
    monkeypatch.setattr(bulkcopy, "insert_rows", killed)
    with pytest.raises(KeyboardInterrupt):
        import_file(two_pathways, by=coordinator, today=TODAY)
    after_kill = counts()
    monkeypatch.setattr(bulkcopy, "insert_rows", real)
    outcome = import_file(two_pathways, by=coordinator, today=TODAY)
    assert (after_kill, outcome.written.pathways, Pathway.objects.count()) == (before, 2, 2)


def test_importing_the_same_file_twice_is_refused_the_second_time(two_pathways, coordinator):
    import_file(two_pathways, by=coordinator, today=TODAY)
    again = import_file(two_pathways, by=coordinator, today=TODAY)
    assert ([(r.line, r.field) for r in again.rejections], Pathway.objects.count()) == (
        [(2, "patient_identifier"), (9, "pathway_ref")], 2)


def test_someone_without_clinical_rights_in_the_unit_imports_nothing(two_pathways, outsider):
    outcome = import_file(two_pathways, by=outsider, today=TODAY)
    assert ({(r.line, r.field) for r in outcome.rejections}, Pathway.objects.count()) == (
        {(2, "unit_resh"), (9, "unit_resh")}, 0)


def _stored():
    """What an import landed, ids left out (they depend on the order of the writes)."""
    return (sorted(Pathway.objects.values_list(
                "patient__identifier", "type", "setting", "started_on", "is_open", "closed_on",
                "ruleset", "referral__received_on", "referral__assessed_on")),
            sorted(PathwayEvent.objects.values_list(
                "pathway__patient__identifier", "event", "on", "outcome", "data")),
            sorted(PathwayState.objects.values_list(
                "pathway__patient__identifier", "state", "next_due", "breached", "clocks")),
            sorted(PathwayStatusChange.objects.values_list(
                "pathway__patient__identifier", "state", "reason")),
            sorted(IndicatorFact.objects.values_list(
                "pathway__patient__identifier", "indicator", "placed_on", "met_month",
                "days")),
            sorted(Patient.objects.values_list("identifier", "name")))


@pytest.fixture
def five_pathways(tmp_path, unit):
    rows = []
    for n in range(5):
        rows += pathway_rows(f"P{n}", unit.resh_id, person(), closed=n % 2 == 1)
    return Path(write_csv(tmp_path / "five.csv", rows))


@pytest.mark.parametrize("chunk", [1, 2])
def test_small_chunks_land_the_same_rows_as_one_big_chunk(five_pathways, coordinator,
                                                          chunk):
    with transaction.atomic():
        whole = import_file(five_pathways, by=coordinator, today=TODAY, chunk=10_000)
        one_chunk = _stored()
        transaction.set_rollback(True)
    chunked = import_file(five_pathways, by=coordinator, today=TODAY, chunk=chunk)
    assert (_stored(), chunked.written, AccessLogEntry.objects.filter(what="import").count(),
            whole.written.pathways) == (one_chunk, whole.written, 5, 5)


def test_worker_processes_land_the_same_rows_and_the_same_rejections(tmp_path, unit,
                                                                    coordinator):
    rows = []
    for n in range(4):
        rows += pathway_rows(f"P{n}", unit.resh_id, person(), closed=n == 1)
    path = Path(write_csv(tmp_path / "four.csv", rows))
    bad = list(rows)
    bad[4] = bad[4].replace("CT", "XX")  # a kernel refusal travels back too
    bad[9] = bad[9].replace("2024-01-05", "5.1.2024")
    bad_path = Path(write_csv(tmp_path / "bad.csv", bad))

    def run(workers):
        refused = import_file(bad_path, by=coordinator, today=TODAY, workers=workers,
                              parallel_from=1, chunk=1)
        with transaction.atomic():
            landed = import_file(path, by=coordinator, today=TODAY, workers=workers,
                                 parallel_from=1, chunk=1)
            stored = _stored()
            transaction.set_rollback(True)
        return ([(r.line, r.field, r.reason) for r in refused.rejections], landed.written,
                stored)

    serial = run(0)
    assert (run(2), [r[:2] for r in serial[0]], serial[1].pathways) == (
        serial, [(6, "outcome"), (9, "event"), (11, "date")], 4)


def test_a_pathway_whose_rows_come_back_later_is_refused_at_that_line(tmp_path, unit,
                                                                     coordinator):
    one, two = (pathway_rows("P1", unit.resh_id, person()),
                pathway_rows("P2", unit.resh_id, person()))
    rows = one[:4] + two + one[4:]  # P1's rows 5-7 of the file come after P2's
    outcome = import_file(Path(write_csv(tmp_path / "split.csv", rows)), by=coordinator,
                          today=TODAY, chunk=1)
    assert ([(r.line, r.field) for r in outcome.rejections], Pathway.objects.count()) == (
        [(13, "pathway_ref")], 0)
    assert "linje 2" in outcome.rejections[0].reason


def test_a_rejection_in_a_later_chunk_rolls_back_the_chunks_written_before(tmp_path, unit,
                                                                          coordinator):
    rows = []
    for n in range(3):
        rows += pathway_rows(f"P{n}", unit.resh_id, person())
    rows[-1] = rows[-1].replace("2024-02-20", "2024-02-30")  # the third pathway's last row
    before = counts()
    outcome = import_file(Path(write_csv(tmp_path / "late.csv", rows)), by=coordinator,
                          today=TODAY, chunk=1)
    assert ([(r.line, r.field) for r in outcome.rejections], counts()) == (
        [(22, "date")], before)


@pytest.mark.parametrize("first_refused", [False, True])
def test_conflicts_are_found_across_chunks(tmp_path, unit, coordinator, first_refused):
    """Written chunks are in the database; once a rejection stops the writing, the
    planner keeps what it accepted since."""
    patient = person()
    rows = (pathway_rows("P0", unit.resh_id, person())
            + pathway_rows("P1", unit.resh_id, patient)
            + pathway_rows("P2", unit.resh_id, patient))  # a second open TSB pathway
    if first_refused:
        rows[0] = rows[0].replace("tsb", "nope")
    outcome = import_file(Path(write_csv(tmp_path / "twice.csv", rows)), by=coordinator,
                          today=TODAY, chunk=1)
    assert [(r.line, r.field) for r in outcome.rejections] == [
        (2, "type"), (16, "patient_identifier")][not first_refused:]


def test_a_pathway_without_its_start_row_is_refused_with_every_bad_row(tmp_path, unit,
                                                                       coordinator):
    rows = pathway_rows("P1", unit.resh_id, person())
    rows[2] = rows[2].replace("2024-01-05", "2024-01-05x")  # line 4: the start, unreadable
    rows[5] = rows[5].replace(",ja,", ",kanskje,")  # line 7: not yes or no
    outcome = import_file(Path(write_csv(tmp_path / "bad.csv", rows)), by=coordinator,
                          today=TODAY)
    assert ([(r.line, r.field) for r in outcome.rejections], Pathway.objects.count()) == (
        [(2, "event"), (4, "date"), (7, "together_with_patient")], 0)


@pytest.mark.parametrize(("header", "expected"), [
    (HEADER.replace("unit_resh,", ""), [(1, "unit_resh", "Kolonnen mangler i overskriftslinjen.")]),
    (HEADER + ",colour", [(1, "colour", "Ukjent kolonne. Se kolonneoversikten i docs/fhir.md.")]),
    (HEADER + ",", [(1, "kolonne 13", "Kolonnen har ikke noe navn i overskriftslinjen. "
                                      "Skriv navnet, eller fjern kolonnen.")]),
])
def test_a_header_with_a_column_missing_unknown_or_unnamed_names_it(tmp_path, unit, coordinator,
                                                                    header, expected):
    path = tmp_path / "header.csv"
    path.write_text("\n".join([header, *pathway_rows("P1", unit.resh_id, person())]) + "\n")
    outcome = import_file(path, by=coordinator, today=TODAY)
    assert ([(r.line, r.field, r.reason) for r in outcome.rejections],
            Pathway.objects.count()) == (expected, 0)


# A list as an event's code: was a TypeError far from its line.
LIST_AS_CODE = json.dumps({"resourceType": "EpisodeOfCare", "extension": [{
    "url": systems.EXT_EVENT, "extension": [{"url": "code", "valueCoding": {"code": []}},
                                            {"url": "date", "valueDate": "2024-01-02"}]}]})


@pytest.mark.parametrize("line", [
    "not json",
    LIST_AS_CODE,
    '["a list"]',
    '{"resourceType": "EpisodeOfCare", "extension": "not a list"}',
    '{"resourceType": "EpisodeOfCare", "type": "tsb", "patient": "Patient/1"}',
    '{"resourceType": "EpisodeOfCare", "extension": [{"url": "x", "extension": [1, 2]}]}',
])
def test_a_malformed_ndjson_line_is_a_rejection_not_a_crash(tmp_path, coordinator, line):
    path = tmp_path / "bad.ndjson"
    path.write_text(line + "\n")
    outcome = import_file(path, by=coordinator, today=TODAY)
    assert (outcome.rejections != [], {r.line for r in outcome.rejections},
            Pathway.objects.count()) == (True, {1}, 0)


def test_an_import_process_killed_mid_write_leaves_nothing_and_a_rerun_completes(tmp_path,
                                                                                org):
    """A real kill (SIGKILL) of a separate process in the middle of writing events,
    against a file database: the transaction never commits."""
    import json
    import os
    import subprocess
    import sys

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'import.sqlite3'}",
           "FORLOP_ENV": "dev", "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    csv = write_csv(tmp_path / "two.csv", pathway_rows("P1", org.unit_a.resh_id, person())
                    + pathway_rows("P2", org.unit_a.resh_id, person(), closed=True))

    def child(*args, check=True):
        return subprocess.run([sys.executable, "-m", "tests.fhir.killed_import", *args],
                              env=env, check=check, capture_output=True, text=True)

    subprocess.run([sys.executable, "-m", "forlop", "migrate", "--no-input", "-v", "0"],
                   env=env, check=True)
    child("setup")
    killed = child("kill", csv, check=False)
    after_kill = json.loads(child("count").stdout)
    child("run", csv)
    assert (killed.returncode, after_kill, json.loads(child("count").stdout)) == (
        -9, [0, 0, 0], [2, 15, 2])


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_the_foreign_keys_are_checked_without_sequential_scans_and_the_setting_restored(
        two_pathways, coordinator, monkeypatch):
    """PostgreSQL plans each row's foreign-key check once per connection; on the few
    pages of the units it would scan them all for every row (docs/performance.md)."""
    seen = []
    real = connection.check_constraints

    def check(table_names=None):
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_seqscan")
            seen.append(cursor.fetchone()[0])
        real(table_names=table_names)

    monkeypatch.setattr(connection, "check_constraints", check)
    with transaction.atomic():
        import_file(two_pathways, by=coordinator, today=TODAY)
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_seqscan")
            after = cursor.fetchone()[0]
    assert (seen, after, Pathway.objects.count()) == (["off"], "on", 2)


def test_the_check_of_the_foreign_keys_still_refuses_a_bad_key(unit):
    from forlop.fhir.importing.write import FIELDS, check_foreign_keys

    now = dt.datetime(2024, 6, 3, tzinfo=dt.UTC)
    state = (True, "open", None, "", "", False, False, False, "[]", "r", TODAY, now)
    with pytest.raises(IntegrityError, match="987654"), transaction.atomic():
        bulkcopy.insert_rows(PathwayState, FIELDS[PathwayState], [(987654, unit.pk, *state)])
        check_foreign_keys([PathwayState._meta.db_table])
