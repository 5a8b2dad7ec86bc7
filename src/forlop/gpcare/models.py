"""The GP and the specialist service around a pathway (issue 15): consultations before
a referral, and how to reach a unit (the feedback letter names it)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from forlop.organisations.models import GpOffice, Unit
from forlop.patients.models import Patient


class Consultation(models.Model):
    """A GP asks a specialist unit about a patient before any referral (no pathway);
    one of the unit's clinicians or coordinators answers. Written through
    ``forlop.gpcare.services``; each side is sent the other's words as a message."""

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("pasient"))
    gp_office = models.ForeignKey(GpOffice, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("fastlegekontor"))
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("spurt av"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("enhet"))
    question = models.TextField(_("spørsmål"))
    asked_at = models.DateTimeField(_("spurt"))
    answer = models.TextField(_("svar"), blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("besvart av"))
    answered_at = models.DateTimeField(_("besvart"), null=True, blank=True)

    class Meta:
        verbose_name = _("konsultasjon")
        verbose_name_plural = _("konsultasjoner")
        indexes = [models.Index(fields=["unit", "asked_at"], name="consultation_unit"),
                   models.Index(fields=["gp_office", "asked_at"], name="consultation_office")]
        constraints = [
            # An answer has its author and time, and only an answer has them.
            models.CheckConstraint(
                name="consultation_answer_paired",
                condition=Q(answer="", answered_by__isnull=True, answered_at__isnull=True)
                | (~Q(answer="") & Q(answered_by__isnull=False, answered_at__isnull=False)),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gp_office} → {self.unit} {self.asked_at:%Y-%m-%d}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None


class UnitContact(models.Model):
    """How a GP or referrer reaches a unit: printed in the feedback letter beside the
    pathway's coordinator. Kept by the system administrator (Django admin)."""

    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="gp_contact",
                                verbose_name=_("enhet"))
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    hours = models.CharField(_("åpningstid for henvendelser"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("kontaktinformasjon for enhet")
        verbose_name_plural = _("kontaktinformasjon for enheter")

    def __str__(self) -> str:
        return str(self.unit)
