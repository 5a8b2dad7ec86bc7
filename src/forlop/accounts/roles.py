"""Roles a person can hold. What each role may do is ``forlop.access.permissions``;
which pathways it reaches is ``forlop.access.policy``."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Forløpskoordinator")
    CLINICIAN = "clinician", _("Behandler")
    SECRETARY = "secretary", _("Sekretær")
    LEADER = "leader", _("Leder")
    MUNICIPAL_COORDINATOR = "municipal_coordinator", _("Kommunal koordinator")
    COORDINATING_UNIT_LEAD = "coordinating_unit_lead", _("Leder koordinerende enhet")
    GP = "gp", _("Fastlege")
    PATIENT = "patient", _("Pasient")
    RELATIVE = "relative", _("Pårørende")
    SYSADMIN = "sysadmin", _("Systemadministrator")


# Roles whose scope is a specialist-care unit: they see that unit's pathways.
UNIT_ROLES = frozenset({Role.COORDINATOR, Role.CLINICIAN, Role.SECRETARY, Role.LEADER})
MUNICIPAL_ROLES = frozenset({Role.MUNICIPAL_COORDINATOR, Role.COORDINATING_UNIT_LEAD})
