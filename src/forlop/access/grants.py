"""Role grants: who holds which role where (a unit, a municipality, a GP office), from
when to when.

Roles open patient records, so granting one is an act the access log records (who
gave what to whom, from when), done through these services only: the Django admin
shows role assignments read-only. The rules: the actor holds a role with
``MANAGE_ROLES`` in a unit of the same trust (the access administrator) or in the
municipality (the coordinating unit's lead, for the municipality's roles and its GP
offices' GPs); the trust's management levels take their leaders from the trust's
access administrator; only the roles that belong to the place (``GRANTABLE_AT``); no
back-dating (a role starts today or later, and ends today or later); nobody changes
their own roles (a second person always does it).
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
from forlop.accounts.roles import GRANTABLE_AT

PLACE_KINDS = tuple(GRANTABLE_AT)  # the place fields of ``RoleAssignment``


def _kind(place) -> str:
    from forlop.organisations.models import GpOffice, Municipality, OrgLevel, Unit

    return {Unit: "unit", Municipality: "municipality", GpOffice: "gp_office",
            OrgLevel: "org_level"}[type(place)]


def administered_places(user) -> dict[str, object]:
    """Where ``user`` grants roles, per kind of place (querysets): the units and the
    management levels of the trusts where they hold the administering role in a unit,
    and the municipalities (with their GP offices) where they hold it there."""
    from forlop.organisations.models import GpOffice, Municipality, OrgLevel, Unit

    held = active_roles(user).filter(role__in=roles_with(Permission.MANAGE_ROLES))
    trusts = held.filter(unit__isnull=False).values("unit__trust_id")
    municipalities = held.filter(municipality__isnull=False).values("municipality_id")
    return {"unit": Unit.objects.filter(trust_id__in=trusts),
            "municipality": Municipality.objects.filter(pk__in=municipalities),
            "gp_office": GpOffice.objects.filter(municipality_id__in=municipalities),
            "org_level": OrgLevel.objects.filter(trust_id__in=trusts)}


def _require(by, place, user) -> None:
    kind = _kind(place)
    if not administered_places(by)[kind].filter(pk=place.pk).exists():
        raise NotPermitted(Permission.MANAGE_ROLES, on=f"{kind} {place.pk}")
    if user.pk == by.pk:
        raise ValidationError({"user": _("Du kan ikke endre dine egne roller. Be en annen "
                                          "tilgangsadministrator om å gjøre det.")})


def _log(by, request_id, reason) -> None:
    append(user=by, request_id=request_id, action=Action.ROLE, what="role",
           touches=[Touch(None, Basis.NONE)], reason=reason)


@transaction.atomic
def grant_role(*, user, role: str, place, valid_from: dt.date, by,
               valid_to: dt.date | None = None, today: dt.date | None = None,
               request_id: str = "") -> RoleAssignment:
    """Give ``user`` ``role`` at ``place`` (a unit, a municipality or a GP office) from
    ``valid_from`` (not before today)."""
    today = today or timezone.localdate()
    _require(by, place, user)
    kind = _kind(place)
    if role not in GRANTABLE_AT[kind]:
        raise ValidationError({"role": _("Denne rollen kan ikke gis her. Velg en rolle som "
                                         "hører til stedet.")})
    if valid_from < today:
        raise ValidationError({"valid_from": _(
            "En rolle kan ikke gis med virkning bakover i tid. Velg i dag eller senere.")})
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError({"valid_to": _("Sluttdatoen kan ikke være før startdatoen.")})
    assignment = RoleAssignment.objects.create(user=user, role=role, valid_from=valid_from,
                                               valid_to=valid_to, **{kind: place})
    _log(by, request_id, f"granted {role} in {kind} {place.pk} to user {user.pk} "
         f"({user.username}) from {valid_from} to {valid_to or 'open'} #{assignment.pk}")
    return assignment


@transaction.atomic
def end_role(*, assignment: RoleAssignment, on: dt.date, by, today: dt.date | None = None,
             request_id: str = "") -> RoleAssignment:
    """End a role on ``on`` (its last day; not before today)."""
    today = today or timezone.localdate()
    assignment = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
    place = (assignment.unit or assignment.municipality or assignment.gp_office
             or assignment.org_level)
    if place is None:
        raise NotPermitted(Permission.MANAGE_ROLES, on="a role held nowhere in particular")
    _require(by, place, assignment.user)
    if on < today:
        raise ValidationError({"on": _(
            "En rolle kan ikke avsluttes bakover i tid. Velg i dag eller senere.")})
    last_day = max(on, assignment.valid_from)
    if assignment.valid_to is not None and assignment.valid_to <= last_day:
        return assignment  # already ends by then
    assignment.valid_to = last_day
    assignment.save(update_fields=["valid_to"])
    _log(by, request_id, f"ended {assignment.role} in {_kind(place)} {place.pk} for user "
         f"{assignment.user_id} on {last_day} #{assignment.pk}")
    return assignment
