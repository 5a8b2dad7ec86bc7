"""A restriction (*sperring*): the patient bars a named staff member or a unit."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RestrictionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(lifted_at__isnull=True)


class Restriction(models.Model):
    patient = models.ForeignKey("patients.Patient", on_delete=models.PROTECT,
                                related_name="restrictions", verbose_name=_("pasient"))
    barred_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="restrictions_against",
                                    verbose_name=_("sperret person"))
    barred_unit = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT, null=True,
                                    blank=True, related_name="restrictions_against",
                                    verbose_name=_("sperret enhet"))
    reason = models.CharField(_("begrunnelse"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    lifted_at = models.DateTimeField(_("opphevet"), null=True, blank=True)
    lifted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="+")

    objects = RestrictionQuerySet.as_manager()

    class Meta:
        verbose_name = _("sperring")
        verbose_name_plural = _("sperringer")
        constraints = [
            models.CheckConstraint(
                name="restriction_bars_one_user_or_unit",
                condition=Q(barred_user__isnull=False, barred_unit__isnull=True)
                | Q(barred_user__isnull=True, barred_unit__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return str(self.barred_user or self.barred_unit)
