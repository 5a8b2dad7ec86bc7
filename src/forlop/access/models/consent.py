"""The patient's consent to share their pathway with one participant."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Participant(models.TextChoices):
    RELATIVE = "relative", _("pårørende")
    MUNICIPALITY = "municipality", _("kommunal tjeneste")
    MEETING = "meeting", _("deltaker i samarbeidsmøte")


class ConsentScope(models.TextChoices):
    """What is shared, narrowest first; a wider scope includes the narrower ones."""

    OVERVIEW = "overview", _("forløpsoversikt (status og datoer)")
    PLANS = "plans", _("planer og avtaler")
    COLLABORATION = "collaboration", _("alt som trengs for samarbeidet")

    @classmethod
    def covers(cls, granted: str, needed: str) -> bool:
        order = list(cls.values)
        return order.index(granted) >= order.index(needed)


class ConsentQuerySet(models.QuerySet):
    def active(self, on=None):
        """In force now: started, not ended, not revoked. Expiry and revocation stop
        sharing at once because every read asks this, nothing is cached."""
        today = on or timezone.localdate()
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today),
                           valid_from__lte=today, revoked_at__isnull=True)


class Consent(models.Model):
    patient = models.ForeignKey("patients.Patient", on_delete=models.PROTECT,
                                related_name="consents", verbose_name=_("pasient"))
    # Empty: every pathway of the patient; otherwise this pathway only.
    pathway = models.ForeignKey("pathways.Pathway", on_delete=models.PROTECT, null=True,
                                blank=True, related_name="consents", verbose_name=_("forløp"))
    participant = models.CharField(_("deltaker"), max_length=16, choices=Participant.choices)
    participant_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                         null=True, blank=True, related_name="consents_given",
                                         verbose_name=_("person"))
    participant_municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, null=True, blank=True,
        related_name="consents", verbose_name=_("kommune"))
    scope = models.CharField(_("omfang"), max_length=16, choices=ConsentScope.choices)
    valid_from = models.DateField(_("gyldig fra"))
    valid_to = models.DateField(_("gyldig til"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("trukket tilbake"), null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                      related_name="+")
    registered_at = models.DateTimeField(auto_now_add=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("samtykke")
        verbose_name_plural = _("samtykker")
        constraints = [
            models.CheckConstraint(
                name="consent_participant_matches_kind",
                condition=(Q(participant="municipality", participant_municipality__isnull=False,
                             participant_user__isnull=True)
                           | (Q(participant__in=["relative", "meeting"])
                              & Q(participant_user__isnull=False,
                                  participant_municipality__isnull=True))),
            ),
            models.CheckConstraint(
                name="consent_period_ordered",
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_participant_display()}: {self.participant_label}"

    @property
    def participant_label(self) -> str:
        who = self.participant_municipality or self.participant_user
        return str(who)

    def status(self, on=None) -> str:
        """"active", "not_started", "expired" or "revoked" (the rule of ``active()``)."""
        today = on or timezone.localdate()
        if self.revoked_at is not None:
            return "revoked"
        if self.valid_from > today:
            return "not_started"
        if self.valid_to is not None and self.valid_to < today:
            return "expired"
        return "active"

    def is_active(self, on=None) -> bool:
        return self.status(on) == "active"
