"""FHIR Bulk Data ``$export`` for system clients: kick-off, status, files.

A kick-off records an ``ExportJob`` and answers 202 with its status URL; the job
exports every unit the client holds a role in (``forlop export``'s code, so each
patient is logged as read by the client) into ``FHIR_EXPORT_DIR/<job>/``, only the
types ``_type`` names when it names any. It runs in
a thread after the answer (or in the request, ``FHIR_EXPORT_INLINE``, for tests).
Only the client that asked may read the status and the files.
"""

from __future__ import annotations

import logging
import shutil
import threading
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

from forlop.access.permissions import Permission, permissions_of
from forlop.access.policy import unit_roles_of
from forlop.fhir.exporting import export_units
from forlop.fhir.models import ExportJob, ExportStatus
from forlop.organisations.models import Unit

log = logging.getLogger(__name__)


def folder(job: ExportJob) -> Path:
    return Path(settings.FHIR_EXPORT_DIR) / str(job.pk)


def units_for(user):
    """Units where the client's roles let it read pathways."""
    roles: dict[int, set] = {}
    for unit_id, role in unit_roles_of(user).values_list("unit_id", "role"):
        roles.setdefault(unit_id, set()).add(role)
    ids = [u for u, r in roles.items() if Permission.VIEW_PATHWAY in permissions_of(r)]
    return Unit.objects.select_related("trust").filter(pk__in=ids).order_by("pk")


def kick_off(*, user, request_url: str, since=None, types=()) -> ExportJob:
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


def run(pk) -> None:
    """Claim the job (only a pending one) and export; failures are recorded."""
    if not ExportJob.objects.filter(pk=pk, status=ExportStatus.PENDING).update(
            status=ExportStatus.RUNNING):
        return
    job = ExportJob.objects.select_related("requested_by").get(pk=pk)
    out = folder(job)
    try:
        output = []
        units = list(units_for(job.requested_by))
        # One process: the job runs in a thread of the web server, which must not fork.
        done = export_units(units, out, by=job.requested_by, since=job.since,
                            types=job.types or None, workers=1)
        for unit, exported in zip(units, done, strict=True):
            output += [{"type": kind, "path": f"{unit.resh_id}/{path.name}",
                        "count": exported.counts[kind]}
                       for kind, path in sorted(exported.files.items())]
        ExportJob.objects.filter(pk=pk).update(status=ExportStatus.DONE, output=output,
                                               finished_at=timezone.now())
    except Exception as e:
        log.exception("FHIR export %s failed", pk)
        shutil.rmtree(out, ignore_errors=True)
        ExportJob.objects.filter(pk=pk).update(status=ExportStatus.FAILED,
                                               error=type(e).__name__,
                                               finished_at=timezone.now())


def job_of(user, pk):
    """The client's own job, or None (another's job is as good as missing)."""
    try:
        return ExportJob.objects.filter(pk=pk, requested_by=user).first()
    except Exception:  # not a UUID
        return None


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

