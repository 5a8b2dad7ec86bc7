"""What the patient and their relatives tell the service through the portal."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from forlop.plans.models.base import AppendOnly


class SelfReport(AppendOnly):
    """The patient's short self-report before an evaluation."""

    pathway = models.ForeignKey("pathways.Pathway", on_delete=models.PROTECT,
                                related_name="self_reports", verbose_name=_("forløp"))
    how_it_goes = models.TextField(_("hvordan det går"))
    wants_to_discuss = models.TextField(_("hva pasienten vil snakke om"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                           related_name="+", verbose_name=_("av"))
    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)

    class Meta:
        verbose_name = _("egenrapport")
        verbose_name_plural = _("egenrapporter")


class RelativeMessage(AppendOnly):
    """Information a relative leaves for the clinician (shown on the pathway page)."""

    pathway = models.ForeignKey("pathways.Pathway", on_delete=models.PROTECT,
                                related_name="relative_messages", verbose_name=_("forløp"))
    text = models.TextField(_("melding"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                           related_name="+", verbose_name=_("fra"))
    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)

    class Meta:
        verbose_name = _("melding fra pårørende")
        verbose_name_plural = _("meldinger fra pårørende")
