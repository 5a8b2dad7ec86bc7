from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from forlop.organisations.models import GpOffice, Unit
from forlop.patients.models import Patient


class Referral(models.Model):
    """*Henvisning*: received by a unit, assessed within 10 working days."""

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="referrals")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="referrals")
    received_on = models.DateField(_("mottatt"))
    assessed_on = models.DateField(_("vurdert"), null=True, blank=True)
    right_granted = models.BooleanField(_("rett til nødvendig helsehjelp"), null=True,
                                        blank=True)
    referrer_name = models.CharField(_("henviser"), max_length=200, blank=True)
    referrer_hpr = models.CharField(_("henvisers HPR-nummer"), max_length=9, blank=True)
    gp_office = models.ForeignKey(GpOffice, on_delete=models.PROTECT, null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("henvisning")
        verbose_name_plural = _("henvisninger")
        constraints = [
            # Assessment date and outcome are recorded together or not at all.
            models.CheckConstraint(
                name="referral_assessment_paired",
                condition=Q(assessed_on__isnull=True, right_granted__isnull=True)
                | Q(assessed_on__isnull=False, right_granted__isnull=False),
            ),
            models.CheckConstraint(
                name="referral_assessed_after_received",
                condition=Q(assessed_on__isnull=True) | Q(assessed_on__gte=models.F("received_on")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.patient} {self.received_on}"
