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
    # Grants and ends roles where it is held: in a unit, in the units of that trust;
    # (the coordinating unit's lead does it in the municipality and at its GP offices).
    # The Django admin keeps reference data only; docs/security.md.
    ACCESS_ADMIN = "access_admin", _("Tilgangsadministrator")


# Roles whose scope is a specialist-care unit: they see that unit's pathways.
UNIT_ROLES = frozenset({Role.COORDINATOR, Role.CLINICIAN, Role.SECRETARY, Role.LEADER})
# Roles the trust's access administrator grants, in one of the trust's units.
GRANTABLE_ROLES = (Role.COORDINATOR, Role.CLINICIAN, Role.SECRETARY, Role.LEADER,
                   Role.ACCESS_ADMIN)
# What may be granted at each kind of place (``RoleAssignment``'s place fields). GPs are
# granted by the municipality the GP office is in: the municipality runs the GP scheme
# (fastlegeordningen, ADR 17).
GRANTABLE_AT = {
    "unit": GRANTABLE_ROLES,
    "municipality": (Role.MUNICIPAL_COORDINATOR, Role.COORDINATING_UNIT_LEAD),
    "gp_office": (Role.GP,),
    # A level of the trust's management line (clinic, department, section): its
    # leader, who reaches the figures of the units below (``LEVEL_REACH``).
    "org_level": (Role.LEADER,),
}
MUNICIPAL_ROLES = frozenset({Role.MUNICIPAL_COORDINATOR, Role.COORDINATING_UNIT_LEAD})
