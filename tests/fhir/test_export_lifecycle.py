"""The $export job's lifecycle (ADR 77): expiry, stale jobs, the purge, the limit.

Through the real views with a bearer token, on the real file system (``tmp_path``)."""

import datetime as dt
import io
import threading
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError, connection, connections
from django.test import Client
from django.utils import timezone

from forlop.api.tokens import create_token
from forlop.fhir import bulkdata
from forlop.fhir.models import ExportJob, ExportStatus

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


@pytest.fixture(autouse=True)
def _inline(settings, tmp_path):
    settings.FHIR_EXPORT_INLINE = True
    settings.FHIR_EXPORT_DIR = str(tmp_path / "exports")
    settings.FHIR_EXPORT_RETENTION_HOURS = 24
    settings.FHIR_EXPORT_STALE_MINUTES = 30
    settings.FHIR_EXPORT_MAX_ACTIVE_PER_CLIENT = 2
    settings.FHIR_EXPORT_MAX_ACTIVE = 4


@pytest.fixture
def system(world):
    """A system client of the coordinator's unit, with a bearer token."""
    return Client(HTTP_AUTHORIZATION=f"Bearer {create_token(world.coordinator)[1]}")


def kick_off(client):
    return client.get("/fhir/R4/$export", HTTP_PREFER="respond-async")


def exported(client):
    """A finished job: its status URL, a file URL from its manifest, and the job."""
    status_url = kick_off(client)["Content-Location"].removeprefix(BASE)
    manifest = client.get(status_url).json()
    job = ExportJob.objects.get(pk=status_url.rsplit("/", 1)[1])
    return status_url, manifest["output"][0]["url"].removeprefix(BASE), job


def job_in(state, user, *, minutes_ago, files=True):
    """A job some process left ``state`` ``minutes_ago`` (and its partial files)."""
    job = ExportJob.objects.create(requested_by=user, request_url=f"{BASE}/fhir/R4/$export",
                                   status=state)
    then = timezone.now() - dt.timedelta(minutes=minutes_ago)
    ExportJob.objects.filter(pk=job.pk).update(
        requested_at=then, alive_at=then if state == ExportStatus.RUNNING else None)
    if files:
        part = bulkdata.folder(job) / "1009001"
        part.mkdir(parents=True)
        (part / "Patient.ndjson.part").write_text('{"resourceType": "Patient"}\n')
    return job


def age(job, hours):
    """As if ``job`` finished ``hours`` ago."""
    ExportJob.objects.filter(pk=job.pk).update(
        finished_at=timezone.now() - dt.timedelta(hours=hours))


def test_the_manifest_says_when_the_files_expire(system, settings):
    settings.FHIR_EXPORT_RETENTION_HOURS = 2
    status_url, _, job = exported(system)
    expires = parsedate_to_datetime(system.get(status_url)["Expires"])
    assert abs((expires - (job.finished_at + dt.timedelta(hours=2))).total_seconds()) < 1


def test_an_expired_job_is_404_and_its_files_and_row_are_removed(system):
    status_url, file_url, job = exported(system)
    age(job, 25)
    file_answer = system.get(file_url)
    assert (file_answer.status_code, file_answer.json()["resourceType"],
            system.get(status_url).status_code, bulkdata.folder(job).exists(),
            ExportJob.objects.filter(pk=job.pk).exists()) == (
        404, "OperationOutcome", 404, False, False)


def test_a_job_within_its_retention_is_served(system):
    status_url, file_url, job = exported(system)
    age(job, 23)
    assert (system.get(status_url).status_code, system.get(file_url).status_code) == (200, 200)


def test_a_stale_running_job_fails_and_its_poll_ends(system, world):
    job = job_in(ExportStatus.RUNNING, world.coordinator, minutes_ago=31)
    answer = system.get(f"/fhir/R4/$export-status/{job.pk}")
    job.refresh_from_db()
    assert (answer.status_code, answer["Content-Type"].split(";")[0],
            answer.json()["issue"][0]["code"], "avsluttet" in answer.json()["issue"][0][
                "diagnostics"], job.status, bulkdata.folder(job).exists()) == (
        500, "application/fhir+json", "processing", True, ExportStatus.FAILED, False)


def test_a_running_job_that_shows_progress_is_left_running(system, world):
    job = job_in(ExportStatus.RUNNING, world.coordinator, minutes_ago=29)
    answer = system.get(f"/fhir/R4/$export-status/{job.pk}")
    assert (answer.status_code, answer["X-Progress"], bulkdata.folder(job).exists()) == (
        202, "running", True)


