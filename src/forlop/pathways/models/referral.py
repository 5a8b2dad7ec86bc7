from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from forlop.organisations.models import GpOffice, Unit
from forlop.patients.models import Patient


class ReferrerKind(models.TextChoices):
    """Who sent the referral (issue 15: the GP, or another referrer)."""

    GP = "gp", _("Fastlege")
    EMERGENCY_PRIMARY = "emergency_primary", _("Legevakt")
    SPECIALIST = "specialist", _("Spesialisthelsetjenesten eller avtalespesialist")
    MUNICIPAL = "municipal", _("Kommunal tjeneste")
    CHILD_WELFARE = "child_welfare", _("Barnevernstjenesten")
    OTHER = "other", _("Annen henviser")


class Referral(models.Model):
    """*Henvisning*: received by a unit, assessed within 10 working days.

    Registered and assessed through ``forlop.intake.services``; an unassessed
    referral (``assessed_on`` empty) waits on the unit's referral list.
    """

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="referrals")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="referrals")
    received_on = models.DateField(_("mottatt"))
    assessed_on = models.DateField(_("vurdert"), null=True, blank=True)
    right_granted = models.BooleanField(_("rett til nødvendig helsehjelp"), null=True,
                                        blank=True)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+", db_index=False)
    # Blank on referrals registered before the intake screens (demo, bench, older rows).
    referrer_kind = models.CharField(_("type henviser"), max_length=24,
                                     choices=ReferrerKind.choices, blank=True)
    referrer_name = models.CharField(_("henviser"), max_length=200, blank=True)
    referrer_hpr = models.CharField(_("henvisers HPR-nummer"), max_length=9, blank=True)
    gp_office = models.ForeignKey(GpOffice, on_delete=models.PROTECT, null=True, blank=True)
    # The referring GP when they are a user here (a GP role at ``gp_office``); else the
    # GP is known by ``referrer_name`` and ``referrer_hpr`` alone (docs/gp.md).
    referring_gp = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+", db_index=False,
                                     verbose_name=_("henvisende fastlege"))
    # A referral forwarded from another trust: where the pathway first started.
    first_trust_name = models.CharField(_("første helseforetak"), max_length=200, blank=True)
    first_trust_started_on = models.DateField(_("start pakkeforløp første helseforetak"),
                                              null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("henvisning")
        verbose_name_plural = _("henvisninger")
        indexes = [
            # The referral list: one unit's unassessed referrals, oldest receipt first.
            models.Index(fields=["unit", "received_on"], name="referral_waiting",
                         condition=Q(assessed_on__isnull=True)),
        ]
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
            # Who assessed is known exactly when it was assessed (older rows had no one).
            models.CheckConstraint(
                name="referral_assessor_only_when_assessed",
                condition=Q(assessed_by__isnull=True) | Q(assessed_on__isnull=False),
            ),
            # A GP referral names the GP office; no other kind carries one.
            models.CheckConstraint(
                name="referral_gp_office_iff_gp",
                condition=Q(referrer_kind="gp", gp_office__isnull=False)
                | ~Q(referrer_kind="gp") & (Q(gp_office__isnull=True) | Q(referrer_kind="")),
            ),
            # Only a GP referral names a GP user as its referrer.
            models.CheckConstraint(
                name="referral_gp_user_only_from_gp_office",
                condition=Q(referring_gp__isnull=True) | Q(gp_office__isnull=False),
            ),
            models.CheckConstraint(
                name="referral_first_trust_paired",
                condition=Q(first_trust_started_on__isnull=True, first_trust_name="")
                | (Q(first_trust_started_on__isnull=False) & ~Q(first_trust_name="")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.patient} {self.received_on}"
