from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from forlop.organisations.models import HealthTrust, Unit
from forlop.pathways.models.choices import CareSetting, PathwayType, Severity
from forlop.pathways.models.referral import Referral
from forlop.pathways.selectors import PathwayQuerySet
from forlop.patients.models import Patient


class Pathway(models.Model):
    """One pathway instance (*forløp*) of one type, owned by one unit.

    Its truth is its events (``PathwayEvent``); ``PathwayState`` is the projection.
    Only services in ``forlop.pathways.services`` create or change pathways.
    """

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="pathways")
    # Indexed with the id (``pathway_unit_keyset`` below), not alone.
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="pathways",
                             db_index=False)
    # Denormalised from unit so the database can enforce one open pathway per
    # patient, type and trust (the "organisation" of DESIGN.md, ADR 0005).
    trust = models.ForeignKey(HealthTrust, on_delete=models.PROTECT, related_name="pathways")
    type = models.CharField(_("forløp"), max_length=24, choices=PathwayType.choices)
    # The setting now: kept in step with the pathway's setting_change events by the
    # projection (services.projection). The kernel is given the setting at the start
    # and the changes (ADR 12).
    setting = models.CharField(_("omsorgsnivå"), max_length=12, choices=CareSetting.choices)
    setting_at_start = models.CharField(_("omsorgsnivå ved start"), max_length=12,
                                        choices=CareSetting.choices)
    severity = models.CharField(_("alvorlighet"), max_length=12, choices=Severity.choices,
                                blank=True)
    ruleset = models.CharField(_("regelsett"), max_length=32)
    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="pathways")
    started_on = models.DateField(_("startdato"))
    first_trust_started_on = models.DateField(_("start pakkeforløp første helseforetak"),
                                              null=True, blank=True)
    first_trust_name = models.CharField(_("første helseforetak"), max_length=200, blank=True)
    # Indexed only where set (``pathway_coordinator`` below): a pathway waits for its
    # coordinator, and a full index full of NULLs made SQLite's planner scan the
    # table for "my pathways" (65 ms at national scale; docs/performance.md).
    coordinator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="coordinated_pathways",
                                    verbose_name=_("forløpskoordinator"), db_index=False)
    is_open = models.BooleanField(_("åpent"), default=True)
    closed_on = models.DateField(_("avsluttet"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PathwayQuerySet.as_manager()

    class Meta:
        verbose_name = _("forløp")
        verbose_name_plural = _("forløp")
        # The worklist's "coordinated by me, outside my units" from the index alone:
        # the open ones only (about one in five of a coordinator's pathways), their
        # unit and id in the index (SQLite's index carries the id anyway).
        indexes = [models.Index(fields=["coordinator", "is_open", "unit"], include=["id"],
                                name="pathway_coordinator",
                                condition=Q(coordinator__isnull=False)),
                   # A unit's pathways in id order: the bulk export pages through them
                   # by ``id > last`` (keyset). On ``unit_id`` alone PostgreSQL keeps
                   # equal keys in heap order, so it walked the primary key instead and
                   # filtered the unit's rows out of the whole table (docs/performance.md).
                   models.Index(fields=["unit", "id"], name="pathway_unit_keyset")]
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "type", "trust"], condition=Q(is_open=True),
                name="one_open_pathway_per_patient_type_trust",
            ),
            models.CheckConstraint(
                name="pathway_closed_iff_closed_on",
                condition=Q(is_open=True, closed_on__isnull=True)
                | Q(is_open=False, closed_on__isnull=False),
            ),
            models.CheckConstraint(
                name="pathway_first_trust_paired",
                condition=Q(first_trust_started_on__isnull=True, first_trust_name="")
                | (Q(first_trust_started_on__isnull=False) & ~Q(first_trust_name="")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()} – {self.patient}"
