"""FHIR Bulk Data export jobs: asked for, run, fetched (``forlop.fhir.bulkdata``)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("venter")
    RUNNING = "running", _("kjører")
    DONE = "done", _("ferdig")
    FAILED = "failed", _("feilet")


class ExportJob(models.Model):
    # A random id: the status and file URLs name it, and guessing one must not work
    # (they are also refused to anyone but the client that asked).
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")
    request_url = models.CharField(max_length=500)
    since = models.DateTimeField(null=True, blank=True)
    # ``_type``: the resource types asked for; empty for every type the export makes.
    types = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=8, choices=ExportStatus.choices,
                              default=ExportStatus.PENDING)
    requested_at = models.DateTimeField(auto_now_add=True)
    # Set when the job is claimed and after each unit it exports: a job whose
    # process died stops moving, and the purge fails it (ADR 77).
    alive_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # [{"type": "Patient", "path": "<resh>/Patient.ndjson", "count": 12}, ...]
    output = models.JSONField(default=list, blank=True)
    error = models.CharField(max_length=500, blank=True)

    def __str__(self) -> str:
        return f"{self.pk} {self.status}"
