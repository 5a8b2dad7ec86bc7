"""Scoped reads. Every patient query in a view goes through ``visible_to``.

Deny by default: a user sees a pathway only if they hold an active unit role in
the pathway's unit, are its coordinator, or are on its care team. Municipal and
patient scopes arrive with the consent work; until then they see nothing.
"""

from django.db import models
from django.db.models import Exists, OuterRef, Q

from forlop.accounts.roles import UNIT_ROLES


def may_see_patients(user) -> bool:
    """Only signed-in, active users see any patient data."""
    return user is not None and user.is_authenticated and user.is_active


def unit_roles_of(user):
    """The user's active role assignments that open a unit's pathways to them."""
    from forlop.accounts.models import RoleAssignment

    return RoleAssignment.objects.active().filter(user=user, role__in=UNIT_ROLES,
                                                  unit__isnull=False)


class PathwayQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not may_see_patients(user):
            return self.none()
        from forlop.pathways.models import CareTeamMember

        unit_ids = unit_roles_of(user).values("unit_id")
        # EXISTS rather than a join: no duplicates, so no DISTINCT on big lists.
        on_team = CareTeamMember.objects.filter(pathway=OuterRef("pk"), user=user)
        return self.filter(Q(unit_id__in=unit_ids) | Q(coordinator=user) | Exists(on_team))

    def open(self):
        return self.filter(is_open=True)
