"""Whose figures a reader sees, and at which levels.

The reader's own units are those where ``VIEW_INDICATORS`` is theirs (a unit role,
or a role at a level of the management line above the unit: ``access.policy.
units_reached``). Their figures are shown in full, with the pathway lists behind
them. Every wider level (a department or clinic, the trust, the region, the nation)
is shown as published figures: a cell with a small number is suppressed unless the
reader reaches every unit in it (DESIGN.md §3; ``kernel.indicators.suppressed``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from forlop.access.permissions import Permission
from forlop.access.policy import units_reached
from forlop.organisations.models import OrgLevel, Unit, levels_below


@dataclass(frozen=True)
class Group:
    """A row of figures: a unit, a management level, a trust, a region or the nation."""

    key: str  # "unit:3", "level:2", "trust:1", "region:1", "nation"
    kind: str  # unit | level | trust | private (institution) | region | nation
    name: str
    unit_ids: frozenset[int]
    own: bool  # every unit in it is the reader's: shown in full, with pathway lists
    depth: int = 0  # indentation of a management level under its parent


@dataclass
class IndicatorScope:
    own_unit_ids: frozenset[int]
    units: list[Unit] = field(default_factory=list)  # the reader's own, by trust and name
    groups: list[Group] = field(default_factory=list)

    @classmethod
    def of(cls, user) -> IndicatorScope:
        own = frozenset(units_reached(user, Permission.VIEW_INDICATORS))
        scope = cls(own)
        if not own:
            return scope
        all_units = list(Unit.objects.select_related("trust__region").order_by("name"))
        scope.units = [u for u in all_units if u.pk in own]
        scope.groups = _groups(own, all_units, scope.units)
        return scope

    @property
    def trust_ids(self) -> set[int]:
        return {u.trust_id for u in self.units}

    def group(self, key: str) -> Group | None:
        return next((g for g in self.groups if g.key == key), None)


def _groups(own: frozenset[int], all_units: list[Unit], mine: list[Unit]) -> list[Group]:
    groups = [Group(f"unit:{u.pk}", "unit", u.name, frozenset({u.pk}), True) for u in mine]
    trusts = {u.trust_id: u.trust for u in mine}
    levels = list(OrgLevel.objects.filter(trust_id__in=trusts).order_by("pk"))
    pairs = [(lv.pk, lv.parent_id) for lv in levels]
    for level in _in_tree_order(levels):
        below = levels_below(pairs, [level.pk])
        ids = frozenset(u.pk for u in all_units if u.org_level_id in below)
        if ids and ids <= own:  # a level the reader leads in full
            groups.append(Group(f"level:{level.pk}", "level", level.name, ids, True,
                                _depth(level, levels)))
    regions = {}
    for trust in trusts.values():
        ids = frozenset(u.pk for u in all_units if u.trust_id == trust.pk)
        kind = "private" if trust.is_private else "trust"  # shown with its kind (ADR 67)
        groups.append(Group(f"trust:{trust.pk}", kind, trust.name, ids, ids <= own))
        regions[trust.region_id] = trust.region
    for region in regions.values():
        ids = frozenset(u.pk for u in all_units if u.trust.region_id == region.pk)
        groups.append(Group(f"region:{region.pk}", "region", region.name, ids, ids <= own))
    every = frozenset(u.pk for u in all_units)
    groups.append(Group("nation", "nation", "", every, every <= own))
    return groups


def _in_tree_order(levels: list[OrgLevel]) -> list[OrgLevel]:
    children: dict[int | None, list[OrgLevel]] = {}
    for level in levels:
        children.setdefault(level.parent_id, []).append(level)
    ordered: list[OrgLevel] = []

    def visit(parent):
        for level in children.get(parent, []):
            ordered.append(level)
            visit(level.pk)

    visit(None)
    return ordered


def _depth(level: OrgLevel, levels: list[OrgLevel]) -> int:
    by_id = {lv.pk: lv for lv in levels}
    depth = 0
    while level.parent_id is not None and level.parent_id in by_id:
        level, depth = by_id[level.parent_id], depth + 1
    return depth
