"""The individual plan of one patient, as a chain of versions, and the hand-over of
the follow-up plan to the municipality at closure. Every row is append-only: a change
is a new version, a confirmation a new row (ADR 58, 59)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from forlop.plans.models.base import AppendOnly
from forlop.plans.models.cosigned import (
    PlanResponseBase,
    PlanVersionBase,
    ResponseKind,
    numbered_once,
    response_constraints,
)

__all__ = ["ClosureNotice", "Confirmation", "FollowUpRequest", "PlanResponse", "PlanVersion",
           "ResponseKind"]


class PlanVersion(PlanVersionBase):
    """*Individuell plan* (helse- og omsorgstjenesteloven § 7-1, pasient- og
    brukerrettighetsloven § 2-5): the municipality's plan for the patient, not for one
    pathway; it outlives them. Each version holds the whole plan as it stood."""

    patient = models.ForeignKey("patients.Patient", on_delete=models.PROTECT,
                                related_name="individual_plan_versions",
                                verbose_name=_("pasient"))
    # The municipality whose plan it is (the patient's home municipality when written).
    municipality = models.ForeignKey("organisations.Municipality", on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("kommune"))
    goals = models.TextField(_("mål"))
    # [{"what": ..., "who": ..., "by": "2027-03-01"}, ...]: who is responsible for what.
    measures = models.JSONField(_("tiltak og ansvar"), default=list, blank=True)
    # ["2027-03-01", ...]
    evaluation_dates = models.JSONField(_("evalueringsdatoer"), default=list, blank=True)
    # [{"name": ..., "service": ..., "role": ...}, ...]
    group = models.JSONField(_("ansvarsgruppe"), default=list, blank=True)

    CONTENT_FIELDS = ("goals", "measures", "evaluation_dates", "group")

    class Meta:
        verbose_name = _("versjon av individuell plan")
        verbose_name_plural = _("versjoner av individuell plan")
        constraints = [numbered_once("patient", name="ip_version_number_once")]

    def __str__(self) -> str:
        return f"IP {self.patient_id} v{self.number}"


class PlanResponse(PlanResponseBase):
    """The patient's answer to one version on Min side: a co-signature or a comment."""

    class Meta:
        verbose_name = _("pasientens svar på individuell plan")
        verbose_name_plural = _("pasientens svar på individuell plan")
        constraints = response_constraints(has_text="ip_comment_has_text",
                                           signed_once="ip_version_signed_once")


class FollowUpRequest(AppendOnly):
    """The specialist service asks the municipality to confirm the follow-up plan and
    its named responsible professional (a snapshot of the closure checklist's), and
    sends the plan as a message (kind FOLLOW_UP_PLAN)."""

    pathway = models.ForeignKey("pathways.Pathway", on_delete=models.PROTECT,
                                related_name="follow_up_requests", verbose_name=_("forløp"))
    municipality = models.ForeignKey("organisations.Municipality", on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("kommune"))
    # The individual plan's version when it is the follow-up plan; else the written plan.
    plan_version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="+",
                                     verbose_name=_("individuell plan"))
    follow_up_plan = models.TextField(_("skriftlig plan for oppfølging i kommunen"),
                                      blank=True)
    responsible = models.CharField(_("ansvarlig fagperson i kommunen"), max_length=200)
    message = models.ForeignKey("messaging.Message", on_delete=models.PROTECT, null=True,
                                blank=True, related_name="+", verbose_name=_("melding"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("bedt om av"))
    requested_at = models.DateTimeField(_("bedt om"), auto_now_add=True)

    class Meta:
        verbose_name = _("forespørsel om bekreftet oppfølgingsplan")
        verbose_name_plural = _("forespørsler om bekreftet oppfølgingsplan")
        constraints = [models.CheckConstraint(
            name="follow_up_request_has_plan",
            condition=Q(plan_version__isnull=False) | ~Q(follow_up_plan=""))]


class Confirmation(AppendOnly):
    """The municipality confirms it has taken over: the plan and the responsible."""

    request = models.OneToOneField(FollowUpRequest, on_delete=models.PROTECT,
                                   related_name="confirmation", verbose_name=_("forespørsel"))
    note = models.TextField(_("merknad"), blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("bekreftet av"))
    confirmed_at = models.DateTimeField(_("bekreftet"), auto_now_add=True)

    class Meta:
        verbose_name = _("kommunens bekreftelse av oppfølgingsplan")
        verbose_name_plural = _("kommunens bekreftelser av oppfølgingsplan")


class ClosureNotice(AppendOnly):
    """The GP office was told the pathway closed (one row per closure told)."""

    pathway = models.ForeignKey("pathways.Pathway", on_delete=models.PROTECT,
                                related_name="+", verbose_name=_("forløp"))
    event = models.OneToOneField("pathways.PathwayEvent", on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("avslutning"))
    message = models.ForeignKey("messaging.Message", on_delete=models.PROTECT, null=True,
                                blank=True, related_name="+", verbose_name=_("melding"))
    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)
