"""The treatment plan of one pathway, as a chain of versions.

Each change is a new ``PlanVersion`` (number 1, 2, ...) holding the whole plan as it
stood, who made it and why: earlier versions stay as they were (append-only). The
patient answers a version on Min side (``PlanResponse``: a co-signature or a
comment); staff may record that a version was made with the patient in a meeting
(``PlanMeeting``). Either is the evidence that the plan was made with the patient
(ADR 30).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from forlop.plans.models.base import AppendOnly
from forlop.plans.models.cosigned import (
    PlanResponseBase,
    PlanVersionBase,
    numbered_once,
    response_constraints,
)


class IndividualPlan(models.TextChoices):
    """*Individuell plan* (pasient- og brukerrettighetsloven § 2-5)."""

    NOT_ASKED = "not_asked", _("ikke spurt ennå")
    HAS = "has", _("har individuell plan")
    WANTS = "wants", _("ønsker individuell plan")
    DECLINED = "declined", _("ønsker ikke individuell plan")


class PlanVersion(PlanVersionBase):
    pathway = models.ForeignKey("pathways.Pathway", on_delete=models.PROTECT,
                                related_name="plan_versions", verbose_name=_("forløp"))
    goals = models.TextField(_("pasientens egne mål"))
    what_matters = models.TextField(_("hva som er viktig for pasienten"), blank=True)
    options_offered = models.TextField(_("behandlingstilbud som er drøftet"), blank=True)
    option_chosen = models.TextField(_("behandlingen som er valgt"), blank=True)
    # [{"what": ..., "who": ..., "by": "2026-12-31"}, ...]
    measures = models.JSONField(_("tiltak"), default=list, blank=True)
    # ["2027-01-15", ...]
    evaluation_dates = models.JSONField(_("evalueringsdatoer"), default=list, blank=True)
    crisis_plan = models.TextField(_("kriseplan og mestring"), blank=True)
    individual_plan = models.CharField(_("individuell plan"), max_length=12,
                                       choices=IndividualPlan.choices,
                                       default=IndividualPlan.NOT_ASKED)
    responsibility_group = models.TextField(_("ansvarsgruppe"), blank=True)

    CONTENT_FIELDS = ("goals", "what_matters", "options_offered", "option_chosen", "measures",
                      "evaluation_dates", "crisis_plan", "individual_plan",
                      "responsibility_group")

    class Meta:
        verbose_name = _("versjon av behandlingsplan")
        verbose_name_plural = _("versjoner av behandlingsplan")
        constraints = [numbered_once("pathway", name="plan_version_number_once")]

    def __str__(self) -> str:
        return f"plan {self.pathway_id} v{self.number}"


class PlanResponse(PlanResponseBase):
    """The patient's answer to one version: a co-signature (the evidence) or a
    comment (a wish for a change; the plan stays unsigned)."""

    class Meta:
        verbose_name = _("pasientens svar på behandlingsplan")
        verbose_name_plural = _("pasientens svar på behandlingsplan")
        constraints = response_constraints(has_text="plan_comment_has_text",
                                           signed_once="plan_version_signed_once")


class PlanMeeting(AppendOnly):
    """Staff record that a version was made with the patient in a meeting."""

    version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT,
                                related_name="meetings", verbose_name=_("versjon"))
    held_on = models.DateField(_("dato for møtet"))
    present = models.TextField(_("til stede"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("registrert av"))
    recorded_at = models.DateTimeField(_("registrert"), auto_now_add=True)

    class Meta:
        verbose_name = _("møte der planen ble laget med pasienten")
        verbose_name_plural = _("møter der planen ble laget med pasienten")
