from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from forlop.organisations.models import Unit
from forlop.pathways.models.choices import PathwayStateName


class PathwayState(models.Model):
    """Projection of a pathway's events: kept in the same transaction as each event
    so worklists and indicators read one narrow, indexed row per pathway."""

    pathway = models.OneToOneField("pathways.Pathway", on_delete=models.CASCADE,
                                   primary_key=True, related_name="state")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    is_open = models.BooleanField(default=True)
    state = models.CharField(_("status"), max_length=24, choices=PathwayStateName.choices)
    next_due = models.DateField(_("neste frist"), null=True, blank=True)
    next_clock = models.CharField(_("neste klokke"), max_length=48, blank=True)
    # The next clock's basis (national, secondary, local_norm): the worklist marks
    # local norms without reading the clocks JSON (half its page time at scale).
    next_basis = models.CharField(max_length=16, blank=True)
    breached = models.BooleanField(_("fristbrudd"), default=False)
    patient_caused_breach = models.BooleanField(default=False)
    service_caused_breach = models.BooleanField(default=False)
    clocks = models.JSONField(default=list)
    ruleset = models.CharField(max_length=32)
    computed_on = models.DateField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            # The worklist page: one unit's open pathways in due order, read straight
            # from the index and cut after one page. ASC in PostgreSQL puts NULLs last
            # already, matching the worklist order; pathway is the tie-breaker.
            models.Index(fields=["unit", "next_due", "pathway"], name="state_worklist_open",
                         condition=models.Q(is_open=True)),
            # The daily recompute: open pathways whose earliest running clock is due.
            models.Index(fields=["next_due"], name="state_open_due",
                         condition=models.Q(is_open=True)),
        ]

    def __str__(self) -> str:
        return f"{self.pathway_id}: {self.state}"


class PathwayStatusChange(models.Model):
    """Append-only history of state changes, with the reason (the event that caused it)."""

    pathway = models.ForeignKey("pathways.Pathway", on_delete=models.PROTECT,
                                related_name="status_changes")
    state = models.CharField(max_length=24, choices=PathwayStateName.choices)
    reason = models.CharField(max_length=300)
    # Not indexed: only a user's deletion (PROTECT) would read it (see PathwayEvent).
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", db_index=False)
    changed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.pathway_id}: {self.state} ({self.reason})"
