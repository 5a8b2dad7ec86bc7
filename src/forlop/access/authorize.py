"""Authorization at the point of writing: every write service asks here before it
changes anything, so an API, a command or a new view that calls a service is held
to the same rule as the page (the view's decorator is only the first gate).

What a user may do is ``access.permissions`` (roles as data) reached through
``access.policy`` (the bases of access); nothing here restates either.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from forlop.access.permissions import Permission, permissions_of
from forlop.access.policy import access_to, may_see_patients, municipal_roles_of, unit_roles_of


class NotPermitted(PermissionDenied):
    """The actor lacks ``permission`` for this pathway or unit; nothing was saved.

    Views answer it as they answer any refusal (404 for a pathway the user cannot
    see, 403 otherwise) and the access log records the refusal."""

    def __init__(self, permission: Permission, *, on: str = ""):
        self.permission = permission
        super().__init__(f"not permitted: {permission.value}{f' on {on}' if on else ''}")


def unit_permissions(user, unit) -> frozenset[Permission]:
    """Permissions the user's active roles in ``unit`` give (no pathway yet: referrals,
    starting a pathway)."""
    if not may_see_patients(user):
        return frozenset()
    return permissions_of(unit_roles_of(user).filter(unit=unit).values_list("role", flat=True))


def require_on_pathway(user, permission: Permission, pathway) -> None:
    if not access_to(user, pathway).can(permission):
        raise NotPermitted(permission, on=f"pathway {pathway.pk}")


def require_in_unit(user, permission: Permission, unit) -> None:
    if permission not in unit_permissions(user, unit):
        raise NotPermitted(permission, on=f"unit {unit.pk}")


def municipality_permissions(user, municipality) -> frozenset[Permission]:
    """Permissions the user's active roles in ``municipality`` give (the coordinating
    unit's work and the municipal staff's notices: no pathway involved)."""
    if not may_see_patients(user):
        return frozenset()
    return permissions_of(municipal_roles_of(user).filter(municipality=municipality)
                          .values_list("role", flat=True))


def municipalities_with(user, permission: Permission) -> list[int]:
    """Ids of the municipalities where the user's active roles give ``permission``."""
    if not may_see_patients(user):
        return []
    found = set()
    for role, muni_id in municipal_roles_of(user).values_list("role", "municipality_id"):
        if permission in permissions_of([role]):
            found.add(muni_id)
    return sorted(found)


def require_in_municipality(user, permission: Permission, municipality) -> None:
    if permission not in municipality_permissions(user, municipality):
        raise NotPermitted(permission, on=f"municipality {municipality.pk}")
