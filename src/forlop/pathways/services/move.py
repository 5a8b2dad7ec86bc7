from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from forlop.access.authorize import require_in_unit, require_on_pathway
from forlop.access.permissions import Permission
from forlop.pathways.models import Pathway, PathwayState, PathwayUnitChange
from forlop.pathways.services.indicator_facts import move_facts


class MoveRefused(ValueError):
    """A move the rules do not allow; nothing was saved. ``code`` is stable, ``field``
    the input it is about (``to_unit``, ``on``, ``reason``)."""

    def __init__(self, code: str, field: str, message: str):
        self.code, self.field = code, field
        super().__init__(message)


@transaction.atomic
def move_pathway(*, pathway: Pathway, to_unit, on: dt.date, by, reason: str,
                 today: dt.date | None = None) -> PathwayUnitChange:
    """Move an open pathway to another unit of the same trust; the pathway continues
    (same instance, events and clocks). Between trusts use ``transfer_pathway``.

    The actor needs a clinical registration right on the pathway *and* a role in the
    receiving unit that may register there (``EDIT_PATHWAY``): a unit does not get
    patients pushed onto its list by someone who does not work there (docs/security.md).
    Appends a ``PathwayUnitChange`` row and keeps ``Pathway.unit`` and
    ``PathwayState.unit`` (the worklist's) in step. Raises ``NotPermitted`` or
    ``MoveRefused``; nothing is saved then.
    """
    require_on_pathway(by, Permission.REGISTER_CLINICAL, pathway)
    if to_unit.trust_id != pathway.trust_id:  # before the unit's check: says what to do
        raise MoveRefused("other_trust", "to_unit",
                          "the unit belongs to another trust: transfer the pathway instead")
    require_in_unit(by, Permission.EDIT_PATHWAY, to_unit)
    today = today or timezone.localdate()
    locked = Pathway.objects.select_for_update().get(pk=pathway.pk)
    _check(locked, to_unit, on, reason, today)
    change = PathwayUnitChange.objects.create(
        pathway=locked, from_unit_id=locked.unit_id, to_unit=to_unit, on=on,
        reason=reason.strip(), changed_by=by)
    locked.unit = to_unit
    locked.save(update_fields=["unit"])
    PathwayState.objects.filter(pathway=locked).update(unit=to_unit)
    move_facts(pathway=locked, unit=to_unit)
    pathway.unit = to_unit
    return change


def _check(pathway: Pathway, to_unit, on: dt.date, reason: str, today: dt.date) -> None:
    if to_unit.pk == pathway.unit_id:
        raise MoveRefused("same_unit", "to_unit", "the pathway is already in this unit")
    if not pathway.is_open:
        raise MoveRefused("closed", "to_unit", "a closed pathway is not moved")
    if on > today:
        raise MoveRefused("future_date", "on", "a move is registered on or after its day")
    if on < pathway.started_on:
        raise MoveRefused("before_start", "on", "the move is dated before the pathway started")
    last = pathway.unit_changes.order_by("-on", "-pk").values_list("on", flat=True).first()
    if last is not None and on < last:
        raise MoveRefused("before_last_move", "on",
                          "the move is dated before the pathway's previous move")
    if not reason.strip():
        raise MoveRefused("reason_required", "reason", "a move needs a reason")
