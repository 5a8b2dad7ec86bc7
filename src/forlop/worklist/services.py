"""Writes from the worklist: saved views, and handing a pathway to another coordinator.

Each takes keyword-only arguments and the actor ``by``, checks the actor itself and
runs in one transaction.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from forlop.access.audit import Touch, append
from forlop.access.authorize import NotPermitted, require_on_pathway
from forlop.access.models import Action
from forlop.access.permissions import Permission, roles_with
from forlop.access.policy import access_to, unit_roles_of
from forlop.accounts.models import RoleAssignment
from forlop.accounts.roles import Role
from forlop.pathways.models import Pathway
from forlop.worklist.models import CoordinatorChange, SavedView

MIN_REASON_LENGTH = 10


def coordinators_of(unit_ids):
    """Active coordinator-role assignments in these units (who may be given a pathway)."""
    return RoleAssignment.objects.active().filter(role=Role.COORDINATOR, unit_id__in=unit_ids,
                                                  user__is_active=True)


def assigning_units(user):
    """Ids of the units where the user's role lets them reassign coordinators."""
    return (unit_roles_of(user).filter(role__in=roles_with(Permission.ASSIGN_COORDINATOR))
            .values("unit_id"))


@transaction.atomic
def save_view(*, by, name: str, params: dict, unit=None) -> SavedView:
    """Save a view of the worklist for ``by`` alone, or for ``unit``'s staff when
    ``by`` holds a unit role there. ``params`` is the filter form's validated data."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Gi visningen et navn.")})
    if unit is not None and not unit_roles_of(by).filter(unit=unit).exists():
        raise NotPermitted(Permission.VIEW_WORKLIST, on=f"unit {unit.pk}")
    same = SavedView.objects.filter(name=name)
    same = same.filter(unit=unit) if unit is not None else same.filter(owner=by,
                                                                       unit__isnull=True)
    if same.exists():
        raise ValidationError({"name": _("Det finnes allerede en visning med dette navnet. "
                                         "Velg et annet navn.")})
    return SavedView.objects.create(owner=by, unit=unit, name=name, params=params)


def may_delete_view(user, view: SavedView) -> bool:
    """The owner deletes their view; a team view also its unit's leader."""
    if view.owner_id == user.pk:
        return True
    return view.unit_id is not None and unit_roles_of(user).filter(
        unit_id=view.unit_id, role=Role.LEADER).exists()


@transaction.atomic
def delete_view(*, view: SavedView, by) -> None:
    if not may_delete_view(by, view):
        raise NotPermitted(Permission.VIEW_WORKLIST, on=f"saved view {view.pk}")
    view.delete()


@transaction.atomic
def reassign_coordinator(*, pathway: Pathway, to, by, reason: str,
                         request_id: str = "") -> CoordinatorChange:
    """Make ``to`` the pathway's coordinator. ``by`` needs ASSIGN_COORDINATOR on the
    pathway (a coordinator or the leader of its unit); ``to`` must hold the
    coordinator role in the pathway's unit today. Writes the history row and an
    access-log row for the patient."""
    require_on_pathway(by, Permission.ASSIGN_COORDINATOR, pathway)
    reason = reason.strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationError({"reason": _(
            "Skriv en begrunnelse på minst %(n)s tegn.") % {"n": MIN_REASON_LENGTH}})
    pathway = Pathway.objects.select_for_update().get(pk=pathway.pk)
    if not pathway.is_open:
        raise ValidationError({"pathways": _("Forløpet er avsluttet; koordinatoren kan ikke "
                                             "byttes.")})
    if not coordinators_of([pathway.unit_id]).filter(user=to).exists():
        raise ValidationError({"to": _("Den nye koordinatoren må ha rollen "
                                       "forløpskoordinator i forløpets enhet.")})
    if pathway.coordinator_id == to.pk:
        raise ValidationError({"to": _("Personen er allerede koordinator for forløpet.")})
    change = CoordinatorChange.objects.create(pathway=pathway, from_user_id=pathway.coordinator_id,
                                              to_user=to, changed_by=by, reason=reason)
    pathway.coordinator = to
    pathway.save(update_fields=["coordinator"])
    access = access_to(by, pathway)
    append(user=by, request_id=request_id, action=Action.WRITE, what="coordinator",
           reason=reason,
           touches=[Touch(pathway.patient_id, access.basis, access.role, access.unit_id)])
    return change


@transaction.atomic
def reassign_coordinators(*, pathways, to, by, reason: str,
                          request_id: str = "") -> list[CoordinatorChange]:
    """``reassign_coordinator`` for several pathways: all or none (one transaction)."""
    if not pathways:
        raise ValidationError({"pathways": _("Velg minst ett forløp.")})
    return [reassign_coordinator(pathway=p, to=to, by=by, reason=reason, request_id=request_id)
            for p in pathways]