def test_a_job_that_fails_answers_500_and_leaves_no_files(system, monkeypatch):
    def broken(units, out, **kwargs):
        (out / "1009001").mkdir(parents=True)
        raise OSError("disk full")

    monkeypatch.setattr(bulkdata, "export_units", broken)
    status_url = kick_off(system)["Content-Location"].removeprefix(BASE)
    answer = system.get(status_url)
    job = ExportJob.objects.get(pk=status_url.rsplit("/", 1)[1])
    assert (answer.status_code, answer.json()["issue"][0]["code"], job.error,
            bulkdata.folder(job).exists()) == (500, "processing", "OSError", False)


def test_a_job_deleted_while_it_runs_stops_and_leaves_no_files(system, monkeypatch,
                                                                settings):
    real = bulkdata.export_units

    def deleted_meanwhile(units, out, *, after, **kwargs):
        def then(unit_folder):
            ExportJob.objects.filter(pk=out.name).delete()  # DELETE on the status URL
            after(unit_folder)

        return real(units, out, after=then, **kwargs)

    monkeypatch.setattr(bulkdata, "export_units", deleted_meanwhile)
    kick_off(system)
    assert (ExportJob.objects.count(), list(Path(settings.FHIR_EXPORT_DIR).iterdir())) == (
        0, [])


def test_the_purge_command_fails_stale_jobs_removes_expired_ones_and_says_so(system, world):
    _, _, done = exported(system)
    age(done, 25)
    stale = job_in(ExportStatus.PENDING, world.coordinator, minutes_ago=45)
    out = io.StringIO()
    call_command("export", "purge", stdout=out)
    lines = [line.split("\t")[:3] for line in out.getvalue().splitlines()]
    stale.refresh_from_db()
    assert (lines, stale.status, bulkdata.folder(stale).exists(), bulkdata.folder(done).exists(),
            ExportJob.objects.filter(pk=done.pk).exists()) == (
        [["feilet", str(stale.pk), "koordinator"], ["fjernet", str(done.pk), "koordinator"],
         ["feilet: 1, utløpte fjernet: 1, mapper uten jobb fjernet: 0."]],
        ExportStatus.FAILED, False, False, False)


def test_a_kick_off_over_the_clients_limit_is_429_with_retry_after(system, world, settings):
    settings.FHIR_EXPORT_MAX_ACTIVE_PER_CLIENT = 1
    job_in(ExportStatus.RUNNING, world.coordinator, minutes_ago=1)
    answer = kick_off(system)
    assert (answer.status_code, answer["Retry-After"], answer.json()["issue"][0]["code"],
            ExportJob.objects.count()) == (429, "60", "throttled", 1)


def test_another_clients_jobs_do_not_count_against_the_limit(system, world, settings):
    settings.FHIR_EXPORT_MAX_ACTIVE_PER_CLIENT = 1
    job_in(ExportStatus.RUNNING, world.outsider, minutes_ago=1)
    assert kick_off(system).status_code == 202


def test_a_kick_off_over_the_servers_limit_is_429_saying_the_server_is_busy(
        system, world, settings):
    settings.FHIR_EXPORT_MAX_ACTIVE = 2
    for user in (world.outsider, world.outsider):  # another client's two jobs
        job_in(ExportStatus.RUNNING, user, minutes_ago=1)
    answer = kick_off(system)
    assert (answer.status_code, answer["Retry-After"],
            answer.json()["issue"][0]["diagnostics"], ExportJob.objects.count()) == (
        429, "60", "Serveren har allerede 2 eksporter som venter eller kjører; prøv igjen "
                   "når en av dem er ferdig.", 2)


def test_finished_and_failed_jobs_do_not_count_against_the_servers_limit(system, world,
                                                                          settings):
    settings.FHIR_EXPORT_MAX_ACTIVE = 1
    job_in(ExportStatus.DONE, world.outsider, minutes_ago=1)
    job_in(ExportStatus.FAILED, world.outsider, minutes_ago=1)
    assert kick_off(system).status_code == 202


def test_a_stale_job_does_not_count_against_the_limit(system, world, settings):
    settings.FHIR_EXPORT_MAX_ACTIVE_PER_CLIENT = 1
    stale = job_in(ExportStatus.RUNNING, world.coordinator, minutes_ago=31)
    answer = kick_off(system)
    stale.refresh_from_db()
    assert (answer.status_code, stale.status) == (202, ExportStatus.FAILED)


