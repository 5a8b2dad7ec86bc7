"""Reads of the referral intake, scoped to the units where the user works.

A referral has no pathway yet, so its scope is the unit: only referrals to units where
the user holds an active role that lets them register (``EDIT_PATHWAY``), minus
patients who have barred the user or one of their units (*sperring*), as on pathways.
"""

from __future__ import annotations

from forlop.access.permissions import Permission, roles_with
from forlop.access.policy import barred_patients, may_see_patients, unit_roles_of
from forlop.accounts.models import RoleAssignment, User
from forlop.organisations.models import Unit
from forlop.pathways.models import Referral


def intake_units(user, permission: Permission = Permission.EDIT_PATHWAY):
    """Units where ``user`` holds an active role with ``permission``."""
    if not may_see_patients(user):
        return Unit.objects.none()
    roles = unit_roles_of(user).filter(role__in=roles_with(permission))
    return Unit.objects.filter(pk__in=roles.values("unit_id")).order_by("name")


def roles_by_unit(user) -> dict[int, str]:
    """Unit id -> the user's role there (the first by name), for the access log."""
    roles: dict[int, str] = {}
    for unit_id, role in unit_roles_of(user).order_by("role").values_list("unit_id", "role"):
        roles.setdefault(unit_id, role)
    return roles


def visible_referrals(user):
    """Referrals the user may see: to their intake units, patient not barring them."""
    if not may_see_patients(user):
        return Referral.objects.none()
    return (Referral.objects.filter(unit__in=intake_units(user))
            .exclude(patient_id__in=barred_patients(user).values("patient_id")))


def waiting_referrals(user):
    """Unassessed referrals, oldest receipt (so earliest legal deadline) first."""
    return (visible_referrals(user).filter(assessed_on__isnull=True)
            .select_related("patient", "unit", "gp_office", "referring_gp")
            .order_by("received_on", "pk"))


def unit_staff(unit):
    """People who may coordinate a pathway of ``unit``: its clinical staff now."""
    holders = RoleAssignment.objects.active().filter(
        unit=unit, role__in=roles_with(Permission.REGISTER_CLINICAL))
    return (User.objects.filter(pk__in=holders.values("user_id"), is_active=True)
            .order_by("last_name", "first_name", "username"))
