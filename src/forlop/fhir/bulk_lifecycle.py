"""The life of a ``$export`` job after its kick-off (ADR 77).

A finished job (done or failed) expires ``FHIR_EXPORT_RETENTION_HOURS`` after it
finished: its files and its row are removed, and it is never served after that
(404). A pending or running job that has not shown progress for
``FHIR_EXPORT_STALE_MINUTES`` is failed (``STALLED``) and its partial files removed:
the process that ran it is gone, and the client's poll must end. ``purge`` does both;
``forlop export purge`` runs it from cron, and every kick-off runs it too.
"""

from __future__ import annotations

import datetime as dt
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from forlop.fhir.models import ExportJob, ExportStatus

ACTIVE = (ExportStatus.PENDING, ExportStatus.RUNNING)
# ``ExportJob.error`` of a job failed for want of progress.
STALLED = "stalled"


def retention() -> dt.timedelta:
    return dt.timedelta(hours=settings.FHIR_EXPORT_RETENTION_HOURS)


def expires_at(job: ExportJob) -> dt.datetime | None:
    return job.finished_at + retention() if job.finished_at else None


def is_expired(job: ExportJob, now: dt.datetime) -> bool:
    expires = expires_at(job)
    return expires is not None and expires <= now


def _stale(now: dt.datetime) -> Q:
    """Pending or running with no sign of life since the cut (a job never claimed
    counts from its kick-off)."""
    cut = now - dt.timedelta(minutes=settings.FHIR_EXPORT_STALE_MINUTES)
    return Q(status__in=ACTIVE) & (Q(alive_at__lte=cut)
                                   | Q(alive_at__isnull=True, requested_at__lte=cut))


def fail_if_stale(job: ExportJob, now: dt.datetime) -> bool:
    """Fail ``job`` when it is stale (one conditional UPDATE, so a job that just
    showed progress is left alone) and remove its partial files."""
    if not ExportJob.objects.filter(_stale(now), pk=job.pk).update(
            status=ExportStatus.FAILED, error=STALLED, finished_at=now):
        return False
    remove_files(job.pk)
    return True


def remove(job: ExportJob) -> None:
    """The job's files, then its row."""
    remove_files(job.pk)
    ExportJob.objects.filter(pk=job.pk).delete()


def folder(pk) -> Path:
    """Where job ``pk``'s files are: ``FHIR_EXPORT_DIR/<pk>/``."""
    return Path(settings.FHIR_EXPORT_DIR) / str(pk)


def remove_files(pk) -> bool:
    """Remove ``folder(pk)`` and nothing else: a job folder that is a symbolic link
    loses the link only, and ``rmtree`` removes links inside the folder without
    following them."""
    target = folder(pk)
    if target.parent != Path(settings.FHIR_EXPORT_DIR) or target.name in {"", ".", ".."}:
        return False
    if target.is_symlink():
        target.unlink()
        return True
    if not target.is_dir():
        return False
    shutil.rmtree(target)
    return True


@dataclass
class Purged:
    failed: list[ExportJob] = field(default_factory=list)
    expired: list[ExportJob] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)


def orphan_folders() -> list[str]:
    """Job folders in ``FHIR_EXPORT_DIR`` whose job has no row (a crash between
    removing a job's files and its row, or files left by code before ADR 77)."""
    root = Path(settings.FHIR_EXPORT_DIR)
    if not root.is_dir():
        return []
    names = set()
    for entry in root.iterdir():
        try:
            names.add(str(uuid.UUID(entry.name)))
        except ValueError:
            continue  # not a job's folder: never ours to remove
    known = {str(pk) for pk in ExportJob.objects.filter(pk__in=names).values_list("pk",
                                                                                  flat=True)}
    return sorted(names - known)


def purge(now: dt.datetime | None = None, *, orphans: bool = False) -> Purged:
    """Fail the stale jobs and remove the expired ones (files and rows); with
    ``orphans`` (the cron command) also the job folders that have no row.

    Every kick-off runs it, and there is mostly nothing to do: one narrow query says
    so (building the two full ones with their users costs 3–4 times its CPU;
    docs/performance.md)."""
    now = now or timezone.now()
    purged = Purged()
    if orphans:
        for name in orphan_folders():
            if remove_files(name):
                purged.orphans.append(name)
    expired = Q(finished_at__lte=now - retention())
    if not ExportJob.objects.filter(_stale(now) | expired).values_list("pk")[:1]:
        return purged
    jobs = ExportJob.objects.select_related("requested_by")
    for job in jobs.filter(_stale(now)).order_by("requested_at"):
        if fail_if_stale(job, now):
            purged.failed.append(job)
    for job in jobs.filter(expired).order_by("finished_at"):
        remove(job)
        purged.expired.append(job)
    return purged
