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
    # Grants and ends staff roles in the units of the trust where it is held (the
    # Django admin keeps reference data only; docs/security.md).
    ACCESS_ADMIN = "access_admin", _("Tilgangsadministrator")


# Roles whose scope is a specialist-care unit: they see that unit's pathways.
UNIT_ROLES = frozenset({Role.COORDINATOR, Role.CLINICIAN, Role.SECRETARY, Role.LEADER})
# Roles the trust's access administrator grants, in one of the trust's units.
GRANTABLE_ROLES = (Role.COORDINATOR, Role.CLINICIAN, Role.SECRETARY, Role.LEADER,
                   Role.ACCESS_ADMIN)
MUNICIPAL_ROLES = frozenset({Role.MUNICIPAL_COORDINATOR, Role.COORDINATING_UNIT_LEAD})
