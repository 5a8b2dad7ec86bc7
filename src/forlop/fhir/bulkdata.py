"""FHIR Bulk Data ``$export`` for system clients: kick-off, status, files.

A kick-off records an ``ExportJob`` and answers 202 with its status URL; the job
exports every unit the client holds a role in (``forlop export``'s code, so each
patient is logged as read by the client) into ``FHIR_EXPORT_DIR/<job>/``, only the
types ``_type`` names when it names any. It runs in
a thread after the answer (or in the request, ``FHIR_EXPORT_INLINE``, for tests).
Only the client that asked may read the status and the files. Expiry, stale jobs
and the per-client limit: ``forlop.fhir.bulk_lifecycle`` (ADR 77).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from django.conf import settings
from django.db import connection, connections, transaction
from django.utils import timezone

from forlop.access.permissions import Permission, permissions_of
from forlop.access.policy import unit_roles_of
from forlop.fhir import bulk_lifecycle as lifecycle
from forlop.fhir.exporting import export_units
from forlop.fhir.models import ExportJob, ExportStatus
from forlop.organisations.models import Unit

log = logging.getLogger(__name__)


def folder(job: ExportJob) -> Path:
    return lifecycle.folder(job.pk)


def units_for(user):
    """Units where the client's roles let it read pathways."""
    roles: dict[int, set] = {}
    for unit_id, role in unit_roles_of(user).values_list("unit_id", "role"):
        roles.setdefault(unit_id, set()).add(role)
    ids = [u for u, r in roles.items() if Permission.VIEW_PATHWAY in permissions_of(r)]
    return Unit.objects.select_related("trust").filter(pk__in=ids).order_by("pk")


class Busy(Exception):
    """The client already has ``FHIR_EXPORT_MAX_ACTIVE_PER_CLIENT`` jobs pending or
    running, or all clients together ``FHIR_EXPORT_MAX_ACTIVE`` (``everyone``): answered
    429 with Retry-After."""

    def __init__(self, active: int, *, everyone: bool = False):
        self.active, self.everyone = active, everyone
        super().__init__(active)


_KICK_OFF_LOCK = 7_013_077  # any constant: one advisory lock for every kick-off


def kick_off(*, user, request_url: str, since=None, types=()) -> ExportJob:
    """Record and start a job; first the purge (so a site without cron cleans up too,
    and a dead job does not count against the client's limit)."""
    lifecycle.purge()
    with transaction.atomic():
        # Kick-offs one at a time until the job is recorded, so two at once are counted
        # one after the other and cannot both pass a limit: an advisory lock on
        # PostgreSQL (kick-offs are rare); on SQLite the transaction is IMMEDIATE.
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_KICK_OFF_LOCK])
        active = ExportJob.objects.filter(status__in=lifecycle.ACTIVE)
        mine = active.filter(requested_by=user).count()
        if mine >= settings.FHIR_EXPORT_MAX_ACTIVE_PER_CLIENT:
            raise Busy(mine)
        everyone = active.count()
        if everyone >= settings.FHIR_EXPORT_MAX_ACTIVE:
            raise Busy(everyone, everyone=True)
        job = ExportJob.objects.create(requested_by=user, request_url=request_url[:500],
                                       since=since, types=list(types))
    if settings.FHIR_EXPORT_INLINE:
        run(job.pk)
    else:
        threading.Thread(target=_run_in_thread, args=(job.pk,), daemon=True).start()
    return job


def _run_in_thread(pk) -> None:
    try:
        run(pk)
    finally:
        connections.close_all()


class Abandoned(Exception):
    """The job was failed (stale) or deleted while it ran: stop, leave nothing."""


def run(pk) -> None:
    """Claim the job (only a pending one) and export; failures are recorded. Each
    unit done shows the job alive (``alive_at``); a job failed or deleted meanwhile
    stops after its current unit and its files are removed."""
    if not ExportJob.objects.filter(pk=pk, status=ExportStatus.PENDING).update(
            status=ExportStatus.RUNNING, alive_at=timezone.now()):
        return
    job = ExportJob.objects.select_related("requested_by").get(pk=pk)
    running = ExportJob.objects.filter(pk=pk, status=ExportStatus.RUNNING)

    def alive(_unit_folder) -> None:
        if not running.update(alive_at=timezone.now()):
            raise Abandoned

    out = folder(job)
    try:
        output = []
        units = list(units_for(job.requested_by))
        # One process: the job runs in a thread of the web server, which must not fork.
        done = export_units(units, out, by=job.requested_by, since=job.since,
                            types=job.types or None, workers=1, after=alive)
        for unit, exported in zip(units, done, strict=True):
            output += [{"type": kind, "path": f"{unit.resh_id}/{path.name}",
                        "count": exported.counts[kind]}
                       for kind, path in sorted(exported.files.items())]
        if not running.update(status=ExportStatus.DONE, output=output,
                              finished_at=timezone.now()):
            raise Abandoned
    except Abandoned:
        log.warning("FHIR export %s was failed or deleted while it ran", pk)
        lifecycle.remove_files(pk)
    except Exception as e:
        log.exception("FHIR export %s failed", pk)
        lifecycle.remove_files(pk)
        running.update(status=ExportStatus.FAILED, error=type(e).__name__,
                       finished_at=timezone.now())


def job_of(user, pk):
    """The client's own job, or None (another's job is as good as missing). An
    expired job is removed and None; a stale one is failed first (ADR 77)."""
    try:
        job = ExportJob.objects.filter(pk=pk, requested_by=user).first()
    except Exception:  # not a UUID
        return None
    if job is None:
        return None
    now = timezone.now()
    if lifecycle.is_expired(job, now):
        lifecycle.remove(job)
        return None
    if job.status in lifecycle.ACTIVE and lifecycle.fail_if_stale(job, now):
        job.refresh_from_db()
    return job


def manifest(job: ExportJob, base: str) -> dict:
    return {"transactionTime": job.requested_at.isoformat(), "request": job.request_url,
            "requiresAccessToken": True,
            "output": [{"type": o["type"], "count": o["count"],
                        "url": f"{base}/$export-file/{job.pk}/{o['path']}"}
                       for o in job.output],
            "error": []}


def file_of(job: ExportJob, path: str) -> Path | None:
    """A file the job listed (never a path the client made up)."""
    if path not in {o["path"] for o in job.output}:
        return None
    return folder(job) / path

