"""An evaluation with the checklist the pathways ask for. Its measurement point is
the kernel's ``evaluation`` event (``event``), registered in the same transaction, so
the evaluation clock moves; this row holds what the event has no room for."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StillRight(models.TextChoices):
    YES = "yes", _("ja, behandlingen er fortsatt riktig")
    ADJUST = "adjust", _("delvis, behandlingen justeres")
    NO = "no", _("nei, behandlingen endres")


class Tool(models.TextChoices):
    """Standardised symptom and function tools in use in Norwegian mental health and
    substance-use services (docs/care-collaboration.md). Scores are kept as written."""

    NONE = "", _("ikke brukt ved denne evalueringen")
    HONOS = "honos", "HoNOS"
    HONOSCA = "honosca", "HoNOSCA"
    CGAS = "cgas", "C-GAS"
    GAF = "gaf", "GAF"
    PHQ9 = "phq9", "PHQ-9"
    GAD7 = "gad7", "GAD-7"
    CORE10 = "core10", "CORE-10"
    AUDIT = "audit", "AUDIT"
    DUDIT = "dudit", "DUDIT"
    OTHER = "other", _("annet (skriv navnet)")


class ChildrenFollowUp(models.TextChoices):
    YES = "yes", _("ja, barn/søsken er fulgt opp")
    NO = "no", _("nei, ikke fulgt opp ennå")
    NOT_RELEVANT = "none", _("pasienten har ikke mindreårige barn eller søsken")


# Physical health and lifestyle (*somatisk helse og levevaner*): each is asked about
# and what was agreed is written down. Keys are stored; labels live in presenters.
LIFESTYLE_TOPICS = ("smoking", "alcohol_drugs", "diet", "activity", "sleep", "loneliness",
                    "side_effects")


class Evaluation(models.Model):
    pathway = models.ForeignKey("pathways.Pathway", on_delete=models.PROTECT,
                                related_name="evaluations")
    event = models.OneToOneField("pathways.PathwayEvent", on_delete=models.PROTECT,
                                 related_name="evaluation_record")
    on = models.DateField(_("dato for evalueringen"))
    still_right = models.CharField(_("er behandlingen fortsatt riktig?"), max_length=8,
                                   choices=StillRight.choices)
    still_right_note = models.TextField(_("begrunnelse"), blank=True)
    goals_progress = models.TextField(_("fremgang på pasientens mål"))
    user_involved = models.BooleanField(_("pasienten medvirket i evalueringen"))
    involvement_note = models.TextField(_("hvordan pasienten medvirket"), blank=True)
    tool = models.CharField(_("standardisert verktøy"), max_length=8, choices=Tool.choices,
                            blank=True, default="")
    tool_other = models.CharField(_("annet verktøy"), max_length=100, blank=True)
    score = models.CharField(_("skår"), max_length=50, blank=True)
    # {topic: {"asked": bool, "agreed": str}} for each of LIFESTYLE_TOPICS.
    lifestyle = models.JSONField(_("somatisk helse og levevaner"), default=dict)
    children = models.CharField(_("barn som pårørende og mindreårige søsken"), max_length=4,
                                choices=ChildrenFollowUp.choices)
    children_note = models.TextField(_("oppfølging av barn og søsken"), blank=True)
    satisfaction_asked = models.BooleanField(_("pasienten er spurt om fornøydhet"))
    satisfaction_note = models.TextField(_("pasientens tilbakemelding"), blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                      related_name="+")
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(name="evaluation_tool_has_score",
                                   condition=models.Q(tool="") | ~models.Q(score="")),
        ]

    def __str__(self) -> str:
        return f"{self.pathway_id}: {self.on}"
