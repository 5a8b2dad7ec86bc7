"""The closure checklist, saved as it is filled in from the first evaluation on.
Append-only: each save is a new row, the newest is the checklist now (earlier ones
stay, with who saved them)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ClosureChecklist(models.Model):
    pathway = models.ForeignKey("pathways.Pathway", on_delete=models.PROTECT,
                                related_name="closure_checklists")
    patient_agrees = models.BooleanField(_("pasienten er enig i avslutningen"), default=False)
    service_agrees = models.BooleanField(_("spesialisthelsetjenesten er enig i avslutningen"),
                                         default=False)
    follow_up_plan = models.TextField(_("skriftlig plan for oppfølging i kommunen"), blank=True)
    individual_plan_used = models.BooleanField(
        _("individuell plan er oppfølgingsplanen"), default=False)
    municipal_responsible = models.CharField(_("ansvarlig fagperson i kommunen"),
                                             max_length=200, blank=True)
    final_meeting = models.ForeignKey("collaboration.Meeting", on_delete=models.PROTECT,
                                      null=True, blank=True, related_name="+",
                                      verbose_name=_("avsluttende samarbeidsmøte"))
    help_needs = models.TextField(_("hjelpebehov ved avslutning"), blank=True)
    knows_where_to_turn = models.BooleanField(
        _("pasient og pårørende vet hvor de skal henvende seg"), default=False)
    risk_passed_on = models.BooleanField(
        _("risikovurderinger (selvmord, vold) er overlevert"), default=False)
    risk_passed_to = models.CharField(_("overlevert til"), max_length=200, blank=True)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")
    saved_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.pathway_id}: {self.saved_at:%Y-%m-%d}"