def test_removing_a_job_never_follows_a_link_out_of_the_export_folder(system, world,
                                                                       tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("not an export")
    linked = job_in(ExportStatus.DONE, world.coordinator, minutes_ago=0, files=False)
    bulkdata.folder(linked).parent.mkdir(parents=True, exist_ok=True)
    bulkdata.folder(linked).symlink_to(outside, target_is_directory=True)
    holding = job_in(ExportStatus.DONE, world.coordinator, minutes_ago=0)
    (bulkdata.folder(holding) / "elsewhere").symlink_to(outside, target_is_directory=True)
    age(linked, 25)
    age(holding, 25)
    call_command("export", "purge", stdout=io.StringIO())
    assert (sorted(p.name for p in outside.iterdir()), bulkdata.folder(linked).is_symlink(),
            bulkdata.folder(holding).exists()) == (["keep.txt"], False, False)


def test_each_unit_done_shows_the_job_alive_and_a_job_gone_stops_at_the_next(system,
                                                                              monkeypatch):
    real, seen = bulkdata.export_units, []
    long_ago = timezone.now() - dt.timedelta(hours=1)

    def watched(units, out, *, after, **kwargs):
        ExportJob.objects.filter(pk=out.name).update(alive_at=long_ago)
        after(out / "1009001")
        seen.append(ExportJob.objects.get(pk=out.name).alive_at > long_ago)
        ExportJob.objects.filter(pk=out.name).delete()
        with pytest.raises(bulkdata.Abandoned):
            after(out / "1009002")
        seen.append("stopped")
        return real(units, out, after=after, **kwargs)

    monkeypatch.setattr(bulkdata, "export_units", watched)
    kick_off(system)
    assert seen == [True, "stopped"]


def test_an_export_without_its_options_names_the_missing_ones(tmp_path):
    with pytest.raises(CommandError, match="--unit, --by"):
        call_command("export", "--out", str(tmp_path / "out"))


def test_the_purge_command_removes_job_folders_without_a_job_and_nothing_else(system,
                                                                              settings):
    _, _, kept = exported(system)
    exports = Path(settings.FHIR_EXPORT_DIR)
    orphan = exports / "0b7c2a52-5d0e-4c1e-9a51-3f0c2b1d9e47"
    (orphan / "1009001").mkdir(parents=True)
    (orphan / "1009001" / "Patient.ndjson").write_text('{"resourceType": "Patient"}\n')
    (exports / "not-a-job").mkdir()
    out = io.StringIO()
    call_command("export", "purge", stdout=out)
    assert (out.getvalue().splitlines()[0].split("\t"), sorted(p.name for p in exports.iterdir())
            ) == (["fjernet", orphan.name, "-", "mappe uten jobb"],
                  sorted([str(kept.pk), "not-a-job"]))


@pytest.mark.skipif("connection.vendor != 'postgresql'")  # SQLite: IMMEDIATE transactions
def test_two_kick_offs_at_once_cannot_both_pass_the_limit(transactional_db, world, settings,
                                                          monkeypatch):
    # The client's first kick-off has counted the jobs and not yet recorded its own
    # when the second one comes: the second must wait for it, not count beside it
    # (the server's limit is counted in the same place, under the same lock).
    settings.FHIR_EXPORT_MAX_ACTIVE_PER_CLIENT = 1
    counted, release = threading.Event(), threading.Event()
    create, first = ExportJob.objects.create, []

    def create_when_released(**fields):
        if threading.current_thread() in first:
            counted.set()
            release.wait(10)
        return create(**fields)

    monkeypatch.setattr(ExportJob.objects, "create", create_when_released)

    def kick_off_first():
        try:
            bulkdata.kick_off(user=world.coordinator, request_url=f"{BASE}/fhir/R4/$export")
        finally:
            connections.close_all()

    first.append(threading.Thread(target=kick_off_first))
    first[0].start()
    try:
        assert counted.wait(10)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '300ms'")
        with pytest.raises(OperationalError, match="lock"):  # it waited for the first
            bulkdata.kick_off(user=world.coordinator, request_url=f"{BASE}/fhir/R4/$export")
    finally:
        release.set()
        first[0].join()
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
    assert ExportJob.objects.count() == 1
