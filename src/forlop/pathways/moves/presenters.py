"""The setting history and the unit history of one pathway, ready for a template."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from forlop.pathways.kernel_bridge import effective_rows
from forlop.pathways.models import CareSetting


@dataclass(frozen=True)
class SettingPeriod:
    on: dt.date
    setting: str  # the label, never the key
    by: object | None
    note: str
    at_start: bool = False


@dataclass(frozen=True)
class UnitMove:
    on: dt.date
    from_unit: str
    to_unit: str
    by: object
    reason: str


def setting_history(pathway, change_rows) -> list[SettingPeriod]:
    """The setting at the start, then each change in date order."""
    labels = dict(CareSetting.choices)
    periods = [SettingPeriod(pathway.started_on, str(labels.get(pathway.setting_at_start, "–")),
                             None, "", at_start=True)]
    for row in sorted(effective_rows(change_rows), key=lambda r: (r.on, r.pk)):
        periods.append(SettingPeriod(row.on, str(labels.get(row.data.get("setting"), "–")),
                                     row.registered_by, row.data.get("reason", "")))
    return periods


def unit_history(changes) -> list[UnitMove]:
    return [UnitMove(c.on, c.from_unit.name, c.to_unit.name, c.changed_by, c.reason)
            for c in changes]
