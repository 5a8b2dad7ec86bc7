"""Emergency access (*nødtilgang*, break-glass): a time-limited, reasoned, reviewed
exception to need-to-know for one patient."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BreakGlassQuerySet(models.QuerySet):
    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(started_at__lte=now, expires_at__gt=now)

    def unreviewed(self):
        return self.filter(reviewed_at__isnull=True)


class BreakGlass(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="break_glass", verbose_name=_("bruker"))
    patient = models.ForeignKey("patients.Patient", on_delete=models.PROTECT,
                                related_name="break_glass", verbose_name=_("pasient"))
    # The unit the user worked in when they took it: the leader of that unit reviews.
    unit = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT, null=True,
                             blank=True, related_name="+", verbose_name=_("enhet"))
    reason = models.CharField(_("begrunnelse"), max_length=500)
    started_at = models.DateTimeField(_("start"))
    expires_at = models.DateTimeField(_("utløper"))
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    reviewed_at = models.DateTimeField(_("gjennomgått"), null=True, blank=True)
    review_note = models.CharField(_("merknad fra gjennomgang"), max_length=500, blank=True)

    objects = BreakGlassQuerySet.as_manager()

    class Meta:
        verbose_name = _("nødtilgang")
        verbose_name_plural = _("nødtilganger")
        constraints = [
            models.CheckConstraint(name="break_glass_has_reason", condition=~models.Q(reason="")),
            models.CheckConstraint(name="break_glass_expires_after_start",
                                   condition=models.Q(expires_at__gt=models.F("started_at"))),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.started_at:%Y-%m-%d %H:%M}"
