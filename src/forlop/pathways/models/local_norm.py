from django.db import models
from django.utils.translation import gettext_lazy as _

from forlop.organisations.models import HealthTrust
from forlop.pathways.models.choices import CareSetting, PathwayType, Severity


class LocalNorm(models.Model):
    """A trust's own limit for a clock where no national pathway time exists.

    Reports keep local norms apart from national times (the clock says its basis).
    """

    trust = models.ForeignKey(HealthTrust, on_delete=models.CASCADE, related_name="local_norms")
    pathway_type = models.CharField(_("forløp"), max_length=24, choices=PathwayType.choices)
    clock = models.CharField(_("klokke"), max_length=48)
    setting = models.CharField(_("omsorgsnivå"), max_length=12, choices=CareSetting.choices)
    severity = models.CharField(_("alvorlighet"), max_length=12, choices=Severity.choices,
                                blank=True)
    days = models.PositiveSmallIntegerField(_("dager"))

    class Meta:
        verbose_name = _("lokal norm")
        verbose_name_plural = _("lokale normer")
        constraints = [
            models.UniqueConstraint(
                fields=["trust", "pathway_type", "clock", "setting", "severity"],
                name="local_norm_unique_per_clock",
            )
        ]

    def __str__(self) -> str:
        return f"{self.pathway_type} {self.clock} {self.setting}: {self.days}"
