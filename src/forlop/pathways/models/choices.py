"""Choice lists mirroring the kernel catalog keys (a test keeps the two in step)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PathwayType(models.TextChoices):
    VOKSNE = "voksne", _("Psykisk helsevern voksne")
    BARN_UNGE = "barn_unge", _("Psykisk helsevern barn og unge")
    TSB = "tsb", _("Tverrfaglig spesialisert rusbehandling")
    PSYKOSE = "psykose", _("Psykoselidelser")
    SPISEFORSTYRRELSER = "spiseforstyrrelser", _("Spiseforstyrrelser hos barn og unge")
    OCD = "ocd", _("Tvangslidelse (OCD)")
    GRAVIDE = "gravide", _("Gravide som bruker rusmidler")


class CareSetting(models.TextChoices):
    OUTPATIENT = "outpatient", _("Poliklinisk")
    INPATIENT = "inpatient", _("Døgn")


class Severity(models.TextChoices):
    SERIOUS = "serious", _("Alvorlig")
    LESS_SERIOUS = "less_serious", _("Mindre alvorlig")


class PathwayStateName(models.TextChoices):
    REFERRED = "referred", _("Henvist")
    ASSESSED = "assessed", _("Vurdert")
    STARTED = "started", _("Startet")
    ASSESSING = "assessing", _("Under utredning")
    EXTENDED_ASSESSMENT = "extended_assessment", _("Utvidet utredning")
    TREATMENT = "treatment", _("Behandling")
    CLOSED = "closed", _("Avsluttet")
