"""Role grants: who holds which staff role in which unit, from when to when.

Roles open patient records, so granting one is an act the access log records (who
gave what to whom, from when), done through these services only: the Django admin
shows role assignments read-only. The rules: the actor holds the access
administrator role in a unit of the same trust; no back-dating (a role starts today
or later, and ends today or later); nobody changes their own roles (a second person
always does it).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forlop.access.audit import Touch, append
from forlop.access.authorize import NotPermitted
from forlop.access.models import Action, Basis
from forlop.access.permissions import Permission, roles_with
from forlop.access.policy import active_roles
from forlop.accounts.models import RoleAssignment
from forlop.accounts.roles import GRANTABLE_ROLES


def administered_units(user):
    """Units of the trusts where ``user`` is access administrator (a queryset)."""
    from forlop.organisations.models import Unit

    trusts = (active_roles(user).filter(role__in=roles_with(Permission.MANAGE_ROLES),
                                        unit__isnull=False)
              .values("unit__trust_id"))
    return Unit.objects.filter(trust_id__in=trusts)


def _require(by, unit, user) -> None:
    if not administered_units(by).filter(pk=unit.pk).exists():
        raise NotPermitted(Permission.MANAGE_ROLES, on=f"unit {unit.pk}")
    if user.pk == by.pk:
        raise ValidationError({"user": _("Du kan ikke endre dine egne roller. Be en annen "
                                          "tilgangsadministrator om å gjøre det.")})


def _log(by, request_id, reason) -> None:
    append(user=by, request_id=request_id, action=Action.ROLE, what="role",
           touches=[Touch(None, Basis.NONE)], reason=reason)


@transaction.atomic
def grant_role(*, user, role: str, unit, valid_from: dt.date, by,
               valid_to: dt.date | None = None, today: dt.date | None = None,
               request_id: str = "") -> RoleAssignment:
    """Give ``user`` ``role`` in ``unit`` from ``valid_from`` (not before today)."""
    today = today or timezone.localdate()
    _require(by, unit, user)
    if role not in GRANTABLE_ROLES:
        raise ValidationError({"role": _("Denne rollen gis ikke her.")})
    if valid_from < today:
        raise ValidationError({"valid_from": _(
            "En rolle kan ikke gis med virkning bakover i tid. Velg i dag eller senere.")})
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError({"valid_to": _("Sluttdatoen kan ikke være før startdatoen.")})
    assignment = RoleAssignment.objects.create(user=user, role=role, unit=unit,
                                               valid_from=valid_from, valid_to=valid_to)
    _log(by, request_id, f"granted {role} in unit {unit.pk} to user {user.pk} "
         f"({user.username}) from {valid_from} to {valid_to or 'open'} #{assignment.pk}")
    return assignment


@transaction.atomic
def end_role(*, assignment: RoleAssignment, on: dt.date, by, today: dt.date | None = None,
             request_id: str = "") -> RoleAssignment:
    """End a role on ``on`` (its last day; not before today)."""
    today = today or timezone.localdate()
    assignment = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.unit is None:
        raise NotPermitted(Permission.MANAGE_ROLES, on="a role outside a unit")
    _require(by, assignment.unit, assignment.user)
    if on < today:
        raise ValidationError({"on": _(
            "En rolle kan ikke avsluttes bakover i tid. Velg i dag eller senere.")})
    last_day = max(on, assignment.valid_from)
    if assignment.valid_to is not None and assignment.valid_to <= last_day:
        return assignment  # already ends by then
    assignment.valid_to = last_day
    assignment.save(update_fields=["valid_to"])
    _log(by, request_id, f"ended {assignment.role} in unit {assignment.unit_id} for user "
         f"{assignment.user_id} on {last_day} #{assignment.pk}")
    return assignment
